// The indicators a scan matches against: feed files given on the command line (any format
// shared/feeds detects), or the campaign's default feed. Built into the index once per scan or
// watch, never per connection.
import { basename } from 'node:path';
import type { Indicator, ParseIssue, ScanReport } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { parseFeed, toIndicators } from '../../../shared/feeds';
import { IndicatorIndex } from '../../../shared/indicators';
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
      // Already worded (not a regular file, too large): keep it.
      if (e instanceof UserError) throw e;
      const code = (e as { code?: unknown }).code;
      throw new UserError(
        `không đọc được tệp nguồn chỉ báo / cannot read feed file ${path} (${typeof code === 'string' ? code : String(e)})`,
        'kiểm tra đường dẫn sau --feed / check the path given to --feed',
      );
    }
    const source = basename(path);
    const parsed = parseFeed(bytes, path);
    out.warnings.push(...parsed.errors);
    const indicators = toIndicators(parsed, source);
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

/** Indexes loaded indicators (the allow-list wins inside the index). */
export function indexIndicators(load: IndicatorLoad): IndicatorSet {
  return {
    index: IndicatorIndex.build(load.indicators, load.allow),
    feeds: load.feeds,
    warnings: load.warnings,
  };
}
