import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../../electron/cli/io';
import { runScanCommand } from '../../../electron/cli/scan-command';
import { createReplayRunner } from '../../../electron/services/command-runner';
import type { ScanReport } from '../../../shared/domain';

const cwd = fileURLToPath(new URL('../../fixtures/licensing/', import.meta.url));
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
      new Set(['not-activated', 'kms-activation', 'crack-tool', 'hosts-activation-block']),
    );
    expect(licensing.find((f) => f.kind === 'kms-activation')).toMatchObject({
      indicator: 'kms.vbs.net.cn:1688',
      evidence: 'Registered KMS machine name: kms.vbs.net.cn:1688',
    });
    expect(licensing.every((f) => typeof f.evidence === 'string' && f.explanation && f.advice)).toBe(true);
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

  it('reports an Adobe hosts block as one sign, less the line the campaign feed already flags', async () => {
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
    expect(report.findings.map((f) => `${f.via} ${f.kind} ${f.indicator} ${f.domain}`)).toEqual([
      'hosts-file domain practivate.adobe.com practivate.adobe.com',
      'licensing hosts-activation-block Adobe activate.adobe.com',
    ]);
    const lines = report.findings[1].evidence!.split('\n');
    expect(lines).toHaveLength(26);
    expect(lines.slice(0, 2)).toEqual(['127.0.0.1 activate.adobe.com', '127.0.0.1 ereg.adobe.com']);
    expect(lines).not.toContain('127.0.0.1 practivate.adobe.com');
    expect(report.findings[1].explanation!.vi).toMatch(/^26 dòng trong tệp hosts/);

    // The readable table prints each evidence line on its own row, in the evidence column.
    const table = memoryIo({ cwd });
    expect(await runScanCommand(args, table, withDomain)).toBe(1);
    const out = table.out.join('').split('\n');
    const row = out.findIndex((l) => /^!! +licensing +Adobe /.test(l));
    const column = out[row].indexOf('127.0.0.1 activate.adobe.com');
    expect(column).toBeGreaterThan(0);
    expect(out.slice(row + 1, row + 26)).toEqual(lines.slice(1).map((l) => `${' '.repeat(column)}${l}`));
    expect(out[row + 26]).toBe('');
  });

  it('says which capture cannot be read and exits 2, in one line', async () => {
    const io = memoryIo({ cwd });
    const code = await runScanCommand(['--json', '--slmgr', 'missing.txt'], io, deps);
    expect(code).toBe(2);
    expect(io.err[0]).toMatch(
      /^sachmadoc scan: .*cannot read --slmgr missing\.txt \(ENOENT\) — .*check the path\n$/,
    );
  });
});
