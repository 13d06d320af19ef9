-- Nothing changes here: PostgreSQL keeps machines, day_counts and indicator_counts up to date in
-- the submit transaction. The number is kept in step with the SQLite migrations, where 003 moves
-- those counts out of the results file (see migrations/sqlite/003_counts_in_their_own_file.sql).
SELECT 1;
