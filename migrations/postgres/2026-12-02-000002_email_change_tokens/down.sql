DELETE FROM tokens WHERE purpose IN ('email_change', 'email_confirm');
ALTER TABLE tokens DROP CONSTRAINT tokens_purpose_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_purpose_check
    CHECK (purpose IN ('setup', 'activation', 'password_reset'));
