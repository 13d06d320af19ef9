// The agency's `feed build`: many indicator files of any format parseFeed reads, merged into one
// campaign feed, deduplicated, canonical, with metadata from a base feed or sensible defaults.
import type {
  AllowEntry,
  Campaign,
  CampaignFeed,
  FeedIndicator,
} from '../../shared/campaign-feed/campaign-feed';
import { canonicalValue, validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import { isCanonicalIpv4 } from '../../shared/net/ip';
import { parseFeedInto } from '../../shared/indicator-formats';
import type { FeedFormat, IndicatorSink } from '../../shared/indicator-formats';
import type { SharedPlatformDrop } from '../../shared/indicator-formats/types';
import type { ParseIssue } from '../../shared/domain';
import { broadAllowReason, broadReasonOfCanonical } from '../../shared/indicators/breadth';
import type { BroadReason } from '../../shared/indicators/breadth';
import { bilingual, textPair } from '../../shared/i18n';

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
  /** The feed's bytes in order, as written (UTF-8): what `feed sign` signs once they are on disk. */
  chunks: readonly Buffer[];
  /** Indicators in the feed and its version (without parsing the bytes back). */
  indicatorCount: number;
  version: number;
  /** The whole feed as objects: parsed back from the bytes on first use (tests, small feeds). */
  readonly feed: CampaignFeed;
  /** The bytes as one string, decoded on first use. */
  readonly text: string;
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
function builtIndicatorOk(
  type: FeedIndicator['type'],
  value: string,
  id: string | undefined,
  comment: string | undefined,
  severity: string | undefined,
): boolean {
  return (
    value.length >= 1 &&
    value.length <= 2048 &&
    // A dotted quad is checked without building its canonical text (most of a feed).
    ((type === 'ip' && isCanonicalIpv4(value)) || canonicalValue(type, value) === value) &&
    (id === undefined || (id.length >= 1 && id.length <= 128)) &&
    (comment === undefined || comment.length <= 500) &&
    (severity === undefined || SEVERITY_OK.has(severity))
  );
}

/** More entries than this are refused (the self-check's limit before the streamed output). */
const MAX_INDICATORS = 5_000_000;
/** Bytes of one Buffer chunk of the output. */
const CHUNK_BYTES = 1 << 16;

/**
 * The feed's bytes in Buffer chunks, each entry written as `JSON.stringify(feed, null, 2)` writes
 * it inside `"indicators": [ … ]` (two-space indent, keys type, value, id, comment, severity).
 * Text is encoded straight into the chunk being filled (no string of the whole output, no copy).
 */
class EntryWriter {
  readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  count = 0;

  raw(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8: what fits by that count fits whole.
    if (this.used + s.length * 3 > CHUNK_BYTES) {
      this.flush();
      if (s.length * 3 > CHUNK_BYTES) {
        this.chunks.push(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** One entry; `plain`: the value is a list's bare canonical value (no character JSON escapes). */
  entry(
    type: FeedIndicator['type'],
    value: string,
    id: string | undefined,
    comment: string | undefined,
    severity: string | undefined,
    plain: boolean,
  ): void {
    const v = plain ? `"${value}"` : JSON.stringify(value);
    let s = `${this.count === 0 ? '\n' : ',\n'}    {\n      "type": "${type}",\n      "value": ${v}`;
    if (id !== undefined) s += `,\n      "id": ${JSON.stringify(id)}`;
    if (comment !== undefined) s += `,\n      "comment": ${JSON.stringify(comment)}`;
    if (severity !== undefined) s += `,\n      "severity": ${JSON.stringify(severity)}`;
    this.count++;
    this.raw(`${s}\n    }`);
  }

  flush(): void {
    if (this.used === 0) return;
    this.chunks.push(this.buf.subarray(0, this.used));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}

/** Default campaign metadata (the national campaign's wording) for a build without --base. */
export function defaultCampaign(id: string, now: Date): Campaign {
  const end = new Date(now.getTime() + 90 * 86_400_000);
  return {
    id,
    name: textPair('campaign.title'),
    authority: textPair('msg.feedTool.defaultAuthority'),
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
export function buildCampaignFeed(inputs: readonly BuildInput[], options: BuildOptions): BuildOutcome {
  // One dedup pass: each file's parse already drops its own repeats, so the values are
  // remembered (per kind: no "kind:value" key string per indicator) only for the files after it.
  const seen = new Map<string, Set<string>>();
  const seenOf = (kind: string): Set<string> => {
    let set = seen.get(kind);
    if (set === undefined) seen.set(kind, (set = new Set<string>()));
    return set;
  };
  const ids = new Set<string>();
  const base = options.base;
  const campaign: Campaign = base
    ? { ...base.campaign, ...(options.campaignId ? { id: options.campaignId } : {}) }
    : defaultCampaign(options.campaignId ?? 'chien-dich-lam-sach-ma-doc', options.now);
  const allowList: AllowEntry[] = base?.allowList ?? [];
  const shell: CampaignFeed = {
    format: 'sachmadoc-campaign-feed',
    formatVersion: 1,
    campaign,
    version: options.version ?? (base ? base.version + 1 : 1),
    publishedAt: `${options.now.toISOString().slice(0, 19)}Z`,
    indicators: [],
    allowList,
    ...(base?.crackSignatures ? { crackSignatures: base.crackSignatures } : {}),
  };
  // The document around the indicators, split where they go: a top-level key is the only
  // `"indicators": []` on a line of its own at two spaces (a string holds no raw line feed).
  const shellText = `${JSON.stringify(shell, null, 2)}\n`;
  const SLOT = '\n  "indicators": [],\n';
  const at = shellText.indexOf(SLOT);
  if (at < 0) throw new Error('built feed: no indicators slot (internal error; please report it)');
  const out = new EntryWriter();
  out.raw(`${shellText.slice(0, at)}\n  "indicators": [`);
  const errors: ParseIssue[] = [];
  const perFile: BuildOutcome['perFile'] = [];
  const derived: DerivedEntry[] = [];
  const sharedPlatformDrops: BuildOutcome['sharedPlatformDrops'] = [];
  const broad: BroadEntry[] = [];
  let duplicates = 0;
  inputs.forEach((input, fileNo) => {
    const more = fileNo < inputs.length - 1;
    let indicators = 0;
    let added = 0;
    let kindSet: Set<string> | null = null;
    let setKind = '';
    // Each indicator is written as the parse hands it over (parseFeedInto): a big list is never
    // held as lines or as indicator objects, only as the bytes written so far.
    const take: IndicatorSink = (kind, value, line, p) => {
      indicators++;
      if (fileNo > 0 || more) {
        if (kind !== setKind) {
          setKind = kind;
          kindSet = seenOf(kind);
        }
        const set = kindSet as Set<string>;
        if (fileNo > 0 && set.has(value)) {
          duplicates++;
          return;
        }
        if (more) set.add(value);
      }
      const reason = broadReasonOfCanonical(kind, value);
      if (reason !== null) {
        broad.push({ file: input.file, line, type: kind, value, reason, list: 'indicators' });
        if (options.allowBroad !== true) return;
      }
      if (p?.fromUrl !== undefined && (kind === 'ip' || kind === 'domain'))
        derived.push({ file: input.file, line, type: kind, value, fromUrl: p.fromUrl });
      added++;
      // Ids must stay unique across merged files, or two indicators would report as one.
      let id: string | undefined;
      if (p?.id && p.id.length <= 128 && !ids.has(p.id)) {
        ids.add(p.id);
        id = p.id;
      }
      const comment = p?.comment
        ? p.comment.length > 500
          ? `${p.comment.slice(0, 499)}…`
          : p.comment
        : undefined;
      const severity = p?.severity ? p.severity : undefined;
      // The self-check, entry by entry as it is written (no second copy of the document).
      if (out.count >= MAX_INDICATORS || !builtIndicatorOk(kind, value, id, comment, severity)) {
        const shown = { type: kind, value, ...(id === undefined ? {} : { id }) };
        throw new Error(
          `built feed: indicators[${out.count}] ${JSON.stringify(shown)} (${input.file}:${line}): ${bilingual('msg.feedTool.internalInvalid')}`,
        );
      }
      // A value handed over without `p` is a list's bare canonical address, block or name
      // (lists.ts fastValueAt: a-z, 0-9, ".", "-", ":", "/"), which JSON writes as it is.
      out.entry(kind, value, id, comment, severity, p === undefined);
    };
    const parsed = parseFeedInto(input.bytes, input.file, take);
    if (parsed.format === 'unknown') {
      throw new Error(
        `${input.file}: ${parsed.errors[0]?.message ?? bilingual('msg.feedTool.notIndicatorFeed')}`,
      );
    }
    errors.push(...parsed.errors);
    for (const d of parsed.sharedPlatformDrops ?? []) sharedPlatformDrops.push({ file: input.file, ...d });
    perFile.push({ file: input.file, format: parsed.format, indicators, added });
  });
  out.raw(`${out.count === 0 ? '' : '\n  '}],\n${shellText.slice(at + SLOT.length)}`);
  out.flush();
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
  // The self-check of everything but the indicators, as any reader of the feed checks it (schema,
  // canonical allow-list); the indicators were checked as they were written.
  const check = validateFeedBytes(JSON.stringify(shell), 'built feed');
  if (!check.ok) throw new Error(check.error.message);
  const chunks = out.chunks;
  let text: string | undefined;
  let feed: CampaignFeed | undefined;
  const textOf = (): string => (text ??= Buffer.concat(chunks).toString('utf8'));
  return {
    chunks,
    indicatorCount: out.count,
    version: shell.version,
    get text() {
      return textOf();
    },
    get feed() {
      return (feed ??= {
        ...check.feed,
        indicators: (JSON.parse(textOf()) as { indicators: FeedIndicator[] }).indicators,
      });
    },
    perFile,
    duplicates,
    errors,
    derived,
    sharedPlatformDrops,
    broad,
  };
}
