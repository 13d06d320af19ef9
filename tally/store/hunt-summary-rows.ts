// The hunt_summaries table's row ↔ StoredHuntSummary, shared by both stores.
import type { StoredHuntSummary } from '../../shared/tally/hunt-summary';

export const HUNT_SUMMARY_COLUMNS = 'campaign_id, unit_code, devices, period_start, period_end, received_at';

export interface HuntSummaryRow {
  campaign_id: string;
  unit_code: string;
  devices: number | string;
  period_start: string;
  period_end: string;
  received_at: string;
}

export function huntSummaryFromRow(r: HuntSummaryRow): StoredHuntSummary {
  return {
    schema: 1,
    campaignId: r.campaign_id,
    unitCode: r.unit_code,
    devices: Number(r.devices),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    receivedAt: r.received_at,
  };
}
