// The rows of the details table and of the CSV/JSON exports, derived once from a ScanReport:
// each connection joined with the finding that flags it. Main exports exactly what the table shows.
import type { Connection, Finding, ProcessPathStatus, ScanReport } from '../domain';
import { writeCsv } from '../parsers/csv';
import { translate, type Language } from '../i18n';
import { isEndedConnection } from '../scan/verdict';

/** One connection as IT staff see it. */
export interface ConnectionRow {
  /** Stable within one report; used as the React key and for "copy row". */
  id: number;
  flagged: boolean;
  protocol: Connection['protocol'];
  state: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  pid: number | null;
  processName: string | null;
  processPath: string | null;
  services: string[];
  /** The name of a domain indicator that flagged the connection. */
  domain: string | null;
  /** Every name the DNS cache / hosts file resolved to the remote address, most specific first. */
  names: string[];
  indicator: string | null;
  source: string | null;
  severity: Finding['severity'] | null;
  /** Why processPath is null (`pending` while Windows is asked after the verdict). */
  pathStatus: ProcessPathStatus | null;
  /** A system-named executable outside System32/SysWOW64: a suspicious disguise. */
  disguise: boolean;
  parentPid: number | null;
  parentName: string | null;
  commandLine: string | null;
}

const keyOf = (c: Connection) =>
  [c.protocol, c.localAddress, c.localPort, c.remoteAddress, c.remotePort, c.pid ?? ''].join('|');

function rowOf(id: number, c: Connection, f: Finding | undefined): ConnectionRow {
  return {
    id,
    flagged: f !== undefined,
    protocol: c.protocol,
    state: c.state,
    localAddress: c.localAddress,
    localPort: c.localPort,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    pid: c.pid,
    processName: c.processName,
    processPath: c.processPath,
    services: c.services,
    domain: f?.domain ?? null,
    names: c.names ?? [],
    indicator: f?.indicator ?? null,
    source: f?.source ?? null,
    severity: f?.severity ?? null,
    pathStatus: c.pathStatus ?? null,
    disguise: c.disguise === true,
    parentPid: c.parentPid ?? null,
    parentName: c.parentName ?? null,
    commandLine: c.commandLine ?? null,
  };
}

/** Joins connections with their findings; flagged rows first, otherwise in the report's order. */
export function toConnectionRows(report: ScanReport): ConnectionRow[] {
  const byKey = new Map<string, Finding>();
  for (const f of report.findings)
    // An ended ownerless socket is "recently connected" information, never a flagged row (the
    // verdict's rule; a scan that predates `recent` still listed it among the findings).
    if (
      f.via === 'connection' &&
      f.connection &&
      !isEndedConnection(f.connection) &&
      !byKey.has(keyOf(f.connection))
    )
      byKey.set(keyOf(f.connection), f);
  const seen = new Set<string>();
  const rows: ConnectionRow[] = [];
  for (const c of report.connections) {
    const key = keyOf(c);
    seen.add(key);
    rows.push(rowOf(rows.length, c, byKey.get(key)));
  }
  // A flagged connection seen by a watch sample may be gone from the final list: keep it visible.
  for (const [key, f] of byKey)
    if (!seen.has(key) && f.connection) rows.push(rowOf(rows.length, f.connection, f));
  return [...rows.filter((r) => r.flagged), ...rows.filter((r) => !r.flagged)];
}

/** What the self-check verdict says: how many flagged connections, which programs, other signs. */
export function summarize(report: ScanReport): {
  flagged: number;
  programs: string[];
  otherFindings: number;
} {
  const connectionFindings = report.findings.filter((f) => f.via === 'connection');
  const programs = [
    ...new Set(connectionFindings.map((f) => f.connection?.processName ?? '').filter((n) => n !== '')),
  ].sort((a, b) => a.localeCompare(b));
  const flagged = new Set(connectionFindings.map((f) => (f.connection ? keyOf(f.connection) : f.indicator)))
    .size;
  return { flagged, programs, otherFindings: report.findings.length - connectionFindings.length };
}

export const csvColumns = [
  'flagged',
  'pid',
  'process',
  'path',
  'services',
  'protocol',
  'state',
  'local',
  'remote',
  'domain',
  'names',
  'indicator',
  'source',
  'disguise',
  'parent',
  'commandLine',
] as const;

/** Address and port as people write them: IPv6 in brackets. */
export const endpoint = (address: string, port: number): string =>
  address === '' || address === '*' ? '*' : `${address.includes(':') ? `[${address}]` : address}:${port}`;

/** The table's domain cell: the flagged domain first, then every other name of the peer. */
export function domainText(r: ConnectionRow): string {
  return [...new Set(r.domain === null ? r.names : [r.domain, ...r.names])].join(', ');
}

/** The header of the export and of "copy row" in the reader's language (export.col.* keys). */
export function csvHeader(language: Language): string[] {
  return csvColumns.map((c) => translate(language, `export.col.${c}`));
}

/** The cells of a row in csvColumns order (also what "copy row" copies, tab-separated). */
export function rowCells(r: ConnectionRow, language: Language): string[] {
  return [
    translate(language, r.flagged ? 'common.yes' : 'common.no'),
    r.pid === null ? '' : String(r.pid),
    r.processName ?? '',
    r.processPath ?? '',
    r.services.join(' '),
    r.protocol,
    r.state,
    endpoint(r.localAddress, r.localPort),
    endpoint(r.remoteAddress, r.remotePort),
    r.domain ?? '',
    r.names.join(' '),
    r.indicator ?? '',
    r.source ?? '',
    r.disguise ? translate(language, 'common.yes') : '',
    r.parentPid === null ? '' : `${r.parentName ?? '?'} (${r.parentPid})`,
    r.commandLine ?? '',
  ];
}

/**
 * Rows as tab-separated text with the header line, for the clipboard (pastes into a spreadsheet as
 * columns). A tab or line break inside a cell (a command line) becomes a space, so rows stay rows.
 */
export function rowsToTsv(rows: readonly ConnectionRow[], language: Language): string {
  const line = (cells: readonly string[]) => cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t');
  return [line(csvHeader(language)), ...rows.map((r) => line(rowCells(r, language)))].join('\n');
}

/** CSV with a UTF-8 BOM (so spreadsheet programs read Vietnamese text) and CRLF line ends. */
export function rowsToCsv(rows: readonly ConnectionRow[], language: Language): string {
  return writeCsv([csvHeader(language), ...rows.map((r) => rowCells(r, language))]);
}

/** JSON export: the rows plus when the scan ran, pretty-printed for people who open it. */
export function rowsToJson(rows: readonly ConnectionRow[], scannedAt: string): string {
  return `${JSON.stringify({ scannedAt, connections: rows.map(({ id: _id, ...rest }) => rest) }, null, 2)}\n`;
}
