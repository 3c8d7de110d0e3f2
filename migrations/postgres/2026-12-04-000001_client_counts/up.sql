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

-- No write slips between the count below and the trigger that follows it.
LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO client_counts (group_id, seller_id, status, test_account, n)
SELECT parent_id, COALESCE(seller_id, 0), status, test_account, COUNT(*)
FROM accounts WHERE kind = 'client'
GROUP BY parent_id, COALESCE(seller_id, 0), status, test_account;

-- A client moving between two counters takes their row locks in key order (the lower
-- key first), so two transactions moving clients in opposite directions never deadlock.
CREATE FUNCTION client_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_first BOOLEAN := TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND
        (OLD.parent_id, COALESCE(OLD.seller_id, 0), OLD.status, OLD.test_account)
        < (NEW.parent_id, COALESCE(NEW.seller_id, 0), NEW.status, NEW.test_account));
BEGIN
    IF old_first AND OLD.kind = 'client' THEN
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
    IF TG_OP = 'UPDATE' AND NOT old_first AND OLD.kind = 'client' THEN
        UPDATE client_counts SET n = n - 1
        WHERE group_id = OLD.parent_id AND seller_id = COALESCE(OLD.seller_id, 0)
          AND status = OLD.status AND test_account = OLD.test_account;
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
