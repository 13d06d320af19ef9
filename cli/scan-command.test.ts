import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runCli } from './main';
import type { ScanReport } from '../shared/domain';
import { cliIn } from '../test/support/cli';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

// Real captures: the HTB `netstat -ano` and the real tasklist rows for pids 4 and 840, plus one
// constructed row each for pid 972 (the RDP service that owns the established connection).
const netstat = join(fixtures, 'netstat/ano-en-htb.txt');
const tasklist = write(
  'tasklist.csv',
  readFileSync(join(fixtures, 'tasklist/v-csv-en-header.txt'), 'utf8') +
    readFileSync(join(fixtures, 'tasklist/v-csv-en-ctf.txt'), 'utf8') +
    '"svchost.exe","972","Services","0","12,300 K","Unknown","N/A","0:00:01","N/A"\r\n',
);
const tasklistSvc = write(
  'tasklist-svc.csv',
  '"svchost.exe","972","TermService"\r\n"lsass.exe","840","N/A"\r\n',
);
const feed = write('feed.txt', '# test feed\n10.10.14.0/24\nevil.example\n999.1.1.1\n');
const quietFeed = write('quiet.txt', '192.0.2.200\n');

const run = cliIn(dir);

const CONNECTION_KEYS = [
  'localAddress',
  'localPort',
  'pid',
  'processName',
  'processPath',
  'protocol',
  'remoteAddress',
  'remotePort',
  'services',
  'state',
];

describe('sachmadoc scan on captures from another PC', () => {
  it("exits 1 and prints the JSON report with the issue's keys when a connection is flagged", async () => {
    const r = await run(
      'scan',
      '--json',
      '--feed',
      feed,
      '--netstat',
      netstat,
      '--tasklist',
      tasklist,
      '--tasklist-svc',
      tasklistSvc,
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ScanReport;
    expect(Object.keys(report).sort()).toEqual([
      'blocked',
      'connections',
      'feeds',
      'findings',
      'notices',
      'recent',
      'scannedAt',
      'warnings',
    ]);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f).toMatchObject({
      indicator: '10.10.14.0/24',
      kind: 'cidr',
      via: 'connection',
      source: 'feed.txt',
    });
    expect(Object.keys(f.connection!).sort()).toEqual(CONNECTION_KEYS);
    expect(f.connection).toEqual({
      protocol: 'tcp',
      localAddress: '10.129.58.16',
      localPort: 3389,
      remoteAddress: '10.10.14.164',
      remotePort: 50484,
      state: 'ESTABLISHED',
      pid: 972,
      processName: 'svchost.exe',
      processPath: null,
      services: ['TermService'],
    });
    expect(report.connections).toHaveLength(30);
    expect(report.connections.every((c) => Object.keys(c).sort().join() === CONNECTION_KEYS.join())).toBe(
      true,
    );
    expect(report.connections.find((c) => c.pid === 840)?.processName).toBe('lsass.exe');
    expect(report.feeds).toEqual([{ source: 'feed.txt', indicators: 2 }]);
  });

  it('prints feed errors as warnings with file:line on stderr and in the JSON', async () => {
    const r = await run('scan', '--json', '--feed', feed, '--netstat', netstat);
    expect(r.err).toContain('warning: feed.txt:4: "999.1.1.1"');
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.warnings).toContainEqual(expect.objectContaining({ file: 'feed.txt', line: 4 }));
  });

  it('exits 0 with a readable table when nothing matches', async () => {
    const r = await run('scan', '--feed', quietFeed, '--netstat', netstat);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Giao thức/Proto');
    expect(r.out).toContain('Không phát hiện dấu hiệu nào / No findings.');
    expect(r.out).toContain('[fe80::5196:ca37:70a7:5de9]:1900');
  });

  it('lists flagged rows first in the table', async () => {
    const r = await run('scan', '--feed', feed, '--netstat', netstat, '--tasklist', tasklist);
    expect(r.code).toBe(1);
    const rows = r.out.split('\n').filter((l) => /^(!!| ) +(TCP|UDP) /.test(l));
    expect(rows[0]).toMatch(
      /^!! +TCP +10\.129\.58\.16:3389 +10\.10\.14\.164:50484 +ESTABLISHED +972 +svchost\.exe +10\.10\.14\.0\/24 \[feed\.txt\]/,
    );
    expect(rows.slice(1).every((l) => !l.startsWith('!!'))).toBe(true);
  });

  it('reads a DNS-cache capture of either kind and a hosts capture, and reports names without a connection', async () => {
    const dnsFeed = write('adobe.txt', 'practivate.adobe.com\n');
    const cache = join(fixtures, 'dns/get-dnsclientcache-realdata.txt');
    const hosts = join(fixtures, 'hosts/hosts-realdata.txt');
    // The cache alone: this machine looked the name up.
    const alone = await run('scan', '--json', '--feed', dnsFeed, '--dns-cache', cache);
    expect(alone.code).toBe(1);
    const aloneReport = JSON.parse(alone.out) as ScanReport;
    expect(aloneReport.connections).toEqual([]);
    expect(aloneReport.findings.map((f) => `${f.via} ${f.domain} ${f.evidence?.split(': ')[0]}`)).toEqual([
      `dns-cache practivate.adobe.com ${cache}:26`,
    ]);
    // With the hosts file that blocks it (127.0.0.1): the cache rows only mirror the block, which is
    // protection, not a finding (issue 10, point 2).
    const r = await run('scan', '--json', '--feed', dnsFeed, '--dns-cache', cache, '--hosts', hosts);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.findings).toEqual([]);
    expect(report.blocked!.map((b) => `${b.domain} ${b.address} ${b.file}:${b.line}`)).toEqual([
      `practivate.adobe.com 127.0.0.1 ${hosts}:27`,
    ]);
    const ipconfig = await run(
      'scan',
      '--json',
      '--feed',
      // The German block of the capture ("Eintragsname", "(Host-)A-Eintrag"), matched by its address:
      // github.com itself is a shared platform, never an indicator.
      write('gh.txt', '140.82.121.4\n'),
      '--dns-cache',
      join(fixtures, 'dns/ipconfig-displaydns-realdata.txt'),
    );
    expect((JSON.parse(ipconfig.out) as ScanReport).findings.map((f) => f.domain)).toEqual(['github.com']);
  });

  it('uses the bundled campaign feed when no --feed is given', async () => {
    const capture = write(
      'netstat-c2.txt',
      '  TCP    10.0.0.8:50123    203.0.113.9:443    ESTABLISHED     5120\r\n',
    );
    const r = await run('scan', '--json', '--netstat', capture);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.findings[0]).toMatchObject({ indicator: '203.0.113.9', kind: 'ip', severity: 'critical' });
    expect(report.feeds[0].version).toBeGreaterThanOrEqual(1);
  });
});

