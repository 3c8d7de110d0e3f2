-- The list's search (issue 15) without scanning the table: each client's name, company,
-- custom id and unique identifier, folded by the application (lower case, accents off)
-- into `search_key`, and owners' addresses, are indexed by trigrams (pg_trgm, GIN), which
-- serve `LIKE '%…%'` for needles of three characters and more and are kept by every
-- write's own transaction. The application fills the keys of existing clients when it
-- starts after this migration.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE accounts ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX accounts_search_key_trgm ON accounts USING gin (search_key gin_trgm_ops);
CREATE INDEX users_email_trgm ON users USING gin (email gin_trgm_ops);

-- Owners still invited are searched by address too: only the open owner invitations,
-- read from this small index rather than from every invitation ever sent.
CREATE INDEX invitations_open_owner ON invitations (email, account_id)
    WHERE role = 'owner' AND accepted_at IS NULL AND declined_at IS NULL
      AND revoked_at IS NULL AND expired_at IS NULL;

-- The clients whose key is still to be made (at start): found without reading the table.
CREATE INDEX accounts_search_key_missing ON accounts (id) WHERE search_key = '';
