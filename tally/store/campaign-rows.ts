// The campaigns table's columns, shared by both stores.
import type { CampaignRecord } from './types';

export const CAMPAIGN_COLUMNS =
  'id, name_vi, name_en, letter, starts_on, ends_on, report_deadline, feed_version, feed_published_at, recorded_at';

/** SET clause of a re-publish: everything but the id follows the newest publication. */
export const CAMPAIGN_UPDATE = CAMPAIGN_COLUMNS.split(', ')
  .slice(1)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

/** The values in CAMPAIGN_COLUMNS order. */
export function campaignValues(c: CampaignRecord): (string | number)[] {
  return [
    c.id,
    c.nameVi,
    c.nameEn,
    c.letter,
    c.startsOn,
    c.endsOn,
    c.reportDeadline,
    c.feedVersion,
    c.feedPublishedAt,
    c.recordedAt,
  ];
}

/** A campaigns row (snake_case columns) as a record. */
export function campaignFromRow(r: Record<string, unknown>): CampaignRecord {
  return {
    id: String(r.id),
    nameVi: String(r.name_vi),
    nameEn: String(r.name_en),
    letter: String(r.letter),
    startsOn: String(r.starts_on),
    endsOn: String(r.ends_on),
    reportDeadline: String(r.report_deadline),
    feedVersion: Number(r.feed_version),
    feedPublishedAt: String(r.feed_published_at),
    recordedAt: String(r.recorded_at),
  };
}
