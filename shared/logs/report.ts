// The hunt's result as a person and other programs read it: the JSON of `--json` (shape in the
// issue: devices → indicators with count, first and last seen; files; warnings), a CSV with one
// row per device and indicator, and the order everything is listed in (most contacts first).
import type { ParseIssue } from '../domain';
import type { HuntPartial } from './hunt';
import { writeCsv } from '../parsers/csv';
import { formatLocalIso } from './time';
import type { HuntReport, HuntReportDevice, HuntReportIndicator } from './report-schema';

export type { HuntReport } from './report-schema';

/** Options of the wording: the zone shown, the period asked for, the feeds used. */
export interface ReportOptions {
  nowMs: number;
  offsetMinutes: number | null;
  sinceMs?: number;
  untilMs?: number;
  feeds: HuntReport['feeds'];
  /** Problems met before reading logs (feed lines), listed first. */
  feedWarnings?: ParseIssue[];
}

const iso = (ms: number | null, off: number | null): string | undefined =>
  ms === null ? undefined : formatLocalIso(ms, off);

/** Orders and words a hunt's result. */
export function buildReport(p: HuntPartial, o: ReportOptions): HuntReport {
  const off = o.offsetMinutes;
  const devices = p.devices
    .map((d): HuntReportDevice & { _first: number | null; _last: number | null } => {
      let first: number | null = null;
      let last: number | null = null;
      const indicators = [...d.hits]
        .sort((a, b) => b.count - a.count || a.indicator.localeCompare(b.indicator))
        .map((h) => {
          if (h.firstMs !== null && (first === null || h.firstMs < first)) first = h.firstMs;
          if (h.lastMs !== null && (last === null || h.lastMs > last)) last = h.lastMs;
          const out: HuntReportIndicator = {
            indicator: h.indicator,
            kind: h.kind,
            source: h.source,
            count: h.count,
            ports: h.ports,
            protocols: h.protocols,
          };
          if (h.inbound > 0) out.inbound = h.inbound;
          const f = iso(h.firstMs, off);
          const l = iso(h.lastMs, off);
          if (f !== undefined) out.firstSeen = f;
          if (l !== undefined) out.lastSeen = l;
          return out;
        });
      const dev: HuntReportDevice & { _first: number | null; _last: number | null } = {
        address: d.address,
        count: d.count,
        indicators,
        evidence: [...d.evidence].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
        _first: first,
        _last: last,
      };
      if (d.mac !== undefined) dev.mac = d.mac;
      if (d.hostname !== undefined) dev.hostname = d.hostname;
      if (d.translated.length > 0) dev.translated = d.translated;
      return dev;
    })
    .sort((a, b) => b.count - a.count || a.address.localeCompare(b.address))
    .map(({ _first, _last, ...d }) => {
      const f = iso(_first, off);
      const l = iso(_last, off);
      return {
        ...d,
        ...(f !== undefined ? { firstSeen: f } : {}),
        ...(l !== undefined ? { lastSeen: l } : {}),
      };
    });
  const byIndicator = new Map<string, HuntReport['indicators'][number]>();
  for (const d of devices)
    for (const i of d.indicators) {
      const key = `${i.kind}:${i.indicator}`;
      let e = byIndicator.get(key);
      if (e === undefined) {
        e = { indicator: i.indicator, kind: i.kind, devices: [], count: 0 };
        byIndicator.set(key, e);
      }
      e.devices.push(d.address);
      e.count += i.count;
    }
  // Worker threads finish in any order: files and warnings are listed by path and line.
  const byPlace = (a: ParseIssue, b: ParseIssue): number =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
  const warnings = [...(o.feedWarnings ?? []), ...[...p.warnings].sort(byPlace)].slice(0, 50);
  const report: HuntReport = {
    huntedAt: formatLocalIso(o.nowMs, off),
    devices,
    indicators: [...byIndicator.values()].sort(
      (a, b) =>
        b.devices.length - a.devices.length || b.count - a.count || a.indicator.localeCompare(b.indicator),
    ),
    files: [...p.files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => ({
        path: f.path,
        format: f.format,
        bytes: f.bytes,
        lines: f.lines,
        records: f.records,
        skipped: f.skipped,
      })),
    feeds: o.feeds,
    warnings,
    warningCount: p.warningCount + (o.feedWarnings?.length ?? 0),
  };
  if (o.sinceMs !== undefined) report.since = formatLocalIso(o.sinceMs, off);
  if (o.untilMs !== undefined) report.until = formatLocalIso(o.untilMs, off);
  if (p.undated > 0) report.undated = p.undated;
  return report;
}

/** One row per device and indicator, with a header; UTF-8 with BOM so Excel shows Vietnamese. */
export function reportCsv(r: HuntReport): string {
  const rows = [
    [
      'address',
      'mac',
      'hostname',
      'translated',
      'indicator',
      'kind',
      'source',
      'count',
      'inbound',
      'firstSeen',
      'lastSeen',
      'ports',
      'protocols',
    ],
  ];
  for (const d of r.devices)
    for (const i of d.indicators)
      rows.push([
        d.address,
        d.mac ?? '',
        d.hostname ?? '',
        (d.translated ?? []).join(' '),
        i.indicator,
        i.kind,
        i.source,
        String(i.count),
        String(i.inbound ?? 0),
        i.firstSeen ?? '',
        i.lastSeen ?? '',
        i.ports.join(' '),
        i.protocols.join(' '),
      ]);
  return writeCsv(rows);
}
