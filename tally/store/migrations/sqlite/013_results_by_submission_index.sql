-- Issue 18: repeats are decided by this index, not by every submission id held in memory (about
-- 160 MB per million stored results, read in full before the first submission after a restart:
-- 3.4 s at one million). Not UNIQUE: the single writer still decides (sqlite-writer.ts), the index
-- only finds the stored row. Building it reads the results once, at this upgrade.
CREATE INDEX IF NOT EXISTS results_by_submission ON results (submission_id);
