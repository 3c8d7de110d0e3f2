-- What the client list reads beside its rows, from the index alone (no heap look-up per
-- client once vacuumed): the owners of a page's clients and the group's staff (account,
-- role → user, since, membership id), and each client's services with their status.
CREATE INDEX memberships_account_role ON memberships (account_id, role)
    INCLUDE (user_id, created_at, id);
CREATE INDEX client_services_client_status ON client_services (client_id, service_id)
    INCLUDE (status);
