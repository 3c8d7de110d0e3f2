DROP TABLE recovery_codes;
DROP TABLE two_step_groups;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_enabled_at;
