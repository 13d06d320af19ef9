// The feed build as it was before the streamed output (issue 18): one FeedIndicator object per entry,
// JSON.stringify(feed, null, 2) of the whole document. Kept unchanged as the oracle the streamed
// build (services/feed/feed-build.ts) must equal byte for byte; not used by the product.
// The agency's `feed build`: many indicator files of any format parseFeed reads, merged into one
// campaign feed, deduplicated, canonical, with metadata from a base feed or sensible defaults.
import type {
  AllowEntry,
  Campaign,
  CampaignFeed,
  FeedIndicator,
} from '../../../shared/campaign-feed/campaign-feed';
import { canonicalValue, validateFeedBytes } from '../../../shared/campaign-feed/validate-feed';
import { isCanonicalIpv4 } from '../../../shared/net/ip';
import { parseFeed } from '../../../shared/indicator-formats';
import type { FeedFormat } from '../../../shared/indicator-formats';
import type { SharedPlatformDrop } from '../../../shared/indicator-formats/types';
import type { ParseIssue } from '../../../shared/domain';
import { broadAllowReason, broadReason } from '../../../shared/indicators/breadth';
import type { BroadReason } from '../../../shared/indicators/breadth';

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
  /** Keep catch-all indicators in the feed (`--allow-broad`); they are still reported in `broad`. */
  allowBroad?: boolean;
  /** Name of the --base file, for where a broad allow-list entry is. */
  baseFile?: string;
  now: Date;
}

/** An address or domain indicator that came from the host of a URL. */
export interface DerivedEntry {
  file: string;
  line: number;
  type: 'ip' | 'domain';
  value: string;
  fromUrl: string;
}

/** A catch-all entry (shared/indicators/breadth.ts): an indicator of an input, or of the base allow-list. */
export interface BroadEntry {
  /** Input file and line; for the allow-list, the --base file and `allowList[i]`. */
  file: string;
  line: number;
  type: 'ip' | 'cidr' | 'domain' | 'url';
  value: string;
  reason: BroadReason;
  list: 'indicators' | 'allowList';
}

