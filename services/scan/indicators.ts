// The indicators a scan matches against: feed files given on the command line (any format
// shared/indicator-formats detects), or the campaign's default feed. Built into the index once per scan or
// watch, never per connection.
import { basename } from 'node:path';
import type { Indicator, ParseIssue, ScanReport } from '../../shared/domain';
import { UserError, userError } from '../../shared/errors';
import { bilingualBy, translate } from '../../shared/i18n';
import { parseFeed, toIndicators } from '../../shared/indicator-formats';
import { IndicatorIndex, type AllowEntry } from '../../shared/indicators';
import { broadAllowReason, broadReason } from '../../shared/indicators/breadth';
import type { IndicatorMatcher } from '../../shared/scan/find-findings';
import { campaignFeedSchema } from '../../shared/campaign-feed/campaign-feed';
import { sampleFeedWarning } from './sample-warning';
import type { FileReader } from './sources';

/** An allow-list entry (wins over any indicator it covers): the index's own shape. */
export type { AllowEntry };

/** Indicators with where they came from, before indexing. */
export interface IndicatorLoad {
  indicators: Indicator[];
  allow: AllowEntry[];
  feeds: ScanReport['feeds'];
  warnings: ParseIssue[];
  /** The agency's KMS hosts and domains the signed campaign feed lists (volume licensing). */
  kmsHosts?: string[];
}

/** The index a scan uses, the feeds behind it and the problems met loading them. */
export interface IndicatorSet {
  index: IndicatorMatcher;
  feeds: ScanReport['feeds'];
  warnings: ParseIssue[];
  /** See IndicatorLoad.kmsHosts. */
  kmsHosts?: string[];
}

/** Reads and parses every feed file; a malformed line is a warning, an unreadable file or no indicator at all a UserError. */
export async function loadFeedFiles(paths: readonly string[], readFile: FileReader): Promise<IndicatorLoad> {
  const out: IndicatorLoad = { indicators: [], allow: [], feeds: [], warnings: [] };
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (e) {
      // Already worded (not a regular file, too large): keep it.
      if (e instanceof UserError) throw e;
      const code = (e as { code?: unknown }).code;
      throw userError('msg.scan.cannotReadFeed', {
        params: { path, code: typeof code === 'string' ? code : String(e) },
        hint: 'msg.scan.checkFeedPath',
      });
    }
    const source = basename(path);
    const parsed = parseFeed(bytes, path);
    // Loops, not push(...list): spreading a campaign-sized list (a million) overflows the stack.
    for (const e of parsed.errors) out.warnings.push(e);
    // Catch-all entries are skipped here, where their line is still known (see skipBroad).
    const lines = parsed.indicators.map((p) => p.line);
    const indicators = toIndicators(parsed, source).filter((ind, k) => {
      const reason = broadReason(ind.kind, ind.value);
      if (reason !== null) out.warnings.push(broadWarning(ind, reason, path, lines[k] ?? 0));
      return reason === null;
    });
    for (const i of indicators) out.indicators.push(i);
    const meta = parsed.format === 'campaign' ? campaignMeta(bytes) : null;
    out.feeds.push({ source, indicators: indicators.length, ...(meta?.sample ? { sample: true } : {}) });
    // The sample feed given by hand is still the sample: say so, as for the bundled default.
    if (meta?.sample) out.warnings.unshift(sampleFeedWarning(path));
    if (meta && meta.kmsHosts.length > 0) out.kmsHosts = [...(out.kmsHosts ?? []), ...meta.kmsHosts];
  }
  // Scanning against nothing would report "no finding" for any machine: refuse instead.
  if (out.indicators.length === 0) {
    const first = out.warnings[0];
    throw userError('msg.scan.noIndicatorsIn', {
      params: { paths: paths.join(', ') },
      hint: 'msg.scan.giveFeed',
      ...(first ? { detail: `${first.file}:${first.line}: ${first.message}` } : {}),
    });
  }
  return out;
}

