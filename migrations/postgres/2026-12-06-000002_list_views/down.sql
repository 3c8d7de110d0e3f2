DROP TABLE list_views;
ALTER TABLE users DROP COLUMN list_columns;
