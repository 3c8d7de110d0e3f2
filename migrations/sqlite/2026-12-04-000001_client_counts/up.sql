-- The client list's counts (issue 15): how many clients each group has, by seller (0 for
-- none), status and test flag, kept by triggers in the same transaction as every write to
-- `accounts`, so no path can forget them. The list sums a handful of these rows instead
-- of counting up to a million index entries on every page.
CREATE TABLE client_counts (
    group_id INTEGER NOT NULL REFERENCES accounts (id),
    seller_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    test_account BOOLEAN NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (group_id, seller_id, status, test_account)
);

INSERT INTO client_counts (group_id, seller_id, status, test_account, n)
SELECT parent_id, COALESCE(seller_id, 0), status, test_account, COUNT(*)
FROM accounts WHERE kind = 'client'
GROUP BY parent_id, COALESCE(seller_id, 0), status, test_account;

CREATE TRIGGER client_counts_insert AFTER INSERT ON accounts WHEN NEW.kind = 'client'
BEGIN
    INSERT INTO client_counts (group_id, seller_id, status, test_account, n)
    VALUES (NEW.parent_id, COALESCE(NEW.seller_id, 0), NEW.status, NEW.test_account, 1)
    ON CONFLICT (group_id, seller_id, status, test_account) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER client_counts_delete AFTER DELETE ON accounts WHEN OLD.kind = 'client'
BEGIN
    UPDATE client_counts SET n = n - 1
    WHERE group_id = OLD.parent_id AND seller_id = COALESCE(OLD.seller_id, 0)
      AND status = OLD.status AND test_account = OLD.test_account;
END;

CREATE TRIGGER client_counts_update AFTER UPDATE OF parent_id, seller_id, status, test_account
ON accounts
WHEN OLD.kind = 'client' AND (OLD.parent_id IS NOT NEW.parent_id
    OR OLD.seller_id IS NOT NEW.seller_id OR OLD.status IS NOT NEW.status
    OR OLD.test_account IS NOT NEW.test_account)
BEGIN
    UPDATE client_counts SET n = n - 1
    WHERE group_id = OLD.parent_id AND seller_id = COALESCE(OLD.seller_id, 0)
      AND status = OLD.status AND test_account = OLD.test_account;
    INSERT INTO client_counts (group_id, seller_id, status, test_account, n)
    VALUES (NEW.parent_id, COALESCE(NEW.seller_id, 0), NEW.status, NEW.test_account, 1)
    ON CONFLICT (group_id, seller_id, status, test_account) DO UPDATE SET n = n + 1;
END;
