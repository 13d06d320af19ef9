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
import { UserError } from '../shared/errors';
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
    throw new UserError(
      `không đọc được thư mục / cannot read the folder --captures ${root} (${String((e as { code?: unknown }).code ?? e)})`,
      'kiểm tra đường dẫn / check the path',
    );
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const pcs: CapturePc[] = [];
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
      pcs.push({
        name,
        folder,
        verdict: 'error',
        findings: 0,
        crackedSigns: 0,
        warnings: 0,
        error: 'không có tệp thu thập nào / no capture file in this folder',
      });
      continue;
    }
    const sub = memoryIo({ cwd: io.cwd, env: io.env });
    const code = await req.scan(argv, sub);
    if (code === 2) {
      pcs.push({
        name,
        folder,
        verdict: 'error',
        findings: 0,
        crackedSigns: 0,
        warnings: 0,
        error: sub.err
          .join('')
          .split('\n')[0]
          .replace(/^sachmadoc scan: /, ''),
      });
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

const VERDICT = {
  clean: 'sạch / clean',
  findings: 'CÓ DẤU HIỆU / FINDINGS',
  error: 'lỗi / error',
} as const;

/** The terminal summary, then each PC's findings. */
export function capturesText(pcs: CapturePc[]): string {
  const out = [
    `${pcs.length} máy / PCs`,
    'Máy/PC | Kết luận/verdict | Kết nối độc hại/findings | Dấu hiệu bẻ khóa/cracked signs',
  ];
  for (const p of pcs) out.push(`${p.name} | ${VERDICT[p.verdict]} | ${p.findings} | ${p.crackedSigns}`);
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

/** A self-contained Vietnamese page: the summary table first, then each PC. */
export function capturesHtml(pcs: CapturePc[]): string {
  const vi = { clean: 'Sạch', findings: 'Có dấu hiệu', error: 'Lỗi' };
  const rows = pcs
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td>${vi[p.verdict]}</td><td>${p.findings}</td><td>${p.crackedSigns}</td></tr>`,
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
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Tổng hợp kiểm tra các máy — Sạch Mã Độc</title>
<style>body{font-family:"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}th{background:#f2f2f2}</style>
</head><body><h1>Tổng hợp kiểm tra các máy</h1>
<p><strong>${bad} / ${pcs.length}</strong> máy có dấu hiệu kết nối độc hại hoặc phần mềm bẻ khóa.</p>
<table><thead><tr><th>Máy</th><th>Kết luận</th><th>Kết nối độc hại</th><th>Dấu hiệu bẻ khóa</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Chi tiết từng máy</h2>
${details}
</body></html>
`;
}
