-- Links to confirm a new sign-in address: a fourth purpose of tokens.
ALTER TABLE tokens DROP CONSTRAINT tokens_purpose_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_purpose_check
    CHECK (purpose IN ('setup', 'activation', 'password_reset', 'email_change', 'email_confirm'));