/** The campaign-feed fields the scan uses beyond indicators: the sample mark and the agency's KMS hosts. */
function campaignMeta(bytes: Uint8Array): { sample: boolean; kmsHosts: string[] } | null {
  try {
    const parsed = campaignFeedSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success
      ? { sample: parsed.data.campaign.sample, kmsHosts: [...(parsed.data.kmsHosts ?? [])] }
      : null;
  } catch {
    return null;
  }
}

function broadWarning(
  entry: { kind: string; value: string },
  reason: NonNullable<ReturnType<typeof broadReason>>,
  file: string,
  line: number,
  allow = false,
): ParseIssue {
  const key = allow ? 'msg.scan.catchAllAllowSkipped' : 'msg.scan.catchAllSkipped';
  return {
    file,
    line,
    message: bilingualBy((l) =>
      translate(l, key, { kind: entry.kind, value: entry.value, reason: reason[l] }),
    ),
  };
}

/**
 * Leaves out catch-all indicators and allow-list entries (shared/indicators/breadth.ts), even from
 * a signed feed, with one warning naming each: a /0 block or "com" would call every machine
 * infected, a /0 or "vn" in the allow-list would call every machine clean.
 */
export function skipBroad(load: IndicatorLoad): IndicatorLoad {
  const checked = broadOf(load.indicators);
  const warnings: ParseIssue[] = [...checked.warnings];
  const allow = load.allow.filter((a) => {
    const reason = broadAllowReason(a.type, a.value);
    if (reason !== null) {
      const source = load.feeds[0]?.source ?? 'allowList';
      const w = broadWarning({ kind: a.type, value: a.value }, reason, source, 0, true);
      warnings.push({ ...w, message: `allowList[${load.allow.indexOf(a)}]: ${w.message}` });
    }
    return reason === null;
  });
  if (warnings.length === 0) return load;
  return {
    ...load,
    indicators: checked.kept,
    allow,
    feeds: load.feeds.map((f) => {
      const skipped = checked.skippedBySource.get(f.source) ?? 0;
      return skipped === 0 ? f : { ...f, indicators: Math.max(0, f.indicators - skipped) };
    }),
    warnings: [...load.warnings, ...warnings],
  };
}

interface BroadCheck {
  kept: Indicator[];
  warnings: ParseIssue[];
  skippedBySource: Map<string, number>;
}

// The app scans again and again against the same active feed (the same indicator array): check
// it once. A million indicators take a few hundred milliseconds to check.
const checkedLists = new WeakMap<readonly Indicator[], BroadCheck>();

function broadOf(indicators: readonly Indicator[]): BroadCheck {
  const cached = checkedLists.get(indicators);
  if (cached) return cached;
  const out: BroadCheck = { kept: [], warnings: [], skippedBySource: new Map() };
  // Where the entry sits in its feed ("indicators[12]"): a signed feed has no line to point at.
  const position = new Map<string, number>();
  for (const ind of indicators) {
    const at = position.get(ind.source) ?? 0;
    position.set(ind.source, at + 1);
    // Exact addresses (most of a feed) are never catch-all.
    const reason = ind.kind === 'ip' || ind.kind === 'url' ? null : broadReason(ind.kind, ind.value);
    if (reason === null) {
      out.kept.push(ind);
      continue;
    }
    const w = broadWarning(ind, reason, ind.source, 0);
    out.warnings.push({ ...w, message: `indicators[${at}]: ${w.message}` });
    out.skippedBySource.set(ind.source, (out.skippedBySource.get(ind.source) ?? 0) + 1);
  }
  if (out.warnings.length === 0) out.kept = indicators as Indicator[];
  checkedLists.set(indicators, out);
  return out;
}

/** Indexes loaded indicators (the allow-list wins inside the index), catch-all entries left out. */
export function indexIndicators(load: IndicatorLoad): IndicatorSet {
  const safe = skipBroad(load);
  return {
    index: IndicatorIndex.build(safe.indicators, safe.allow),
    feeds: safe.feeds,
    warnings: safe.warnings,
    ...(safe.kmsHosts ? { kmsHosts: safe.kmsHosts } : {}),
  };
}
