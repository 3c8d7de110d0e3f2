-- What the client list reads beside its rows, from the index alone (no row look-up per
-- client): the owners of a page's clients and the group's staff (account, role → user,
-- since; the membership id rides along), and each client's services with their status.
CREATE INDEX memberships_account_role ON memberships (account_id, role, user_id, created_at);
CREATE INDEX client_services_client_status ON client_services (client_id, service_id, status);
