-- Deletion (SPEC §2): at most one open request per client (two owners asking at once
-- make one request), and deletions staff made without a request recorded beside the
-- requests, so that a client's deletion history is one list.
CREATE UNIQUE INDEX deletion_requests_open ON deletion_requests (client_id)
    WHERE cancelled_at IS NULL AND completed_at IS NULL;
ALTER TABLE deletion_requests ADD COLUMN by_staff BOOLEAN NOT NULL DEFAULT FALSE;
