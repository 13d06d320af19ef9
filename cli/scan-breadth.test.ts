// `sachmadoc scan --feed FILE`: a catch-all line of the feed is skipped with a warning at its
// file:line, and a URL on a shared platform never flags the platform's connections.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../shared/domain';
import { cliIn } from '../test/support/cli';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-breadth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

const run = cliIn(dir);

// A PC with git talking to GitHub (api.github.com in its DNS cache) and nothing malicious.
const netstat = write(
  'netstat.txt',
  [
    '',
    'Active Connections',
    '',
    '  Proto  Local Address          Foreign Address        State           PID',
    '  TCP    10.0.0.8:50123         140.82.112.6:443       ESTABLISHED     5120',
    '  TCP    10.0.0.8:50124         93.184.215.14:443      ESTABLISHED     5120',
    '',
  ].join('\r\n'),
);
const dnsCache = write(
  'displaydns.txt',
  [
    'Windows IP Configuration',
    '',
    '    api.github.com',
    '    ----------------------------------------',
    '    Record Name . . . . . : api.github.com',
    '    Record Type . . . . . : 1',
    '    Time To Live  . . . . : 42',
    '    Data Length . . . . . : 4',
    '    Section . . . . . . . : Answer',
    '    A (Host) Record . . . : 140.82.112.6',
    '',
  ].join('\r\n'),
);

describe('scan --feed and catch-all or URL indicators', () => {
  it('skips a catch-all line with a warning at file:line, and does not call the PC infected', async () => {
    const feed = write('broad.txt', '# feed with a mistake\n203.0.113.9\n0.0.0.0/0\napi.github.com\n');
    const r = await run('scan', '--json', '--feed', feed, '--netstat', netstat, '--dns-cache', dnsCache);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.findings).toEqual([]);
    expect(report.feeds).toEqual([{ source: 'broad.txt', indicators: 1 }]);
    expect(
      report.warnings.filter((w) => w.file === 'broad.txt').map((w) => [w.line, w.message.split(': ')[0]]),
    ).toEqual([
      [3, 'bỏ qua chỉ báo quá rộng cidr 0.0.0.0/0'],
      [4, 'bỏ qua chỉ báo quá rộng domain api.github.com'],
    ]);
    expect(r.err).toContain('broad.txt:3: bỏ qua chỉ báo quá rộng cidr 0.0.0.0/0');
  });

  it('a URLhaus feed with the GitHub release URL does not flag the PC that uses GitHub', async () => {
    const r = await run(
      'scan',
      '--json',
      '--feed',
      join(fixtures, 'feeds/urlhaus-csv-shared-platforms.csv'),
      '--netstat',
      netstat,
      '--dns-cache',
      dnsCache,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.findings).toEqual([]);
    // The name was seen: it is the indicator that no longer exists, not the DNS cache that is missing.
    expect(report.connections.find((c) => c.remoteAddress === '140.82.112.6')?.names).toEqual([
      'api.github.com',
    ]);
    expect(report.feeds).toEqual([{ source: 'urlhaus-csv-shared-platforms.csv', indicators: 12 }]);
  });
});
