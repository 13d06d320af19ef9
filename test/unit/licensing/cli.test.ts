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

  it('says which capture cannot be read and exits 2, in one line', async () => {
    const io = memoryIo({ cwd });
    const code = await runScanCommand(['--json', '--slmgr', 'missing.txt'], io, deps);
    expect(code).toBe(2);
    expect(io.err[0]).toMatch(
      /^sachmadoc scan: .*cannot read --slmgr missing\.txt \(ENOENT\) — .*check the path\n$/,
    );
  });
});
