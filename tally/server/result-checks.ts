// What the schema cannot check about a result: that its campaign is published on this tally, that
// its day is neither in the future nor outside the campaign's dates, that its counts agree with
// each other, and that the indicator ids it lists belong to that campaign's feed. Every refusal is
// a 422 that stores nothing.
import { word } from '../../shared/i18n';
import { campaignDay, totalFindings, type AnonymizedResult } from '../../shared/tally/result';
import type { CampaignRecord } from '../store/types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Refusal {
  error:
    | 'unknown-campaign'
    | 'future-day'
    | 'outside-campaign'
    | 'implausible-counts'
    | 'unknown-indicators'
    | 'unknown-unit'
    | 'invalid-result';
  /** The catalogue key (msg.tally.refusal.<error>) and its parameters: the app words it in the person's language. */
  code: `msg.tally.refusal.${Refusal['error']}`;
  params: Record<string, string | number>;
  /** The same text in both languages, for older apps that only read `message`. */
  message: string;
}

/** The day `n` days after `day` (YYYY-MM-DD, calendar arithmetic in UTC). */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A refusal as its catalogue key and parameters, and worded in both languages for older apps (answer.ts). */
export const refusal = (error: Refusal['error'], params: Record<string, string | number>): Refusal => ({
  error,
  code: `msg.tally.refusal.${error}`,
  params,
  message: word({ code: `msg.tally.refusal.${error}`, params }, 'both'),
});

/** Checks a schema-valid result against its campaign (undefined: not published here) and the server clock. */
export function checkResult(
  r: AnonymizedResult,
  campaign: CampaignRecord | undefined,
  now: Date,
): Refusal | undefined {
  if (!campaign) return refusal('unknown-campaign', { campaign: r.campaignId });
  // The campaign's day is Vietnam's; a client clock a few hours ahead is tolerated, a day is not.
  const latest = campaignDay(new Date(now.getTime() + DAY_MS));
  if (r.day > latest) return refusal('future-day', { day: r.day });
  const from = addDays(campaign.startsOn, -1);
  const to = addDays(campaign.endsOn, 1);
  if (r.day < from || r.day > to)
    return refusal('outside-campaign', { day: r.day, start: campaign.startsOn, end: campaign.endsOn });
  // Each listed id comes from at least one finding (shared/tally/result.ts builds them so).
  if (r.matchedIndicatorIds.length > totalFindings(r))
    return refusal('implausible-counts', { ids: r.matchedIndicatorIds.length, findings: totalFindings(r) });
  return undefined;
}

/** The refusal for ids that are not in the campaign's published feeds. */
export function unknownIndicatorsRefusal(r: AnonymizedResult, unknown: string[]): Refusal {
  const shown = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? `, … (+${unknown.length - 5})` : '');
  return refusal('unknown-indicators', { ids: shown, campaign: r.campaignId });
}
