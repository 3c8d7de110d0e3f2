-- The owner named for a new client is always invited (whether or not the address has a
-- user): the invitation keeps the name staff typed and, when staff set a sign-in
-- password, its bcrypt hash (used only if the invitee is new to Clientele).
ALTER TABLE invitations ADD COLUMN first_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN last_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN password_hash TEXT;
