// The indicators a scan matches against: feed files given on the command line (any format
// shared/feeds detects), or the campaign's default feed. Built into the index once per scan or
// watch, never per connection.
import { basename } from 'node:path';
import type { Indicator, ParseIssue, ScanReport } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { parseFeed, toIndicators } from '../../../shared/feeds';
import { IndicatorIndex } from '../../../shared/indicators';
import { broadAllowReason, broadReason } from '../../../shared/indicators/breadth';
import type { IndicatorMatcher } from '../../../shared/scan/find-findings';
import type { FileReader } from './sources';

/** An allow-list entry (wins over any indicator it covers). */
export interface AllowEntry {
  type: 'ip' | 'cidr' | 'domain';
  value: string;
}

/** Indicators with where they came from, before indexing. */
export interface IndicatorLoad {
  indicators: Indicator[];
  allow: AllowEntry[];
  feeds: ScanReport['feeds'];
  warnings: ParseIssue[];
}

/** The index a scan uses, the feeds behind it and the problems met loading them. */
export interface IndicatorSet {
  index: IndicatorMatcher;
  feeds: ScanReport['feeds'];
  warnings: ParseIssue[];
}

/** Reads and parses every feed file; a malformed line is a warning, an unreadable file or no indicator at all a UserError. */
export async function loadFeedFiles(paths: readonly string[], readFile: FileReader): Promise<IndicatorLoad> {
  const out: IndicatorLoad = { indicators: [], allow: [], feeds: [], warnings: [] };
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new UserError(
        `không đọc được tệp nguồn chỉ báo / cannot read feed file ${path} (${typeof code === 'string' ? code : String(e)})`,
        'kiểm tra đường dẫn sau --feed / check the path given to --feed',
      );
    }
    const source = basename(path);
    const parsed = parseFeed(bytes, path);
    out.warnings.push(...parsed.errors);
    // Catch-all entries are skipped here, where their line is still known (see skipBroad).
    const lines = parsed.indicators.map((p) => p.line);
    const indicators = toIndicators(parsed, source).filter((ind, k) => {
      const reason = broadReason(ind.kind, ind.value);
      if (reason !== null) out.warnings.push(broadWarning(ind, reason, path, lines[k] ?? 0));
      return reason === null;
    });
    out.indicators.push(...indicators);
    out.feeds.push({ source, indicators: indicators.length });
  }
  // Scanning against nothing would report "no finding" for any machine: refuse instead.
  if (out.indicators.length === 0) {
    const first = out.warnings[0];
    throw new UserError(
      `không có chỉ báo nào trong / no indicators in ${paths.join(', ')}${first ? ` (${first.file}:${first.line}: ${first.message})` : ''}`,
      'dùng tệp nguồn chỉ báo / give an indicator feed file',
    );
  }
  return out;
}

function broadWarning(
  entry: { kind: string; value: string },
  reason: NonNullable<ReturnType<typeof broadReason>>,
  file: string,
  line: number,
  allow = false,
): ParseIssue {
  return {
    file,
    line,
    message: allow
      ? `bỏ qua mục danh sách cho phép quá rộng ${entry.kind} ${entry.value}: ${reason.vi}; nó sẽ che mọi phát hiện. Báo cơ quan phát hành nguồn cấp ` +
        `(catch-all allow-list entry skipped: ${entry.kind} ${entry.value}: ${reason.en}; it would hide every finding. Tell the feed's publisher)`
      : `bỏ qua chỉ báo quá rộng ${entry.kind} ${entry.value}: ${reason.vi}; nó sẽ báo nhầm mọi máy. Báo cơ quan phát hành nguồn cấp ` +
        `(catch-all indicator skipped: ${entry.kind} ${entry.value}: ${reason.en}; it would flag every machine. Tell the feed's publisher)`,
  };
}

/**
 * Leaves out catch-all indicators and allow-list entries (shared/indicators/breadth.ts), even from
 * a signed feed, with one warning naming each: a /0 block or "com" would call every machine
 * infected, a /0 or "vn" in the allow-list would call every machine clean.
 */
export function skipBroad(load: IndicatorLoad): IndicatorLoad {
  const warnings: ParseIssue[] = [];
  const skippedBySource = new Map<string, number>();
  const indicators = load.indicators.filter((ind) => {
    const reason = broadReason(ind.kind, ind.value);
    if (reason === null) return true;
    warnings.push(broadWarning(ind, reason, ind.source, 0));
    skippedBySource.set(ind.source, (skippedBySource.get(ind.source) ?? 0) + 1);
    return false;
  });
  const allow = load.allow.filter((a) => {
    const reason = broadAllowReason(a.type, a.value);
    if (reason !== null) {
      const source = load.feeds[0]?.source ?? 'allowList';
      warnings.push(broadWarning({ kind: a.type, value: a.value }, reason, source, 0, true));
    }
    return reason === null;
  });
  if (warnings.length === 0) return load;
  return {
    indicators,
    allow,
    feeds: load.feeds.map((f) => {
      const skipped = skippedBySource.get(f.source) ?? 0;
      return skipped === 0 ? f : { ...f, indicators: Math.max(0, f.indicators - skipped) };
    }),
    warnings: [...load.warnings, ...warnings],
  };
}

/** Indexes loaded indicators (the allow-list wins inside the index), catch-all entries left out. */
export function indexIndicators(load: IndicatorLoad): IndicatorSet {
  const safe = skipBroad(load);
  return {
    index: IndicatorIndex.build(safe.indicators, safe.allow),
    feeds: safe.feeds,
    warnings: safe.warnings,
  };
}
