-- The users who have not activated their account yet: the minute job that removes owners
-- who let their activation lapse reads these few, not every user of every tenant.
CREATE INDEX users_pending ON users (id) WHERE activated_at IS NULL;
