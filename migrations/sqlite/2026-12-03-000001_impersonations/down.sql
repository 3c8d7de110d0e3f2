DROP INDEX audit_events_group_id;
DROP TABLE impersonations;
