// What the schema cannot check about a result: that its campaign is published on this tally, that
// its day is neither in the future nor outside the campaign's dates, that its counts agree with
// each other, and that the indicator ids it lists belong to that campaign's feed. Every refusal is
// a 422 that stores nothing.
import { campaignDay, totalFindings, type AnonymizedResult } from '../../shared/tally/result';
import type { CampaignRecord } from '../store/types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Refusal {
  error: 'unknown-campaign' | 'future-day' | 'outside-campaign' | 'implausible-counts' | 'unknown-indicators';
  message: string;
}

/** The day `n` days after `day` (YYYY-MM-DD, calendar arithmetic in UTC). */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** dd/mm/yyyy for messages. */
const vnDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Checks a schema-valid result against its campaign (undefined: not published here) and the server clock. */
export function checkResult(
  r: AnonymizedResult,
  campaign: CampaignRecord | undefined,
  now: Date,
): Refusal | undefined {
  if (!campaign)
    return {
      error: 'unknown-campaign',
      message: `Chiến dịch "${r.campaignId}" chưa được công bố trên máy chủ tổng hợp này (kết quả làm với nguồn cấp mẫu không được tính); hãy cập nhật nguồn cấp chính thức rồi kiểm tra lại. / Campaign "${r.campaignId}" is not published on this tally (results made with the sample feed are not counted); update to the official feed and check again.`,
    };
  // The campaign's day is Vietnam's; a client clock a few hours ahead is tolerated, a day is not.
  const latest = campaignDay(new Date(now.getTime() + DAY_MS));
  if (r.day > latest)
    return {
      error: 'future-day',
      message: `Ngày của kết quả (${vnDate(r.day)}) ở tương lai theo đồng hồ máy chủ; hãy chỉnh ngày giờ của máy tính rồi kiểm tra lại. / The result's day (${r.day}) is in the future by the server's clock; fix the computer's date and check again.`,
    };
  const from = addDays(campaign.startsOn, -1);
  const to = addDays(campaign.endsOn, 1);
  if (r.day < from || r.day > to)
    return {
      error: 'outside-campaign',
      message: `Ngày của kết quả (${vnDate(r.day)}) nằm ngoài thời gian chiến dịch (${vnDate(campaign.startsOn)}–${vnDate(campaign.endsOn)}); kết quả không được tính. Hãy kiểm tra ngày giờ của máy tính. / The result's day (${r.day}) is outside the campaign (${campaign.startsOn} to ${campaign.endsOn}); it is not counted. Check the computer's date.`,
    };
  // Each listed id comes from at least one finding (shared/tally/result.ts builds them so).
  if (r.matchedIndicatorIds.length > totalFindings(r))
    return {
      error: 'implausible-counts',
      message: `Kết quả liệt kê ${r.matchedIndicatorIds.length} chỉ dấu nhưng chỉ có ${totalFindings(r)} phát hiện; số liệu không khớp nhau nên không được lưu. / The result lists ${r.matchedIndicatorIds.length} indicators but only ${totalFindings(r)} findings; inconsistent counts are not stored.`,
    };
  return undefined;
}

/** The refusal for ids that are not in the campaign's published feeds. */
export function unknownIndicatorsRefusal(r: AnonymizedResult, unknown: string[]): Refusal {
  const shown = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? `, … (+${unknown.length - 5})` : '');
  return {
    error: 'unknown-indicators',
    message: `Các chỉ dấu ${shown} không thuộc nguồn cấp của chiến dịch "${r.campaignId}"; hãy cập nhật nguồn cấp chính thức rồi kiểm tra lại. / Indicators ${shown} are not in the feed of campaign "${r.campaignId}"; update to the official feed and check again.`,
  };
}
