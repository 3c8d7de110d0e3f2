ALTER TABLE accounts DROP COLUMN deletion_notifications;
