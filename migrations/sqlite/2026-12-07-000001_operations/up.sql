-- Running it in production (issue 18). The last run of each scheduled job, whichever
-- instance ran it, for the operators' status page: one row per job, replaced at each run.
CREATE TABLE job_runs (
    job TEXT PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    ok BOOLEAN NOT NULL,
    rows_affected BIGINT NOT NULL,
    error TEXT
);
-- Groups whose owners see the status page besides the first group's
-- (`clientele create-group --operator`): a row per such group.
CREATE TABLE operator_groups (
    group_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    since TIMESTAMP NOT NULL
);
-- The first group of an installation that exists already.
INSERT INTO operator_groups (group_id, since)
SELECT id, CURRENT_TIMESTAMP FROM accounts WHERE kind = 'group' ORDER BY id LIMIT 1;
