DROP INDEX audit_events_groups_made;
