DROP TABLE sign_in_unlocks;
