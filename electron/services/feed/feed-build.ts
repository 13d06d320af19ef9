// The agency's `feed build`: many indicator files of any format parseFeed reads, merged into one
// campaign feed, deduplicated, canonical, with metadata from a base feed or sensible defaults.
import type { AllowEntry, Campaign, CampaignFeed, FeedIndicator } from '../../../shared/feed/campaign-feed';
import { validateFeedBytes } from '../../../shared/feed/validate-feed';
import { parseFeed } from '../../../shared/feeds';
import type { FeedFormat } from '../../../shared/feeds';
import type { ParseIssue } from '../../../shared/domain';

/** One input file's bytes and name. */
export interface BuildInput {
  file: string;
  bytes: Uint8Array;
}

/** What `feed build` decides besides the inputs. */
export interface BuildOptions {
  /** A campaign feed whose metadata, allow-list and crack signatures are kept (not its indicators). */
  base?: CampaignFeed;
  campaignId?: string;
  /** Defaults to base.version + 1, else 1. */
  version?: number;
  now: Date;
}

/** The built feed's bytes plus what happened to each input. */
export interface BuildOutcome {
  feed: CampaignFeed;
  text: string;
  perFile: { file: string; format: FeedFormat; indicators: number; added: number }[];
  duplicates: number;
  errors: ParseIssue[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Default campaign metadata (the national campaign's wording) for a build without --base. */
export function defaultCampaign(id: string, now: Date): Campaign {
  const end = new Date(now.getTime() + 90 * 86_400_000);
  return {
    id,
    name: {
      vi: 'Chiến dịch làm sạch mã độc trên không gian mạng',
      en: 'Campaign to clean malware from cyberspace',
    },
    authority: {
      vi: 'Cục An toàn thông tin - Bộ Thông tin và Truyền thông',
      en: 'Authority of Information Security - Ministry of Information and Communications',
    },
    startsOn: day(now),
    endsOn: day(end),
    reportDeadline: day(end),
    infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
    cleanupToolUrl: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu-ho-tro-xu-ly-ma-doc',
    sample: false,
  };
}

/**
 * Merges the inputs into a feed; the first occurrence of a value keeps its id, comment and severity.
 * Throws Error (with file names) when an input is not a feed at all or the result is invalid.
 */
export function buildCampaignFeed(inputs: readonly BuildInput[], options: BuildOptions): BuildOutcome {
  const seen = new Set<string>();
  const ids = new Set<string>();
  const indicators: FeedIndicator[] = [];
  const errors: ParseIssue[] = [];
  const perFile: BuildOutcome['perFile'] = [];
  let duplicates = 0;
  for (const input of inputs) {
    const parsed = parseFeed(input.bytes, input.file);
    if (parsed.format === 'unknown') {
      throw new Error(
        `${input.file}: ${parsed.errors[0]?.message ?? 'không phải nguồn chỉ báo / not an indicator feed'}`,
      );
    }
    errors.push(...parsed.errors);
    let added = 0;
    for (const p of parsed.indicators) {
      const key = `${p.kind}:${p.value}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      added++;
      const entry: FeedIndicator = { type: p.kind, value: p.value };
      // Ids must stay unique across merged files, or two indicators would report as one.
      if (p.id && p.id.length <= 128 && !ids.has(p.id)) {
        ids.add(p.id);
        entry.id = p.id;
      }
      if (p.comment) entry.comment = p.comment.length > 500 ? `${p.comment.slice(0, 499)}…` : p.comment;
      if (p.severity) entry.severity = p.severity;
      indicators.push(entry);
    }
    perFile.push({ file: input.file, format: parsed.format, indicators: parsed.indicators.length, added });
  }
  const base = options.base;
  const campaign: Campaign = base
    ? { ...base.campaign, ...(options.campaignId ? { id: options.campaignId } : {}) }
    : defaultCampaign(options.campaignId ?? 'chien-dich-lam-sach-ma-doc', options.now);
  const allowList: AllowEntry[] = base?.allowList ?? [];
  const feed: CampaignFeed = {
    format: 'sachmadoc-campaign-feed',
    formatVersion: 1,
    campaign,
    version: options.version ?? (base ? base.version + 1 : 1),
    publishedAt: `${options.now.toISOString().slice(0, 19)}Z`,
    indicators,
    allowList,
    ...(base?.crackSignatures ? { crackSignatures: base.crackSignatures } : {}),
  };
  const text = `${JSON.stringify(feed, null, 2)}\n`;
  const check = validateFeedBytes(text, 'built feed');
  if (!check.ok) throw new Error(check.error.message);
  return { feed: check.feed, text, perFile, duplicates, errors };
}
