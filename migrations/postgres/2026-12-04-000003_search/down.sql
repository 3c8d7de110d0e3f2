DROP INDEX accounts_search_key_missing;
DROP INDEX invitations_open_owner;
DROP INDEX users_email_trgm;
DROP INDEX accounts_search_key_trgm;
ALTER TABLE accounts DROP COLUMN search_key;
