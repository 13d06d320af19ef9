// The readable (non --json) scan output: flagged connections first, then every other connection,
// the DNS-cache and hosts-file findings, the cracked-software signs under their own heading, then
// what is information only (names the hosts file blocks, ended connections, notices), with
// Vietnamese headings and English beside them, as the IT staff of a Vietnamese agency read it.
import type { BlockedName, Connection, Finding, ScanReport } from '../shared/domain';
import { notActivatedHeading } from '../shared/licensing/texts';
import { connectionKey, isEndedConnection } from '../shared/scan/find-findings';
import { bilingual, bilingualPair } from '../shared/i18n';

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

/** A column header, "Giao thức/Proto" (both languages joined tight, or the one chosen). */
const col = (name: string): string => bilingual(`msg.cli.table.col.${name}`, undefined, '/');

const header = (): string[] => [
  '',
  col('proto'),
  col('local'),
  col('remote'),
  col('state'),
  'PID',
  col('process'),
];

/** Path cell in both languages: the path, or why there is none, disguise marked. */
function pathCell(c: Connection): string {
  if (c.processPath === null) {
    return c.pathStatus ? `(${bilingual(`msg.process.pathStatus.${c.pathStatus}`)})` : '';
  }
  return c.disguise
    ? `${c.processPath} [${bilingual('msg.cli.table.disguised', undefined, '/')}]`
    : c.processPath;
}

function connectionRow(
  c: Connection,
  flag: string,
  indicator: string,
  withNames: boolean,
  withPaths = false,
): string[] {
  // An ended socket has no owner any more: say so rather than "?" (an unknown culprit).
  const process = c.processName ?? (isEndedConnection(c) ? `- (${bilingual('msg.cli.table.ended')})` : '?');
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
function recordRows(f: Finding, label: string = f.via): string[][] {
  const [first = '', ...more] = (f.evidence ?? '').split('\n');
  return [
    ['!!', label, `${f.indicator} [${f.source}]`, f.domain ?? '', first],
    ...more.map((line) => ['', '', '', '', line]),
  ];
}

/** A section: a blank line, its heading, then its table. */
function section(out: string[], heading: string, table: string): void {
  out.push('', heading, table);
}

function blockedRows(list: readonly BlockedName[]): string[][] {
  return list.map((b) => [
    b.domain,
    b.address,
    `${b.indicator} [${b.source}]`,
    `${b.file ?? ''}${b.line !== undefined ? `:${b.line}` : ''}${b.text !== undefined ? `: ${b.text}` : ''}`,
  ]);
}

function recentRows(list: readonly Finding[], live: ReadonlySet<string>): string[][] {
  return list.map((f) => {
    const c = f.connection!;
    const name = f.domain !== undefined && f.domain !== f.indicator ? ` (${f.domain})` : '';
    return [
      c.protocol.toUpperCase(),
      endpoint(c.localAddress, c.localPort),
      endpoint(c.remoteAddress, c.remotePort),
      c.state,
      `${f.indicator}${name} [${f.source}]`,
      bilingual(live.has(f.indicator) ? 'msg.cli.table.alsoLive' : 'msg.cli.table.ended'),
    ];
  });
}

function noticeRows(list: readonly Finding[]): string[][] {
  return list.map((f) => {
    const h = notActivatedHeading(f.indicator);
    return [bilingualPair(h), f.indicator, f.evidence ?? ''];
  });
}

/** Formats a report as text tables; flagged rows come first. */
export function formatReportTable(report: ScanReport): string {
  const out: string[] = [];
  const sample = report.feeds.some((f) => f.sample === true);
  const feeds = report.feeds
    .map(
      (f) =>
        `${f.source} (${f.indicators}${f.version ? `, v${f.version}` : ''}${f.sample ? `, ${bilingual('msg.cli.feed.label.sample')}` : ''})`,
    )
    .join(', ');
  out.push(`${bilingual('app.name')} — ${bilingual('msg.cli.table.scanResult')} — ${report.scannedAt}`);
  out.push(`${bilingual('msg.cli.table.feeds')}: ${feeds || '-'}`);
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
  // The path column only when some row has a path or says why it has none; the names column only
  // when some peer has a name, so name-less tables stay narrow.
  const connectionHeader = [
    ...header(),
    ...(withPaths ? [col('path')] : []),
    ...(withNames ? [col('names')] : []),
    col('indicator'),
  ];
  out.push(
    bilingual('msg.cli.table.connections', { total: report.connections.length, flagged: flagged.length }),
  );
  out.push(columns(connectionHeader, [...flagged, ...others]));

  out.push(...disguiseLines(report.connections));

  const recordHeader = ['', col('via'), col('indicator'), col('domain'), col('evidence')];
  const records = report.findings.filter((f) => !f.connection && f.via !== 'licensing');
  if (records.length > 0)
    section(
      out,
      `${bilingual('msg.cli.table.dnsHosts')}:`,
      columns(
        recordHeader,
        records.flatMap((f) => recordRows(f)),
      ),
    );
  const signs = report.findings.filter((f) => f.via === 'licensing');
  if (signs.length > 0)
    section(
      out,
      `${bilingual('msg.cli.table.signs')}:`,
      columns(
        ['', col('kind'), col('sign'), col('domain'), col('evidence')],
        signs.flatMap((f) => recordRows(f, f.kind)),
      ),
    );

  const blocked = report.blocked ?? [];
  if (blocked.length > 0)
    section(
      out,
      bilingual('msg.cli.table.blocked', { count: blocked.length }),
      columns([col('domain'), col('address'), col('indicator'), col('line')], blockedRows(blocked)),
    );
  const recent = report.recent ?? [];
  if (recent.length > 0) {
    const live = new Set(report.findings.filter((f) => f.connection).map((f) => f.indicator));
    section(
      out,
      bilingual('msg.cli.table.recent', { count: recent.length }),
      columns(
        [col('proto'), col('local'), col('remote'), col('state'), col('indicator'), col('now')],
        recentRows(recent, live),
      ),
    );
  }
  const notices = report.notices ?? [];
  if (notices.length > 0)
    section(
      out,
      `${bilingual('msg.cli.table.notices')}:`,
      columns([col('notice'), col('product'), col('evidence')], noticeRows(notices)),
    );

  out.push('');
  out.push(
    report.findings.length > 0
      ? bilingual('msg.cli.table.found', { count: report.findings.length })
      : bilingual(sample ? 'msg.cli.table.noneSample' : 'msg.cli.table.none'),
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
  const out = ['', `?! ${bilingual('msg.process.disguise')}:`];
  for (const c of seen.values()) {
    const parent =
      c.parentPid === null || c.parentPid === undefined ? '-' : `${c.parentName ?? '?'} (PID ${c.parentPid})`;
    out.push(`   PID ${c.pid ?? '-'}  ${c.processPath}`);
    out.push(`      ${bilingual('msg.cli.table.parent', undefined, '/')}: ${parent}`);
    if (c.commandLine)
      out.push(`      ${bilingual('msg.cli.table.commandLine', undefined, '/')}: ${c.commandLine}`);
  }
  return out;
}
