-- The owner named for a new client is always invited (whether or not the address has a
-- user): the invitation keeps the name staff typed and, when staff set a sign-in
-- password, its bcrypt hash (used only if the invitee is new to Clientele).
ALTER TABLE invitations ADD COLUMN first_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN last_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN password_hash TEXT;

-- A user with a password has activated (the first sign-in used to be the activation of
-- an owner whose password staff set; now the owner's invitation is).
UPDATE users SET activated_at = created_at WHERE password_hash IS NOT NULL AND activated_at IS NULL;
