-- Counter tables are WITHOUT ROWID: their key is the only way they are read or updated.
-- Units the agency registered, results as received, and aggregates kept up to date on insert so
-- the dashboard and the reports read hundreds of rows, not millions.
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE results (
  seq INTEGER PRIMARY KEY,
  submission_id TEXT NOT NULL UNIQUE,
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

-- One row per machine and campaign: the counting rules of issue 5 in columns.
CREATE TABLE machines (
  campaign_id TEXT NOT NULL,
  install_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  had_finding INTEGER NOT NULL,
  cracked INTEGER NOT NULL,
  last_day TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  last_clean INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, install_id)
) WITHOUT ROWID;
-- No index by unit here: it cost about a quarter of every write (one more random page per
-- machine per commit), while the report's full scan of 500,000 machines takes about 0.4 s.

CREATE TABLE day_counts (
  campaign_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  day TEXT NOT NULL,
  results INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, unit_code, day)
) WITHOUT ROWID;

CREATE TABLE indicator_counts (
  campaign_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  results INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, unit_code, indicator_id)
) WITHOUT ROWID;
