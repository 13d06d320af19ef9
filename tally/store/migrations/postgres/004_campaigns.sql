-- Campaigns and their indicator keys (see migrations/sqlite/004_campaigns.sql), and the counting
-- rules of issue 11 (store/machine-rules.ts): "latest" by the server's receive time, row 5 from the
-- latest result's findings (not cleanRescan), row 6 from the latest result. PostgreSQL keeps the
-- machines in the submit transaction, so they are rebuilt here from every stored result.
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  letter TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  report_deadline TEXT NOT NULL,
  feed_version INTEGER NOT NULL,
  feed_published_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);

CREATE TABLE campaign_indicators (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  indicator_key TEXT NOT NULL,
  PRIMARY KEY (campaign_id, indicator_key)
);

DROP TABLE machines;
CREATE TABLE machines (
  campaign_id TEXT NOT NULL,
  install_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  had_finding INTEGER NOT NULL,
  last_finding INTEGER NOT NULL,
  cracked INTEGER NOT NULL,
  last_received TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, install_id)
);
INSERT INTO machines (campaign_id, install_id, unit_code, had_finding, last_finding, cracked, last_received, last_seq)
SELECT l.campaign_id, l.install_id, l.unit_code, a.had_finding,
  CASE WHEN l.findings_ip + l.findings_cidr + l.findings_domain > 0 THEN 1 ELSE 0 END,
  CASE WHEN l.cracked_signs > 0 THEN 1 ELSE 0 END, l.received_at, l.seq
FROM (SELECT DISTINCT ON (campaign_id, install_id) * FROM results
      ORDER BY campaign_id, install_id, received_at DESC, seq DESC) AS l
JOIN (SELECT campaign_id, install_id,
        MAX(CASE WHEN findings_ip + findings_cidr + findings_domain > 0 THEN 1 ELSE 0 END) AS had_finding
      FROM results GROUP BY campaign_id, install_id) AS a
  ON a.campaign_id = l.campaign_id AND a.install_id = l.install_id;
CREATE INDEX machines_by_unit ON machines (campaign_id, unit_code);

ALTER TABLE day_counts ADD COLUMN last_received TEXT NOT NULL DEFAULT '';
UPDATE day_counts AS d SET last_received = r.last
FROM (SELECT campaign_id, unit_code, day, MAX(received_at) AS last FROM results
      GROUP BY campaign_id, unit_code, day) AS r
WHERE r.campaign_id = d.campaign_id AND r.unit_code = d.unit_code AND r.day = d.day;
