-- The list's search (issue 15) without scanning the table: each client's name, company,
-- custom id and unique identifier, folded by the application (lower case, accents off)
-- into `search_key`, indexed by an FTS5 trigram table (substrings of three characters
-- and more); owners' addresses by another over `users.email`. Triggers keep both in the
-- same transaction as every write. The application fills the keys of existing clients
-- when it starts after this migration.
ALTER TABLE accounts ADD COLUMN search_key TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE accounts_search USING fts5(
    search_key, content = 'accounts', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO accounts_search (rowid, search_key) VALUES (NEW.id, NEW.search_key);
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
    INSERT INTO accounts_search (accounts_search, rowid, search_key)
    VALUES ('delete', OLD.id, OLD.search_key);
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF search_key ON accounts
WHEN OLD.search_key IS NOT NEW.search_key BEGIN
    INSERT INTO accounts_search (accounts_search, rowid, search_key)
    VALUES ('delete', OLD.id, OLD.search_key);
    INSERT INTO accounts_search (rowid, search_key) VALUES (NEW.id, NEW.search_key);
END;
INSERT INTO accounts_search (accounts_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE users_search USING fts5(
    email, content = 'users', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search (rowid, email) VALUES (NEW.id, NEW.email);
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_search (users_search, rowid, email) VALUES ('delete', OLD.id, OLD.email);
END;
CREATE TRIGGER users_search_update AFTER UPDATE OF email ON users
WHEN OLD.email IS NOT NEW.email BEGIN
    INSERT INTO users_search (users_search, rowid, email) VALUES ('delete', OLD.id, OLD.email);
    INSERT INTO users_search (rowid, email) VALUES (NEW.id, NEW.email);
END;
INSERT INTO users_search (users_search) VALUES ('rebuild');

-- Owners still invited are searched by address too: only the open owner invitations,
-- read from this small index rather than from every invitation ever sent.
CREATE INDEX invitations_open_owner ON invitations (email, account_id)
    WHERE role = 'owner' AND accepted_at IS NULL AND declined_at IS NULL
      AND revoked_at IS NULL AND expired_at IS NULL;

-- The clients whose key is still to be made (at start): found without reading the table.
CREATE INDEX accounts_search_key_missing ON accounts (id) WHERE search_key = '';
