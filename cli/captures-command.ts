// `sachmadoc scan --captures DIR`: DIR holds one folder per PC, as assets/collect.cmd writes them
// (netstat.txt, tasklist.csv, svc.csv, processes.csv, displaydns.txt, hosts, dli.txt, uninstall.txt,
// codepage.txt). Each folder is scanned exactly as `scan --netstat ... --json` would scan it; the
// result is one summary with a row per PC (name, verdict, findings, cracked-software signs), then
// each PC's details. Exit status: 1 when any PC has a finding or sign, 0 when none, 2 when no
// folder could be read.
import { readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { join, resolve } from 'node:path';
import type { ScanReport } from '../shared/domain';
import { userError } from '../shared/errors';
import { bilingual, documentLanguage, translate } from '../shared/i18n';
import { writeCsv } from '../shared/parsers/csv';
import type { CliIo } from './io';
import { memoryIo } from './io';

/** The capture files collect.cmd writes, and the scan option each one goes to. */
const FILES: [file: string, flag: string][] = [
  ['netstat.txt', '--netstat'],
  ['tasklist.csv', '--tasklist'],
  ['svc.csv', '--tasklist-svc'],
  ['processes.csv', '--processes'],
  ['displaydns.txt', '--dns-cache'],
  ['hosts', '--hosts'],
  ['dli.txt', '--slmgr'],
  ['uninstall.txt', '--installed'],
];

/** One PC's line of the summary. */
export interface CapturePc {
  name: string;
  folder: string;
  verdict: 'clean' | 'findings' | 'error';
  /** Connections, DNS-cache or hosts-file entries that reached a campaign indicator. */
  findings: number;
  /** Signs of cracked software (licensing findings). */
  crackedSigns: number;
  warnings: number;
  error?: string;
  report?: ScanReport;
}

/** What the captures scan needs from `scan`. */
export interface CapturesRequest {
  dir: string;
  feeds: string[];
  kmsHosts: string[];
  json: boolean;
  csv?: string;
  html?: string;
  /** Runs one `sachmadoc scan` in-process. */
  scan: (argv: string[], io: CliIo) => Promise<number>;
}

/** Scans every PC folder under `dir`; returns the exit status. */
export async function scanCaptures(req: CapturesRequest, io: CliIo): Promise<number> {
  const root = resolve(io.cwd, req.dir);
  let entries;
  try {
    entries = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory());
  } catch (e) {
    throw userError('msg.cli.captures.cannotReadFolder', {
      params: { path: root, code: String((e as { code?: unknown }).code ?? e) },
      hint: 'msg.cli.checkPath',
    });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const pcs: CapturePc[] = [];
  const failed = (name: string, folder: string, error: string): CapturePc => ({
    name,
    folder,
    verdict: 'error',
    findings: 0,
    crackedSigns: 0,
    warnings: 0,
    error,
  });
  for (const e of entries) {
    const folder = join(root, e.name);
    const present = new Set(await readdir(folder));
    const argv = ['--json'];
    for (const f of req.feeds) argv.push('--feed', resolve(io.cwd, f));
    for (const k of req.kmsHosts) argv.push('--kms-host', k);
    for (const [file, flag] of FILES) if (present.has(file)) argv.push(flag, join(folder, file));
    if (!present.has('netstat.txt')) {
      // tasklist without netstat describes no connection: leave them out rather than fail.
      for (const flag of ['--tasklist', '--tasklist-svc', '--processes']) {
        const i = argv.indexOf(flag);
        if (i >= 0) argv.splice(i, 2);
      }
    }
    let name = e.name;
    if (present.has('computername.txt'))
      name = (await readFile(join(folder, 'computername.txt'), 'utf8')).trim() || name;
    if (present.has('codepage.txt')) {
      const cp = /(\d{3,5})/.exec(await readFile(join(folder, 'codepage.txt'), 'latin1'));
      if (cp) argv.push('--code-page', cp[1]);
    }
    if (!FILES.some(([file]) => present.has(file))) {
      pcs.push(failed(name, folder, bilingual('msg.cli.captures.noFiles')));
      continue;
    }
    const sub = memoryIo({ cwd: io.cwd, env: io.env });
    const code = await req.scan(argv, sub);
    if (code === 2) {
      const firstLine = sub.err.join('').split('\n')[0];
      pcs.push(failed(name, folder, firstLine.replace(/^sachmadoc scan: /, '')));
      continue;
    }
    const report = JSON.parse(sub.out.join('')) as ScanReport;
    const cracked = report.findings.filter((f) => f.via === 'licensing').length;
    const findings = report.findings.length - cracked;
    pcs.push({
      name,
      folder,
      verdict: findings + cracked > 0 ? 'findings' : 'clean',
      findings,
      crackedSigns: cracked,
      warnings: report.warnings.length,
      report,
    });
  }
  if (req.csv !== undefined) await writeFileAtomic(resolve(io.cwd, req.csv), capturesCsv(pcs));
  if (req.html !== undefined) await writeFileAtomic(resolve(io.cwd, req.html), capturesHtml(pcs));
  io.stdout(req.json ? `${JSON.stringify({ pcs }, null, 2)}\n` : capturesText(pcs));
  if (pcs.length > 0 && pcs.every((p) => p.verdict === 'error')) return 2;
  return pcs.some((p) => p.verdict === 'findings') ? 1 : 0;
}

const COLUMNS = ['pc', 'verdict', 'findings', 'cracked'] as const;

/** The terminal summary, then each PC's findings. */
export function capturesText(pcs: CapturePc[]): string {
  const out = [
    bilingual('msg.cli.captures.pcs', { count: pcs.length }),
    COLUMNS.map((c) => bilingual(`msg.cli.captures.col.${c}`, undefined, '/')).join(' | '),
  ];
  for (const p of pcs)
    out.push(
      `${p.name} | ${bilingual(`msg.cli.captures.verdict.${p.verdict}`)} | ${p.findings} | ${p.crackedSigns}`,
    );
  for (const p of pcs) {
    out.push('', `== ${p.name} (${p.folder})`);
    if (p.error) out.push(`   ${p.error}`);
    for (const f of p.report?.findings ?? [])
      out.push(
        `   → ${f.indicator} [${f.via}]${f.connection ? ` ${f.connection.remoteAddress}:${f.connection.remotePort} pid ${f.connection.pid ?? '-'} ${f.connection.processName ?? ''}` : ''}${f.evidence?.[0] ? ` ${f.evidence[0]}` : ''}`,
      );
  }
  return `${out.join('\n')}\n`;
}

/** One row per PC; UTF-8 with BOM. */
export function capturesCsv(pcs: CapturePc[]): string {
  const rows = [['name', 'folder', 'verdict', 'findings', 'crackedSigns', 'warnings', 'error']];
  for (const p of pcs)
    rows.push([
      p.name,
      p.folder,
      p.verdict,
      String(p.findings),
      String(p.crackedSigns),
      String(p.warnings),
      p.error ?? '',
    ]);
  return writeCsv(rows);
}

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A self-contained page (Vietnamese, or the `--lang` chosen): the summary table first, then each PC. */
export function capturesHtml(pcs: CapturePc[]): string {
  const lang = documentLanguage();
  const t = (key: string): string => esc(translate(lang, key));
  const rows = pcs
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td>${t(`msg.cli.captures.html.verdict.${p.verdict}`)}</td><td>${p.findings}</td><td>${p.crackedSigns}</td></tr>`,
    )
    .join('');
  const details = pcs
    .map(
      (p) =>
        `<h3>${esc(p.name)}</h3>${p.error ? `<p>${esc(p.error)}</p>` : ''}<ul>${(p.report?.findings ?? [])
          .map(
            (f) =>
              `<li><code>${esc(f.indicator)}</code> (${esc(f.via)})${f.connection ? ` — ${esc(f.connection.processName ?? '')} PID ${f.connection.pid ?? '-'}` : ''}</li>`,
          )
          .join('')}</ul>`,
    )
    .join('\n');
  const bad = pcs.filter((p) => p.verdict === 'findings').length;
  const heads = COLUMNS.map((c) => `<th>${t(`msg.cli.captures.col.${c}`)}</th>`).join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t('msg.cli.captures.html.title')} — ${t('app.name')}</title>
<style>body{font-family:"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}th{background:#f2f2f2}</style>
</head><body><h1>${t('msg.cli.captures.html.title')}</h1>
<p><strong>${bad} / ${pcs.length}</strong> ${t('msg.cli.captures.html.bad')}</p>
<table><thead><tr>${heads}</tr></thead><tbody>${rows}</tbody></table>
<h2>${t('msg.cli.captures.html.details')}</h2>
${details}
</body></html>
`;
}
