// Issue 10 in the command line: captures that hold nothing are errors (point 9), the bundled sample
// list is named as such (point 7), ended connections and hosts-file blocks are shown apart and
// counted nowhere (points 2 and 5).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../shared/domain';
import { cliIn } from '../test/support/cli';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-truth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const fx = (path: string): string => join(fixtures, path);

const run = cliIn(dir);

const feed = write('feed.txt', '203.0.113.9\nevil.example\n34.120.208.123\n20.7.1.246\n');
const netstat = fx('netstat/ano-en-htb.txt');
const tasklistCsv = fx('tasklist/v-csv-en-ctf.txt');
const ipconfig = fx('dns/ipconfig-displaydns-realdata.txt');

describe('a capture that holds nothing usable exits 2 with one line (point 9)', () => {
  const empty = write('empty.txt', '');
  const blank = write('blank.txt', '\r\n  \r\n');
  const cases: [string, string[], RegExp][] = [
    [
      'a tasklist CSV given to --netstat',
      ['--netstat', tasklistCsv],
      /--netstat .*v-csv-en-ctf\.txt: .*no netstat connection rows in it — .*netstat -ano/,
    ],
    [
      'an ipconfig output given to --netstat',
      ['--netstat', ipconfig],
      /--netstat .*ipconfig-displaydns-realdata\.txt: .*no netstat connection rows/,
    ],
    [
      'an empty --netstat file',
      ['--netstat', empty],
      /--netstat empty\.txt: tệp rỗng \/ the file is empty — .*netstat -ano > netstat\.txt/,
    ],
    [
      'a netstat output given to --tasklist',
      ['--netstat', netstat, '--tasklist', netstat],
      /--tasklist .*ano-en-htb\.txt: .*no tasklist process rows in it — .*tasklist \/fo csv \/nh/,
    ],
    [
      'an empty --tasklist-svc file',
      ['--netstat', netstat, '--tasklist-svc', blank],
      /--tasklist-svc blank\.txt: tệp rỗng \/ the file is empty — .*tasklist \/svc/,
    ],
    [
      'a netstat output given to --dns-cache',
      ['--dns-cache', netstat],
      /--dns-cache .*ano-en-htb\.txt: .*no DNS cache records in it — .*ipconfig \/displaydns/,
    ],
    ['an empty --dns-cache file', ['--dns-cache', empty], /--dns-cache empty\.txt: tệp rỗng/],
    [
      'a netstat output given to --hosts',
      ['--hosts', netstat],
      /--hosts .*ano-en-htb\.txt: .*no hosts-file lines in it — .*drivers\\etc\\hosts/,
    ],
    ['an empty --hosts file', ['--hosts', empty], /--hosts empty\.txt: tệp rỗng/],
    [
      'a netstat output given to --slmgr',
      ['--slmgr', netstat],
      /--slmgr .*ano-en-htb\.txt: .*no slmgr\/ospp activation report in it — .*slmgr\.vbs \/dli/,
    ],
    [
      'an empty --installed file',
      ['--installed', empty],
      /--installed empty\.txt: tệp rỗng .* reg query HKLM/,
    ],
    [
      'a netstat output given to --tasks',
      ['--tasks', netstat],
      /--tasks .*ano-en-htb\.txt: .*no scheduled tasks in it — .*schtasks/,
    ],
    ['an empty --services file', ['--services', blank], /--services blank\.txt: tệp rỗng .* sc query/],
  ];
  for (const [what, args, message] of cases)
    it(what, async () => {
      const r = await run('scan', '--feed', feed, ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sachmadoc scan: /);
      expect(lines[0]).toMatch(message);
      expect(r.err).not.toMatch(/No findings/);
    });

  it('accepts the default Windows hosts file, which holds comments only', async () => {
    const r = await run('scan', '--feed', feed, '--hosts', fx('licensing/hosts-default-windows-crlf.txt'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('the bundled sample list is named (point 7)', () => {
  it('scan without a feed says on one stderr line that the real list is not loaded; JSON marks the feed; exit stays by findings', async () => {
    const clean = write(
      'netstat-clean.txt',
      '  TCP    10.0.0.8:50123    192.0.2.200:443    ESTABLISHED     5120\r\n',
    );
    const r = await run('scan', '--json', '--netstat', clean);
    expect(r.code).toBe(0);
    const lines = r.err.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /sample-feed\.json: đang dùng danh sách MẪU .*the real campaign list is not loaded.*feed update/,
    );
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.feeds).toEqual([
      { source: 'lam-sach-ma-doc-mau', indicators: 9, version: expect.any(Number), sample: true },
    ]);
    expect(report.warnings.filter((w) => w.message.includes('SAMPLE'))).toHaveLength(1);

    const table = await run('scan', '--netstat', clean);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Nguồn chỉ báo \/ Feeds: lam-sach-ma-doc-mau \(9, v\d+, MẪU \/ SAMPLE\)/);
    expect(table.out).toContain('No findings against the SAMPLE list; not a real result');
    expect(table.out).not.toContain('Không phát hiện dấu hiệu nào / No findings.');

    const hit = write(
      'netstat-hit.txt',
      '  TCP    10.0.0.8:50123    203.0.113.9:443    ESTABLISHED     5120\r\n',
    );
    expect((await run('scan', '--json', '--netstat', hit)).code).toBe(1);
  });

  it('the sample feed given with --feed is still named as the sample', async () => {
    const clean = write(
      'netstat-clean2.txt',
      '  TCP    10.0.0.8:50123    192.0.2.200:443    ESTABLISHED     5120\r\n',
    );
    const r = await run(
      'scan',
      '--json',
      '--feed',
      fx('../../assets/feed/sample-feed.json'),
      '--netstat',
      clean,
    );
    expect(r.code).toBe(0);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/the real campaign list is not loaded/),
    ]);
    expect((JSON.parse(r.out) as ScanReport).feeds).toEqual([
      { source: 'sample-feed.json', indicators: 9, sample: true },
    ]);
  });

  it('a campaign feed file’s kmsHosts are the agency’s KMS hosts', async () => {
    const sample = JSON.parse(readFileSync(fx('../../assets/feed/sample-feed.json'), 'utf8')) as {
      campaign: { sample: boolean };
      kmsHosts?: string[];
    };
    expect(sample.kmsHosts).toBeUndefined(); // the sample carries none
    const agency = {
      ...sample,
      campaign: { ...sample.campaign, sample: false },
      kmsHosts: ['kms.vbs.net.cn'],
    };
    const agencyFeed = write('agency-feed.json', JSON.stringify(agency));
    const slmgr = fx('licensing/slmgr-dlv-en-registered-kms.txt');
    const listed = await run('scan', '--json', '--feed', agencyFeed, '--slmgr', slmgr);
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    const unlisted = await run('scan', '--json', '--feed', feed, '--slmgr', slmgr);
    expect(unlisted.code).toBe(1);
    expect((JSON.parse(unlisted.out) as ScanReport).findings.map((f) => f.kind)).toEqual(['kms-activation']);
  });

  it('says nothing of a sample when the feed is the person’s own', async () => {
    const r = await run('scan', '--json', '--feed', feed, '--netstat', netstat);
    expect(r.err).not.toMatch(/SAMPLE/);
    expect((JSON.parse(r.out) as ScanReport).feeds[0].sample).toBeUndefined();
  });
});

