// Shared set-up of the hunt tests: the test feed indexed, and a log text run through detection,
// a parser and the hunt, as the Node reader does it (without files).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFeed, toIndicators } from '../../../shared/indicator-formats';
import { IndicatorIndex } from '../../../shared/indicators';
import { createParser, detectFormat } from '../../../shared/logs/detect';
import { FileHunt, Hunt } from '../../../shared/logs/hunt';
import { LogRecord } from '../../../shared/logs/record';
import type { LogFormat } from '../../../shared/logs/record';
import type { ColumnMap } from '../../../shared/logs/columns';
import { buildReport } from '../../../shared/logs/report';
import type { HuntReport } from '../../../shared/logs/report';

export const LOGS = resolve(__dirname, '../../fixtures/logs');
export const fixture = (name: string): string => readFileSync(resolve(LOGS, name), 'utf8');

/** The test feed (documentation addresses, reserved names) with an optional allow-list. */
export function testIndex(allow: { type: 'ip' | 'cidr' | 'domain'; value: string }[] = []): IndicatorIndex {
  const parsed = parseFeed(readFileSync(resolve(LOGS, 'feed.txt')), 'feed.txt');
  return IndicatorIndex.build(toIndicators(parsed, 'feed.txt'), allow);
}

/** Runs text through detection (or the given format) and the hunt; times in UTC+7 like the fixtures. */
export function huntText(
  name: string,
  text: string,
  o: {
    format?: LogFormat;
    columns?: ColumnMap;
    index?: IndicatorIndex;
    sinceMs?: number;
    untilMs?: number;
  } = {},
): { report: HuntReport; format: LogFormat | null } {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const format = o.format ?? detectFormat(lines);
  const hunt = new Hunt(o.index ?? testIndex(), { sinceMs: o.sinceMs, untilMs: o.untilMs });
  if (format !== null) {
    const ctx = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
    const fh = new FileHunt(hunt, createParser(format, ctx, o.columns), name, new LogRecord());
    for (const l of lines) fh.line(l);
    hunt.files.push({
      path: name,
      format,
      bytes: text.length,
      lines: fh.lines,
      records: fh.records,
      skipped: fh.skipped,
    });
  }
  const report = buildReport(hunt.partial(), { nowMs: Date.UTC(2026, 11, 1), offsetMinutes: 420, feeds: [] });
  return { report, format };
}

/** "device → indicator×count" lines, sorted: compact expectations. */
export function summary(r: HuntReport): string[] {
  return r.devices
    .flatMap((d) => d.indicators.map((i) => `${d.address} → ${i.indicator} ×${i.count}`))
    .sort();
}

/** A completed record's address, port, protocol, name and host fields, as the parser tests compare them. */
export function recordFields(rec: LogRecord) {
  rec.complete();
  return {
    src: rec.src,
    srcPort: rec.srcPort,
    dst: rec.dst,
    dstPort: rec.dstPort,
    proto: rec.proto,
    domain: rec.domain,
    hostname: rec.hostname,
  };
}
