-- Support access: a group's staff member signed in as a client's owner (or admin). One
-- row per impersonation, from "Log in" to its end (Return to console, sign-out, 30 idle
-- minutes, 4 hours in all, or the staff member's rights or the client changing), so the
-- client's owner and admins see who came in, when, for how long and why.
CREATE TABLE impersonations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id BIGINT NOT NULL REFERENCES accounts (id),
    client_id BIGINT NOT NULL REFERENCES accounts (id),
    staff_user_id BIGINT NOT NULL REFERENCES users (id),
    target_user_id BIGINT NOT NULL REFERENCES users (id),
    reason TEXT,
    started_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    end_reason TEXT
);
CREATE INDEX impersonations_client ON impersonations (client_id, started_at);
-- Ending them with the right they rest on (a staff member removed, a client user removed).
CREATE INDEX impersonations_staff ON impersonations (staff_user_id) WHERE ended_at IS NULL;
CREATE INDEX impersonations_target ON impersonations (target_user_id) WHERE ended_at IS NULL;
-- The scheduled sweep finds the open ones that went idle.
CREATE INDEX impersonations_open ON impersonations (last_seen_at) WHERE ended_at IS NULL;
-- The audit views, newest first: a group's events, a client's, and one person's (who
-- acted, or who was signed in as someone).
CREATE INDEX audit_events_group_id ON audit_events (group_id, id);
CREATE INDEX audit_events_account_id ON audit_events (account_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);
CREATE INDEX audit_events_impersonator ON audit_events (impersonator_id, id)
    WHERE impersonator_id IS NOT NULL;
