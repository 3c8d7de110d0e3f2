-- Two-step verification (issue 16): a user's TOTP secret is `users.totp_secret` (set only
-- once confirmed); the last 30-second step a code was accepted for, so a code opens one
-- sign-in only; ten recovery codes, stored as SHA-256 of 80 random bits; and a group's
-- "staff must use two-step verification" (a row per group that requires it: the accounts
-- table has no column to spare).
ALTER TABLE users ADD COLUMN totp_enabled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id, code_hash);
CREATE TABLE two_step_groups (
    group_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    since TIMESTAMP NOT NULL
);
