-- Clientele: the full schema for SPEC §2 (SQLite twin of migrations/postgres).
-- The application owns ids, timestamps (UTC, written from Rust) and normalised keys
-- (lower-cased in Rust, so SQLite and PostgreSQL compare and sort alike).

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,                    -- lower-cased on write
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    password_hash TEXT,                     -- NULL while pending activation
    totp_secret TEXT,
    activated_at TIMESTAMP,
    disabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('group', 'client')),
    parent_id INTEGER REFERENCES accounts (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    company_name TEXT NOT NULL DEFAULT '',
    company_key TEXT NOT NULL DEFAULT '',
    unique_identifier TEXT,
    unique_identifier_key TEXT,
    billing_emails TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    custom_id TEXT,
    custom_id_key TEXT,
    seller_id INTEGER REFERENCES users (id),
    test_account BOOLEAN NOT NULL DEFAULT FALSE,
    language TEXT NOT NULL DEFAULT 'en',
    country TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'preparation',
    status_rank INTEGER NOT NULL DEFAULT 2,
    services_customised BOOLEAN NOT NULL DEFAULT FALSE,
    notification_emails TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    CHECK ((kind = 'group' AND parent_id IS NULL) OR (kind = 'client' AND parent_id IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_parent_name_key ON accounts (parent_id, name_key);
CREATE UNIQUE INDEX accounts_parent_unique_identifier_key ON accounts (parent_id, unique_identifier_key);
CREATE UNIQUE INDEX accounts_parent_custom_id_key ON accounts (parent_id, custom_id_key);
-- The list sorts by each key, then name, then id: one index per sort.
CREATE INDEX accounts_parent_company ON accounts (parent_id, company_key, name_key, id);
CREATE INDEX accounts_parent_status ON accounts (parent_id, status_rank, name_key, id);
CREATE INDEX accounts_parent_created ON accounts (parent_id, created_at, name_key, id);
CREATE INDEX accounts_parent_seller ON accounts (parent_id, seller_id, id);
CREATE INDEX accounts_seller ON accounts (seller_id);
-- Covers the list's count and its test/status/seller filters without touching the rows.
CREATE INDEX accounts_parent_filters ON accounts (parent_id, test_account, kind, status, seller_id);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'seller', 'member')),
    permissions TEXT NOT NULL DEFAULT '',   -- comma-separated: account,services,users,billing
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX memberships_account_user ON memberships (account_id, user_id);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX services_code ON services (code);
INSERT INTO services (code, name, position, created_at) VALUES
    ('cdn', 'CDN', 1, '2026-11-23 00:00:00'),
    ('storage', 'Storage', 2, '2026-11-23 00:00:00'),
    ('streaming', 'Streaming', 3, '2026-11-23 00:00:00'),
    ('dns', 'DNS', 4, '2026-11-23 00:00:00'),
    ('cloud', 'Cloud', 5, '2026-11-23 00:00:00');

CREATE TABLE group_services (
    group_id INTEGER NOT NULL REFERENCES accounts (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    visible BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, service_id)
);

CREATE TABLE client_services (
    client_id INTEGER NOT NULL REFERENCES accounts (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    visible BOOLEAN NOT NULL,
    status TEXT CHECK (status IN ('trial', 'active', 'paused', 'trial_end', 'deleted')),
    status_before_deletion TEXT,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (client_id, service_id)
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'seller', 'member')),
    permissions TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL,
    invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    declined_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX invitations_token_hash ON invitations (token_hash);
CREATE INDEX invitations_email ON invitations (email);
CREATE INDEX invitations_account ON invitations (account_id);

CREATE TABLE tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'activation', 'password_reset')),
    token_hash TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    email TEXT,
    account_id INTEGER REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE UNIQUE INDEX tokens_token_hash ON tokens (token_hash);
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_purpose_expires ON tokens (purpose, expires_at);

CREATE TABLE deletion_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES accounts (id),
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    requested_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP,
    cancelled_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    cancel_note TEXT,
    completed_at TIMESTAMP,
    completed_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX deletion_requests_client ON deletion_requests (client_id, requested_at);
CREATE INDEX deletion_requests_due ON deletion_requests (due_at);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TIMESTAMP NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_email TEXT,
    impersonator_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    impersonator_email TEXT,
    group_id INTEGER REFERENCES accounts (id),
    account_id INTEGER REFERENCES accounts (id),
    action TEXT NOT NULL,
    changes TEXT NOT NULL DEFAULT '{}',
    ip TEXT
);
CREATE INDEX audit_events_account ON audit_events (account_id, at);
CREATE INDEX audit_events_group ON audit_events (group_id, at);

-- Every email is a row written in the transaction of the change that causes it; the
-- delivery worker claims due rows (claimed_until is a lease), sends, and marks them.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER REFERENCES accounts (id),   -- whose "Email problems" page lists it
    to_address TEXT NOT NULL,
    language TEXT NOT NULL,
    template TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP,
    failed_at TIMESTAMP,
    last_error TEXT,
    give_up_at TIMESTAMP NOT NULL,           -- retries stop here (24 h after queueing or a manual retry)
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at);
CREATE INDEX outbox_group ON outbox (group_id, failed_at);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,                    -- SHA-256 of the cookie's session key, never the key itself
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
