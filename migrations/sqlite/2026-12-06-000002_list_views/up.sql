-- The client list's columns a person chose (issue 17): the optional columns shown, as a
-- comma-separated list of their codes ('' = the default set). One per person: the same
-- columns in every group they work in.
ALTER TABLE users ADD COLUMN list_columns TEXT NOT NULL DEFAULT '';

-- Saved views of the client list: a person's named list query (sort, filters, columns),
-- one group's, theirs alone; at most one opens the list by default.
CREATE TABLE list_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    query TEXT NOT NULL,
    is_default BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX list_views_name ON list_views (user_id, group_id, name_key);
CREATE UNIQUE INDEX list_views_default ON list_views (user_id, group_id) WHERE is_default;
