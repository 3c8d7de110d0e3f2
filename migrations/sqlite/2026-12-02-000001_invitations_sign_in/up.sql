-- Invitations: when the current link was sent (a resend replaces the link and its hash),
-- when the expiry job closed it, and who accepted it; at most one open invitation per
-- account and address.
ALTER TABLE invitations ADD COLUMN sent_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE invitations SET sent_at = created_at;
ALTER TABLE invitations ADD COLUMN expired_at TIMESTAMP;
ALTER TABLE invitations ADD COLUMN accepted_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX invitations_open ON invitations (account_id, email)
    WHERE accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL AND expired_at IS NULL;

-- Failed sign-ins, per typed address and per client address, for the throttle (kept in
-- the database so that it holds across instances).
CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    ip TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures (ip, at);
