-- The client list's counts (issue 15): how many clients each group has, by seller (0 for
-- none), status and test flag, kept by a trigger in the same transaction as every write to
-- `accounts`, so no path can forget them. The list sums a handful of these rows instead
-- of counting up to a million index entries on every page.
CREATE TABLE client_counts (
    group_id BIGINT NOT NULL REFERENCES accounts (id),
    seller_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    test_account BOOLEAN NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (group_id, seller_id, status, test_account)
);

INSERT INTO client_counts (group_id, seller_id, status, test_account, n)
SELECT parent_id, COALESCE(seller_id, 0), status, test_account, COUNT(*)
FROM accounts WHERE kind = 'client'
GROUP BY parent_id, COALESCE(seller_id, 0), status, test_account;

CREATE FUNCTION client_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'client' THEN
        UPDATE client_counts SET n = n - 1
        WHERE group_id = OLD.parent_id AND seller_id = COALESCE(OLD.seller_id, 0)
          AND status = OLD.status AND test_account = OLD.test_account;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.kind = 'client' THEN
        INSERT INTO client_counts (group_id, seller_id, status, test_account, n)
        VALUES (NEW.parent_id, COALESCE(NEW.seller_id, 0), NEW.status, NEW.test_account, 1)
        ON CONFLICT (group_id, seller_id, status, test_account) DO UPDATE
        SET n = client_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER client_counts_insert_delete AFTER INSERT OR DELETE ON accounts
FOR EACH ROW EXECUTE FUNCTION client_counts_follow();

CREATE TRIGGER client_counts_update AFTER UPDATE OF parent_id, seller_id, status, test_account
ON accounts FOR EACH ROW
WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.seller_id IS DISTINCT FROM NEW.seller_id
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.test_account IS DISTINCT FROM NEW.test_account)
EXECUTE FUNCTION client_counts_follow();
