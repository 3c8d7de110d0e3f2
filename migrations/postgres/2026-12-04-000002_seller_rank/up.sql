-- The seller sort (issue 15): each client stores its seller's place in the group's staff
-- sorted by name (ordered by the application, so accents sort alike on both backends);
-- 2147483646 for a seller who left the staff, 2147483647 for no seller (last). The
-- application ranks existing clients when it starts; an index serves the sort both ways.
ALTER TABLE accounts ADD COLUMN seller_rank INTEGER NOT NULL DEFAULT 2147483647;
UPDATE accounts SET seller_rank = 2147483646 WHERE seller_id IS NOT NULL;
CREATE INDEX accounts_parent_seller_rank ON accounts (parent_id, seller_rank, name_key, id);
DROP INDEX accounts_parent_seller;
CREATE INDEX accounts_parent_seller ON accounts (parent_id, seller_id, seller_rank);
-- The name sort with its tie-break (SQLite's indexes end with the rowid already).
CREATE INDEX accounts_parent_name_id ON accounts (parent_id, name_key, id);
-- The list's count reads the counters now, and a status filter the status sort's index:
-- this index only tempted SQLite's planner into reading page 1 through it and sorting.
DROP INDEX accounts_parent_filters;
