-- Campaigns exist on the tally only when the agency publishes a signed feed to them (`tally feed
-- publish`); results for any other campaign (the sample's included) are refused. The indicator
-- keys of every feed published to a campaign (its ids, and type:value for indicators without one)
-- let the server check a result's matchedIndicatorIds. The counting-rule change of the same issue
-- needs nothing here: the counts file has its own layout version and is rebuilt.
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
) WITHOUT ROWID;
