-- Nothing changes here: PostgreSQL kept its UNIQUE constraint on results.submission_id, which
-- decides repeats. The number is kept in step with migrations/sqlite/013_results_by_submission_index.sql.
SELECT 1;
