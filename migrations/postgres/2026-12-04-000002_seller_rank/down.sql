CREATE INDEX accounts_parent_filters ON accounts (parent_id, test_account, kind, status, seller_id);
DROP INDEX accounts_parent_name_id;
DROP INDEX accounts_parent_seller;
CREATE INDEX accounts_parent_seller ON accounts (parent_id, seller_id, id);
DROP INDEX accounts_parent_seller_rank;
ALTER TABLE accounts DROP COLUMN seller_rank;
