ALTER TABLE deletion_requests DROP COLUMN by_staff;
DROP INDEX deletion_requests_open;