describe('sachmadoc scan errors exit 2 with one line that says what to do', () => {
  it('refuses a tampered default feed (signature no longer matches) and says what to do', async () => {
    const assets = join(dir, 'assets');
    cpSync(join(fixtures, '../../assets'), assets, { recursive: true });
    const feedFile = join(assets, 'feed/sample-feed.json');
    writeFileSync(feedFile, readFileSync(feedFile, 'utf8').replace('203.0.113.9', '203.0.113.10'));
    const io = memoryIo({
      cwd: dir,
      env: { SACHMADOC_ASSETS_DIR: assets, SACHMADOC_DATA_DIR: join(dir, 'data') },
    });
    const code = await runCli(['scan', '--netstat', netstat], io);
    expect(code).toBe(2);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/No valid campaign feed.*feed update/);
  });

  const cases: [string, string[], RegExp][] = [
    ['an unknown option', ['scan', '--bogus'], /Unknown option '--bogus'/],
    [
      'a missing feed file',
      ['scan', '--feed', 'nope.txt', '--netstat', netstat],
      /cannot read feed file nope\.txt \(ENOENT\).*Check the path/,
    ],
    [
      'a missing capture',
      ['scan', '--feed', feed, '--netstat', 'gone.txt'],
      /cannot read --netstat .*gone\.txt \(ENOENT\)/,
    ],
    ['--tasklist without --netstat', ['scan', '--tasklist', tasklist], /need --netstat/],
    ['--watch with captures', ['scan', '--watch', '2', '--netstat', netstat], /not with captures/],
    ['a bad --watch', ['scan', '--watch', 'soon'], /expected seconds between 1 and 86400/],
    [
      'an unsupported --code-page',
      ['scan', '--code-page', '999', '--netstat', netstat],
      /--code-page 999: .*code page 999 is not supported/,
    ],
    ['an unknown command', ['scna'], /unknown command "scna"/],
    [
      'a feed file that is not a feed (a netstat capture)',
      ['scan', '--feed', join(fixtures, 'feeds/not-a-feed-netstat-ano.txt'), '--netstat', netstat],
      /no indicators in .*not-a-feed-netstat-ano\.txt \(.*not-a-feed-netstat-ano\.txt:1: .*not an indicator feed/,
    ],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const first = r.err.split('\n')[0];
    expect(first).toMatch(message);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('prints the help on --help and exits 0', async () => {
    const r = await run('scan', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--dns-cache FILE');
  });
});
