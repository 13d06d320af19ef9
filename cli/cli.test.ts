import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runScanCommand } from './scan-command';
import { createReplayRunner } from '../services/command-runner';
import type { ScanReport } from '../shared/domain';

const cwd = fileURLToPath(new URL('../test/fixtures/licensing/', import.meta.url));
const campaign = {
  indicators: [{ id: 'ip:203.0.113.9', kind: 'ip' as const, value: '203.0.113.9', source: 'test feed' }],
  allow: [],
  feeds: [{ source: 'test feed', indicators: 1 }],
  warnings: [],
};
const deps = { defaultIndicators: () => Promise.resolve(campaign) };

describe('sachmadoc scan with licensing captures', () => {
  it('prints licensing findings in the JSON report (via, kind, evidence) and exits 1', async () => {
    const io = memoryIo({ cwd });
    const code = await runScanCommand(
      [
        '--json',
        '--slmgr',
        'slmgr-dlv-en-registered-kms.txt',
        '--slmgr',
        'slmgr-dli-en-notification.txt',
        '--installed',
        'reg-uninstall-kmspico-both-hives.txt',
        '--hosts',
        'hosts-autodesk-crack.txt',
        '--tasks',
        'schtasks-csv-v-en.txt',
        '--services',
        'tasklist-svc-en-kmspico.txt',
        '--kms-host',
        'kms.agency.gov.vn',
      ],
      io,
      deps,
    );
    expect(io.err.join('')).not.toContain('unexpected');
    expect(code).toBe(1);
    const report = JSON.parse(io.out.join('')) as ScanReport;
    const licensing = report.findings.filter((f) => f.via === 'licensing');
    expect(new Set(licensing.map((f) => f.kind))).toEqual(
      new Set(['kms-activation', 'crack-tool', 'hosts-activation-block']),
    );
    // Notification mode is "Windows not activated": a notice, never a cracked-software sign.
    expect(report.notices!.map((f) => [f.kind, f.via, f.evidence])).toEqual([
      ['not-activated', 'licensing', 'License Status: Notification'],
    ]);
    expect(licensing.find((f) => f.kind === 'kms-activation')).toMatchObject({
      indicator: 'kms.vbs.net.cn:1688',
      evidence: 'Registered KMS machine name: kms.vbs.net.cn:1688',
    });
    expect(licensing.every((f) => typeof f.evidence === 'string' && f.explanation && f.advice)).toBe(true);
  });

  it('a notice alone (Windows in its grace period) leaves the exit status at 0 and prints under Notices', async () => {
    const io = memoryIo({ cwd });
    expect(await runScanCommand(['--slmgr', 'slmgr-dli-en-eval-grace.txt'], io, deps)).toBe(0);
    const out = io.out.join('');
    expect(out).toContain('Thông báo (không phải dấu hiệu bẻ khóa) / Notices (not a cracked-software sign):');
    expect(out).toMatch(
      /Windows chưa kích hoạt \/ Windows not activated +Windows\(R\) 7, Enterprise edition +License Status: Initial grace period/,
    );
    expect(out).not.toContain('Cracked-software signs');
    expect(out).toContain('Không phát hiện dấu hiệu nào / No findings.');
  });

  it('takes the agency KMS hosts of the signed feed (kmsHosts) as legitimate, and flags the same host without them', async () => {
    const withKms = { defaultIndicators: () => Promise.resolve({ ...campaign, kmsHosts: ['vbs.net.cn'] }) };
    const listed = memoryIo({ cwd });
    expect(
      await runScanCommand(['--json', '--slmgr', 'slmgr-dlv-en-registered-kms.txt'], listed, withKms),
    ).toBe(0);
    expect((JSON.parse(listed.out.join('')) as ScanReport).findings).toEqual([]);
    const unlisted = memoryIo({ cwd });
    expect(
      await runScanCommand(['--json', '--slmgr', 'slmgr-dlv-en-registered-kms.txt'], unlisted, deps),
    ).toBe(1);
  });

  it('accepts the agency’s KMS host and finds nothing in clean captures (exit 0)', async () => {
    const io = memoryIo({ cwd });
    const code = await runScanCommand(
      [
        '--json',
        '--slmgr',
        'slmgr-dli-en-kms-dns.txt',
        '--kms-host',
        'bisv229.corp.giag.net',
        '--installed',
        'reg-uninstall-hklm-7zip.txt',
      ],
      io,
      deps,
    );
    expect(code).toBe(0);
    expect((JSON.parse(io.out.join('')) as ScanReport).findings).toEqual([]);
  });

  it('live --licensing on Linux checks the hosts file only, says so, and runs no Windows command', async () => {
    const ran: string[] = [];
    const io = memoryIo({ cwd });
    const code = await runScanCommand(['--json', '--licensing'], io, {
      ...deps,
      platform: 'linux',
      runner: createReplayRunner({}, (f) => ran.push(f)),
      connections: { list: () => Promise.resolve({ connections: [], warnings: [] }) },
    });
    expect(code).toBeLessThan(2);
    const report = JSON.parse(io.out.join('')) as ScanReport;
    expect(
      report.warnings.some((w) => w.file === 'licensing' && w.message.includes('only the hosts file')),
    ).toBe(true);
    expect(ran.filter((f) => /cscript|reg\.exe|schtasks|sc\.exe/i.test(f))).toEqual([]);
  });

  it('reports an Adobe hosts block as one sign; a campaign name among its lines is "blocked", not a finding', async () => {
    const withDomain = {
      defaultIndicators: () =>
        Promise.resolve({
          indicators: [
            {
              id: 'domain:practivate.adobe.com',
              kind: 'domain' as const,
              value: 'practivate.adobe.com',
              source: 'test feed',
            },
          ],
          allow: [],
          feeds: [{ source: 'test feed', indicators: 1 }],
          warnings: [],
        }),
    };
    const args = ['--hosts', 'hosts-adobe-crack.txt', '--licensing'];
    const io = memoryIo({ cwd });
    expect(await runScanCommand(['--json', ...args], io, withDomain)).toBe(1);
    const report = JSON.parse(io.out.join('')) as ScanReport;
    // The campaign lists practivate.adobe.com, and the hosts file sends it to 127.0.0.1: that line
    // protects the machine (issue 10, point 2). The block as a whole is still a cracked-Adobe sign.
    expect(report.findings.map((f) => `${f.via} ${f.kind} ${f.indicator} ${f.domain}`)).toEqual([
      'licensing hosts-activation-block Adobe activate.adobe.com',
    ]);
    expect(report.blocked!.map((b) => `${b.domain} ${b.address} ${b.line}`)).toEqual([
      'practivate.adobe.com 127.0.0.1 2',
    ]);
    const lines = report.findings[0].evidence!.split('\n');
    expect(lines).toHaveLength(27);
    expect(lines.slice(0, 2)).toEqual(['127.0.0.1 activate.adobe.com', '127.0.0.1 practivate.adobe.com']);
    expect(report.findings[0].explanation!.vi).toMatch(/^27 dòng trong tệp hosts/);

    // The readable table prints each evidence line on its own row, in the evidence column.
    const table = memoryIo({ cwd });
    expect(await runScanCommand(args, table, withDomain)).toBe(1);
    const out = table.out.join('').split('\n');
    // Under its own heading, not under "DNS cache and hosts file".
    expect(out).not.toContain('Bộ nhớ đệm DNS và tệp hosts / DNS cache and hosts file:');
    const heading = out.indexOf('Dấu hiệu phần mềm bẻ khóa / Cracked-software signs:');
    const row = out.findIndex((l) => /^!! +hosts-activation-block +Adobe /.test(l));
    expect(heading).toBeGreaterThan(0);
    expect(row).toBe(heading + 3);
    const column = out[row].indexOf('127.0.0.1 activate.adobe.com');
    expect(column).toBeGreaterThan(0);
    expect(out.slice(row + 1, row + 27)).toEqual(lines.slice(1).map((l) => `${' '.repeat(column)}${l}`));
    expect(out[row + 27]).toBe('');
    expect(out[row + 28]).toMatch(/^Bị chặn trên máy này .* Blocked on this machine .*: 1$/);
  });

  it('says which capture cannot be read and exits 2, in one line', async () => {
    const io = memoryIo({ cwd });
    const code = await runScanCommand(['--json', '--slmgr', 'missing.txt'], io, deps);
    expect(code).toBe(2);
    expect(io.err[0]).toMatch(
      /^sachmadoc scan: .*cannot read --slmgr missing\.txt \(ENOENT\) — .*Check the path\n$/,
    );
  });
});
