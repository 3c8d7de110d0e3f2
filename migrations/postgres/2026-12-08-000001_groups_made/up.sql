-- "Add new account" (issue 35): at most 10 groups a person makes in 24 hours, counted
-- from their `group.created` events. A partial index of those events only (a few rows),
-- by the person and the time, so the count reads a handful of entries however many
-- other events the person has.
CREATE INDEX audit_events_groups_made ON audit_events (actor_id, at)
    WHERE action = 'group.created';
