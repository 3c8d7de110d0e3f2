-- The reminder an owner who has not accepted yet gets on day 11 of their 14 (issue 17):
-- when it went out for the invitation's current link (a resend clears it, as it starts a
-- new 14 days), and the hash of the link the first email carried, which keeps working
-- beside the reminder's own until the same expiry. The job finds the open owner
-- invitations not reminded yet by this partial index, ordered by when their link was sent.
ALTER TABLE invitations ADD COLUMN reminded_at TIMESTAMP;
ALTER TABLE invitations ADD COLUMN earlier_token_hash TEXT;
CREATE UNIQUE INDEX invitations_earlier_token_hash ON invitations (earlier_token_hash);
CREATE INDEX invitations_owner_reminder_due ON invitations (sent_at)
    WHERE role = 'owner' AND reminded_at IS NULL AND accepted_at IS NULL
      AND declined_at IS NULL AND revoked_at IS NULL AND expired_at IS NULL;
