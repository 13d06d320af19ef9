-- The log hunt's summary per unit and campaign (issue 16): devices found with malicious
-- connections through network monitoring, and the period the logs covered. Counts only. A unit's
-- later summary replaces its earlier one (the hunt reads the whole period again), so the appendix
-- adds one number per unit.
CREATE TABLE hunt_summaries (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  unit_code TEXT NOT NULL REFERENCES units(code),
  devices INTEGER NOT NULL CHECK (devices >= 0),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (campaign_id, unit_code)
);
