-- Unlocking a sign-in (issue 33): the time a group's owner or admin lifted the current
-- wait of an address. The failures stay (so the next ones lock for longer, as if no
-- unlock had happened); only a wait that began before this time is lifted. One row per
-- address, replaced by each unlock, removed by a success and by the job once the
-- failures it lifted have left the window.
CREATE TABLE sign_in_unlocks (
    email TEXT PRIMARY KEY NOT NULL,
    unlocked_at TIMESTAMP NOT NULL
);
