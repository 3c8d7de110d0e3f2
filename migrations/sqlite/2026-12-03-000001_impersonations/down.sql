DROP INDEX audit_events_impersonator;
DROP INDEX audit_events_actor;
DROP INDEX audit_events_account_id;
DROP INDEX audit_events_group_id;
DROP TABLE impersonations;
