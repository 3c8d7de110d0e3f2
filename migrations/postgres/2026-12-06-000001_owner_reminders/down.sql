DROP INDEX invitations_owner_reminder_due;
DROP INDEX invitations_earlier_token_hash;
ALTER TABLE invitations DROP COLUMN earlier_token_hash;
ALTER TABLE invitations DROP COLUMN reminded_at;
