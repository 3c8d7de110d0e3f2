DROP TABLE sign_in_failures;
DROP INDEX invitations_open;
ALTER TABLE invitations DROP COLUMN accepted_by;
ALTER TABLE invitations DROP COLUMN expired_at;
ALTER TABLE invitations DROP COLUMN sent_at;
