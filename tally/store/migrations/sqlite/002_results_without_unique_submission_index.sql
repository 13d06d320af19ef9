-- The UNIQUE index on results.submission_id cost one random B-tree page per stored result (about a
-- third of the write). Exactly-once is now enforced by the single writer process, which loads every
-- submission id with its row id when it starts (sqlite-writer.ts), so results are appended in rowid
-- order with no index besides the rowid. SQLite cannot drop a column's UNIQUE constraint: the table
-- is rebuilt, keeping every seq (the machines' last_seq refers to it).
CREATE TABLE results_new (
  seq INTEGER PRIMARY KEY,
  submission_id TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  install_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES units(code),
  day TEXT NOT NULL,
  app_version TEXT NOT NULL,
  os_family TEXT NOT NULL,
  os_major TEXT NOT NULL,
  connections_checked INTEGER NOT NULL,
  findings_ip INTEGER NOT NULL,
  findings_cidr INTEGER NOT NULL,
  findings_domain INTEGER NOT NULL,
  cracked_signs INTEGER NOT NULL,
  clean_rescan INTEGER,
  matched_ids TEXT NOT NULL,
  received_at TEXT NOT NULL
);
INSERT INTO results_new SELECT seq, submission_id, payload_hash, install_id, campaign_id, unit_code, day,
  app_version, os_family, os_major, connections_checked, findings_ip, findings_cidr, findings_domain,
  cracked_signs, clean_rescan, matched_ids, received_at FROM results ORDER BY seq;
DROP TABLE results;
ALTER TABLE results_new RENAME TO results;
