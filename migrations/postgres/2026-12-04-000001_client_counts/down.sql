DROP TRIGGER client_counts_update ON accounts;
DROP TRIGGER client_counts_insert_delete ON accounts;
DROP FUNCTION client_counts_follow();
DROP TABLE client_counts;