/** The built feed's bytes plus what happened to each input. */
export interface BuildOutcome {
  feed: CampaignFeed;
  text: string;
  perFile: { file: string; format: FeedFormat; indicators: number; added: number }[];
  duplicates: number;
  errors: ParseIssue[];
  /** Indicators derived from URL hosts (IP literals, domains that are no shared platform). */
  derived: DerivedEntry[];
  /** URL hosts left out as shared platforms. */
  sharedPlatformDrops: (SharedPlatformDrop & { file: string })[];
  /** Catch-all entries; in the feed only with allowBroad (indicators), never for the allow-list. */
  broad: BroadEntry[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const SEVERITY_OK = new Set(['low', 'medium', 'high', 'critical']);

/** What feedIndicatorSchema and validateFeedBytes' canonical check ask of one indicator. */
function builtIndicatorOk(i: FeedIndicator): boolean {
  return (
    i.value.length >= 1 &&
    i.value.length <= 2048 &&
    // A dotted quad is checked without building its canonical text (most of a feed).
    ((i.type === 'ip' && isCanonicalIpv4(i.value)) || canonicalValue(i.type, i.value) === i.value) &&
    (i.id === undefined || (i.id.length >= 1 && i.id.length <= 128)) &&
    (i.comment === undefined || i.comment.length <= 500) &&
    (i.severity === undefined || SEVERITY_OK.has(i.severity))
  );
}

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
 * Catch-all indicators are left out unless allowBroad; every one is listed in `broad` so the
 * caller can refuse the build. Throws Error (with file names) when an input is not a feed at all
 * or the result is invalid.
 */
export function buildCampaignFeedReference(
  inputs: readonly BuildInput[],
  options: BuildOptions,
): BuildOutcome {
  // One dedup pass: each file's parse already drops its own repeats, so the values are
  // remembered (per kind: no "kind:value" key string per indicator) only for the files after it.
  const seen = new Map<string, Set<string>>();
  const seenOf = (kind: string): Set<string> => {
    let set = seen.get(kind);
    if (set === undefined) seen.set(kind, (set = new Set<string>()));
    return set;
  };
  const ids = new Set<string>();
  const indicators: FeedIndicator[] = [];
  const errors: ParseIssue[] = [];
  const perFile: BuildOutcome['perFile'] = [];
  const derived: DerivedEntry[] = [];
  const sharedPlatformDrops: BuildOutcome['sharedPlatformDrops'] = [];
  const broad: BroadEntry[] = [];
  let duplicates = 0;
  inputs.forEach((input, fileNo) => {
    const parsed = parseFeed(input.bytes, input.file);
    const more = fileNo < inputs.length - 1;
    if (parsed.format === 'unknown') {
      throw new Error(
        `${input.file}: ${parsed.errors[0]?.message ?? 'không phải nguồn chỉ báo / not an indicator feed'}`,
      );
    }
    errors.push(...parsed.errors);
    for (const d of parsed.sharedPlatformDrops ?? []) sharedPlatformDrops.push({ file: input.file, ...d });
    let added = 0;
    let kindSet: Set<string> | null = null;
    let setKind = '';
    for (const p of parsed.indicators) {
      if (fileNo > 0 || more) {
        if (p.kind !== setKind) {
          setKind = p.kind;
          kindSet = seenOf(p.kind);
        }
        const set = kindSet as Set<string>;
        if (fileNo > 0 && set.has(p.value)) {
          duplicates++;
          continue;
        }
        if (more) set.add(p.value);
      }
      const reason = broadReason(p.kind, p.value);
      if (reason !== null) {
        broad.push({
          file: input.file,
          line: p.line,
          type: p.kind,
          value: p.value,
          reason,
          list: 'indicators',
        });
        if (options.allowBroad !== true) continue;
      }
      if (p.fromUrl !== undefined && (p.kind === 'ip' || p.kind === 'domain'))
        derived.push({ file: input.file, line: p.line, type: p.kind, value: p.value, fromUrl: p.fromUrl });
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
  });
  const base = options.base;
  const campaign: Campaign = base
    ? { ...base.campaign, ...(options.campaignId ? { id: options.campaignId } : {}) }
    : defaultCampaign(options.campaignId ?? 'chien-dich-lam-sach-ma-doc', options.now);
  const allowList: AllowEntry[] = base?.allowList ?? [];
  // A catch-all allow-list entry hides every finding: reported always, never allowed by --allow-broad.
  allowList.forEach((a, i) => {
    const reason = broadAllowReason(a.type, a.value);
    if (reason !== null)
      broad.push({
        file: options.baseFile ?? '--base',
        line: i,
        type: a.type,
        value: a.value,
        reason,
        list: 'allowList',
      });
  });
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
  // The self-check: everything but the indicators as any reader of the feed checks it (schema,
  // canonical allow-list); the indicators, which this function made from canonical parser output,
  // entry by entry without a second copy of the document (JSON.parse and zod of a million entries
  // were a third of a build's time and half its memory).
  const check = validateFeedBytes(JSON.stringify({ ...feed, indicators: [] }), 'built feed');
  if (!check.ok) throw new Error(check.error.message);
  const bad = indicators.length > 5_000_000 ? 5_000_000 : indicators.findIndex((i) => !builtIndicatorOk(i));
  if (bad >= 0)
    throw new Error(
      `built feed: indicators[${bad}] ${JSON.stringify(indicators[bad])}: không hợp lệ / invalid (internal error; please report it)`,
    );
  return {
    feed: { ...check.feed, indicators },
    text,
    perFile,
    duplicates,
    errors,
    derived,
    sharedPlatformDrops,
    broad,
  };
}
