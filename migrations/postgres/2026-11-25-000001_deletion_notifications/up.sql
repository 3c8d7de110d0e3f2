-- Vendor settings: whether deletion requests are emailed to the group's recipients.
ALTER TABLE accounts ADD COLUMN deletion_notifications BOOLEAN NOT NULL DEFAULT FALSE;
