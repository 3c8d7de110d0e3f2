-- Links to confirm a new sign-in address: a fourth purpose of tokens. SQLite cannot alter
-- a CHECK constraint, so the table is rebuilt (nothing references it).
CREATE TABLE tokens_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'activation', 'password_reset', 'email_change', 'email_confirm')),
    token_hash TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    email TEXT,
    account_id INTEGER REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
INSERT INTO tokens_new (id, purpose, token_hash, user_id, email, account_id, created_at, expires_at, used_at)
    SELECT id, purpose, token_hash, user_id, email, account_id, created_at, expires_at, used_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE UNIQUE INDEX tokens_token_hash ON tokens (token_hash);
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_purpose_expires ON tokens (purpose, expires_at);