describe('ended connections and hosts blocks are information (points 2 and 5)', () => {
  it('a TIME_WAIT socket without a process is "recent", not a finding, and the exit status ignores it', async () => {
    // Spanish `netstat -nabo`: TIME_WAIT under PID 0 to 34.120.208.123, live to 20.7.1.246.
    const endedOnly = write('feed-ended.txt', '34.120.208.123\n');
    const r = await run(
      'scan',
      '--json',
      '--feed',
      endedOnly,
      '--netstat',
      fx('netstat/nabo-es-mojibake.txt'),
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ScanReport;
    expect(report.findings).toEqual([]);
    expect(report.recent!.map((f) => [f.indicator, f.connection!.state, f.connection!.pid])).toEqual([
      ['34.120.208.123', 'TIME_WAIT', 0],
    ]);

    const table = await run('scan', '--feed', feed, '--netstat', fx('netstat/nabo-es-mojibake.txt'));
    expect(table.code).toBe(1);
    const out = table.out.split('\n');
    const at = out.findIndex((l) => l.startsWith('Kết nối gần đây, đã kết thúc'));
    expect(out[at]).toMatch(/Recently connected, connection ended \(not counted\): 1$/);
    expect(out[at + 3]).toMatch(
      /^TCP +192\.168\.0\.106:50046 +34\.120\.208\.123:443 +TIME_WAIT +34\.120\.208\.123 \[feed\.txt\] +đã kết thúc \/ ended$/,
    );
    expect(table.out).not.toMatch(/unknown program|PID \?/);
    expect(table.out).toContain('Phát hiện 1 dấu hiệu');
  });

  it('a hosts block of an indicator name is listed as blocked on this machine; a hijack is a finding', async () => {
    const hosts = write('hosts-mixed', '0.0.0.0 c2.evil.example\r\n127.0.0.1 update.evil.example\r\n');
    const r = await run('scan', '--feed', feed, '--hosts', hosts);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Bị chặn trên máy này .*Blocked on this machine .*: 2/);
    expect(r.out).toMatch(
      /c2\.evil\.example +0\.0\.0\.0 +evil\.example \[feed\.txt\] +hosts-mixed:1: 0\.0\.0\.0 c2\.evil\.example/,
    );
    expect(r.out).toContain('Không phát hiện dấu hiệu nào / No findings.');

    const hijack = write('hosts-hijack', '198.18.0.7 login.evil.example\r\n');
    const h = await run('scan', '--json', '--feed', feed, '--hosts', hijack);
    expect(h.code).toBe(1);
    const report = JSON.parse(h.out) as ScanReport;
    expect(report.findings.map((f) => `${f.via} ${f.domain}`)).toEqual(['hosts-file login.evil.example']);
    expect(report.blocked).toEqual([]);
  });
});
