// The readable (non --json) scan output: flagged connections first, then the DNS-cache and
// hosts-file findings, then every other connection, with Vietnamese headings and English beside
// them, as the IT staff of a Vietnamese agency read it.
import type { Connection, Finding, ScanReport } from '../../shared/domain';
import { PROCESS_WORDS } from '../../shared/processes/process-facts';
import { connectionKey } from '../../shared/scan/find-findings';

/** "addr:port", with brackets around IPv6 so the port stays readable. */
export function endpoint(address: string, port: number): string {
  // Listening and unconnected sockets have no peer; "*" reads better than 0.0.0.0:0.
  if (address === '' || address === '*' || ((address === '0.0.0.0' || address === '::') && port === 0))
    return '*';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Lays out rows in columns padded to the widest cell; the header is underlined. */
export function columns(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const HEADER = [
  '',
  'Giao thức/Proto',
  'Cục bộ/Local',
  'Từ xa/Remote',
  'Trạng thái/State',
  'PID',
  'Tiến trình/Process',
  'Chỉ báo/Indicator',
];

/** Shown before the indicator only when some peer has a name, so name-less tables stay narrow. */
const NAMES_HEADER = 'Tên miền/Names';
/** Shown after the process only when some row has a path or says why it has none. */
const PATH_HEADER = 'Đường dẫn/Path';

/** Path cell in both languages: the path, or why there is none, disguise marked. */
function pathCell(c: Connection): string {
  if (c.processPath === null) {
    return c.pathStatus ? `(${PROCESS_WORDS[c.pathStatus].vi} / ${PROCESS_WORDS[c.pathStatus].en})` : '';
  }
  return c.disguise ? `${c.processPath} [GIẢ DẠNG/DISGUISED]` : c.processPath;
}

function connectionRow(
  c: Connection,
  flag: string,
  indicator: string,
  withNames: boolean,
  withPaths = false,
): string[] {
  const process = c.processName ?? '?';
  const services = c.services.length > 0 ? ` (${c.services.join(', ')})` : '';
  return [
    flag,
    c.protocol.toUpperCase(),
    endpoint(c.localAddress, c.localPort),
    endpoint(c.remoteAddress, c.remotePort),
    c.state,
    c.pid === null ? '-' : String(c.pid),
    `${process}${services}`,
    ...(withPaths ? [pathCell(c)] : []),
    ...(withNames ? [(c.names ?? []).join(', ')] : []),
    indicator,
  ];
}

/** How a finding names its indicator in one cell: value, the name involved, the feed. */
function indicatorCell(f: Finding): string {
  const name = f.domain !== undefined && f.domain !== f.indicator ? ` (${f.domain})` : '';
  return `${f.indicator}${name} [${f.source}]`;
}

/**
 * A finding without a connection as table rows: one, plus one more for each further line of a
 * multi-line evidence (a hosts sign lists its lines), so the columns stay aligned.
 */
function recordRows(f: Finding): string[][] {
  const [first = '', ...more] = (f.evidence ?? '').split('\n');
  return [
    ['!!', f.via, `${f.indicator} [${f.source}]`, f.domain ?? '', first],
    ...more.map((line) => ['', '', '', '', line]),
  ];
}

/** Formats a report as text tables; flagged rows come first. */
export function formatReportTable(report: ScanReport): string {
  const out: string[] = [];
  const feeds = report.feeds
    .map((f) => `${f.source} (${f.indicators}${f.version ? `, v${f.version}` : ''})`)
    .join(', ');
  out.push(`Sạch Mã Độc — kết quả quét / scan result — ${report.scannedAt}`);
  out.push(`Nguồn chỉ báo / Feeds: ${feeds || '-'}`);
  out.push('');

  const byConnection = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (!f.connection) continue;
    const k = connectionKey(f.connection);
    byConnection.set(k, [...(byConnection.get(k) ?? []), f]);
  }
  const withNames = [
    ...report.connections,
    ...[...byConnection.values()].map((fs) => fs[0].connection!),
  ].some((c) => (c.names?.length ?? 0) > 0);
  const withPaths = report.connections.some((c) => c.processPath !== null || c.pathStatus !== undefined);
  const flagged = [...byConnection.values()].map((fs) =>
    connectionRow(fs[0].connection!, '!!', fs.map(indicatorCell).join('; '), withNames, withPaths),
  );
  const others = report.connections
    .filter((c) => !byConnection.has(connectionKey(c)))
    .map((c) => connectionRow(c, c.disguise ? '?!' : '', '', withNames, withPaths));
  const header = [
    ...HEADER.slice(0, 7),
    ...(withPaths ? [PATH_HEADER] : []),
    ...(withNames ? [NAMES_HEADER] : []),
    ...HEADER.slice(7),
  ];
  out.push(`Kết nối / Connections: ${report.connections.length}, bị gắn cờ / flagged: ${flagged.length}`);
  out.push(columns(header, [...flagged, ...others]));

  out.push(...disguiseLines(report.connections));

  const records = report.findings.filter((f) => !f.connection);
  if (records.length > 0) {
    out.push('');
    out.push('Bộ nhớ đệm DNS và tệp hosts / DNS cache and hosts file:');
    out.push(
      columns(
        ['', 'Nguồn/Via', 'Chỉ báo/Indicator', 'Tên miền/Domain', 'Bằng chứng/Evidence'],
        records.flatMap(recordRows),
      ),
    );
  }
  out.push('');
  out.push(
    report.findings.length === 0
      ? 'Không phát hiện dấu hiệu nào / No findings.'
      : `Phát hiện ${report.findings.length} dấu hiệu: hãy xử lý các dòng "!!" / ${report.findings.length} findings: deal with the "!!" rows.`,
  );
  return `${out.join('\n')}\n`;
}

/**
 * The disguised system executables, one block per process: path, parent and command line, so the
 * IT officer can find and remove the file. Information, not a finding: it never changes the exit
 * status or the counts, but it is listed after the table where it cannot be missed.
 */
function disguiseLines(connections: readonly Connection[]): string[] {
  const seen = new Map<string, Connection>();
  for (const c of connections) if (c.disguise && c.processPath) seen.set(`${c.pid}|${c.processPath}`, c);
  if (seen.size === 0) return [];
  const out = ['', `?! ${PROCESS_WORDS.disguise.vi} / ${PROCESS_WORDS.disguise.en}:`];
  for (const c of seen.values()) {
    const parent =
      c.parentPid === null || c.parentPid === undefined ? '-' : `${c.parentName ?? '?'} (PID ${c.parentPid})`;
    out.push(`   PID ${c.pid ?? '-'}  ${c.processPath}`);
    out.push(`      cha/parent: ${parent}`);
    if (c.commandLine) out.push(`      dòng lệnh/command line: ${c.commandLine}`);
  }
  return out;
}
