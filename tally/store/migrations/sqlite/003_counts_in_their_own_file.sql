-- The counts (machines, per day, per indicator) are no longer written in the submit transaction:
-- the reader thread derives them from `results` into tally-counts.sqlite (sqlite-counts.ts), so
-- the write path appends one row and nothing else. The tables here are derived data; they are
-- dropped and the first fold rebuilds them from every stored result.
DROP TABLE machines;
DROP TABLE day_counts;
DROP TABLE indicator_counts;
