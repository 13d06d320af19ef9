-- Intentionally empty for PostgreSQL: SQLite's migration 002 drops its UNIQUE index on
-- submission_id (its single writer enforces exactly-once in memory); PostgreSQL keeps the
-- constraint, since its connections may come from several processes. Kept so both dialects
-- share one numbering.
SELECT 1;
