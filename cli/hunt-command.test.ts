// `sachmadoc hunt` end to end on real files: a mixed folder (a router syslog mixing dnsmasq,
// filterlog and other programs, its gzip-rotated predecessor, a rotated Windows Firewall log, a
// UTF-16 Event Viewer export, a Suricata eve.json, a notes file), the JSON shape of the issue,
// CSV and HTML exports, worker threads, exit statuses 0/1/2.
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HuntReport } from '../shared/logs/report';
import { LOGS } from '../test/support/hunt/helpers';
import { cliIn } from '../test/support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-hunt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(LOGS, 'mixed'), join(dir, 'mixed'), { recursive: true });
cpSync(join(LOGS, 'feed.txt'), join(dir, 'feed.txt'));
// Syslog dates have no year: the files' time (1 Dec 2026) decides it, whatever day the test runs.
const touch = (p: string): void => {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) touch(join(p, e));
  else utimesSync(p, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
};
touch(join(dir, 'mixed'));

const run = cliIn(dir, 'hunt');

const pairs = (r: HuntReport): string[] =>
  r.devices.flatMap((d) => d.indicators.map((i) => `${d.address} → ${i.indicator} ×${i.count}`)).sort();

describe('sachmadoc hunt', () => {
  it('finds the right devices in a mixed folder (gzip, rotated, UTF-16, several formats), in one thread and in two', async () => {
    for (const workers of ['1', '2']) {
      const { code, out, err } = await run(
        '--feed',
        'feed.txt',
        '--tz',
        '+07:00',
        '--json',
        '--workers',
        workers,
        'mixed',
      );
      expect(code).toBe(1);
      const r = JSON.parse(out) as HuntReport;
      expect(pairs(r)).toEqual([
        '10.1.2.77 → 198.51.100.0/24 ×1',
        '10.1.2.78 → 203.0.113.9 ×1',
        '10.1.3.10 → 203.0.113.9 ×1',
        '10.1.3.11 → evil.example ×1',
        '10.1.3.12 → evil.example ×1',
        '10.1.3.14 → c2.bad.example ×1',
        '10.1.3.15 → 198.51.100.0/24 ×1',
        '10.1.3.16 → evil.example ×1',
        '10.2.0.15 → 203.0.113.9 ×1',
        '192.168.1.50 → 203.0.113.9 ×1',
        '192.168.1.50 → evil.example ×1',
        '192.168.1.52 → 198.51.100.0/24 ×1',
        'KT-PC07.sotttt.local → c2.bad.example ×1',
      ]);
      // Whichever worker finished first, files are listed by path.
      const listed = r.files.map((f) => f.path);
      expect(listed).toEqual([...listed].sort());
      const formats = Object.fromEntries(r.files.map((f) => [f.path.slice(dir.length + 7), f.format]));
      expect(formats).toEqual({
        'eve-sensor.json': 'suricata',
        'notes.txt': 'unknown',
        'router/messages': 'dnsmasq+filterlog',
        'router/messages.1.gz': 'dnsmasq+filterlog',
        'windows/pfirewall.log.old': 'windows-firewall',
        'windows/sysmon-export.xml': 'windows-event-xml',
      });
      // The gzip-rotated file's line from the day before, in the zone asked for.
      const old = r.devices.find((d) => d.address === '192.168.1.52');
      expect(old?.indicators[0]).toMatchObject({
        firstSeen: '2026-11-22T23:59:59+07:00',
        lastSeen: '2026-11-22T23:59:59+07:00',
      });
      expect(old?.evidence[0]).toEqual({
        file: join(dir, 'mixed/router/messages.1.gz'),
        line: 2,
        text: expect.stringContaining('198.51.100.53'),
      });
      expect(r.indicators[0]).toMatchObject({ indicator: '203.0.113.9', kind: 'ip' });
      expect(r.indicators[0].devices).toHaveLength(4);
      expect(err).toMatch(/notes\.txt: định dạng nhật ký không nhận ra .* \/ unknown log format/);
      expect(err).toContain('eve-sensor.json:9:');
    }
  });

  it('writes the CSV and the self-contained Vietnamese HTML report', async () => {
    const { code } = await run(
      '--feed',
      'feed.txt',
      '--tz',
      '+07:00',
      '--csv',
      'out.csv',
      '--html',
      'out.html',
      'mixed/router',
    );
    expect(code).toBe(1);
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFaddress,mac,hostname,translated,indicator,kind,source,count,inbound,firstSeen,lastSeen,ports,protocols',
    );
    expect(csv).toContain(
      '192.168.1.50,,,,203.0.113.9,ip,feed.txt,1,0,2026-11-23T10:00:03+07:00,2026-11-23T10:00:03+07:00,443,tcp',
    );
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('2 thiết bị');
    expect(html.indexOf('Tóm tắt')).toBeLessThan(html.indexOf('Các thiết bị cần xử lý'));
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  it('reports a listed full URL as kind "url" (in one thread and in two), never the shared platform it is on', async () => {
    writeFileSync(
      join(dir, 'urls.txt'),
      'https://github.com/evil-org/loader/releases/download/v1/update.exe\nhttp://dl.evil.example/gate.php?id=7\n',
    );
    writeFileSync(
      join(dir, 'proxy-access.log'),
      [
        '1795418401.000    310 10.1.4.30 TCP_MISS/200 88120 GET https://github.com/evil-org/loader/releases/download/v1/update.exe - HIER_DIRECT/140.82.112.3 application/octet-stream',
        '1795418402.000    120 10.1.4.31 TCP_MISS/200 1200 GET https://github.com/microsoft/vscode/releases - HIER_DIRECT/140.82.112.3 text/html',
        '1795418403.000     15 10.1.4.34 TCP_MISS/200 700 GET http://dl.evil.example/gate.php?id=7 - HIER_DIRECT/192.0.2.50 text/html',
        '',
      ].join('\n'),
    );
    for (const workers of ['1', '2']) {
      const { code, out } = await run(
        '--feed',
        'urls.txt',
        '--json',
        '--workers',
        workers,
        'proxy-access.log',
        'mixed/notes.txt',
      );
      expect(code).toBe(1);
      const r = JSON.parse(out) as HuntReport;
      expect(r.devices.map((d) => d.address).sort()).toEqual(['10.1.4.30', '10.1.4.34']);
      expect(r.devices.find((d) => d.address === '10.1.4.30')?.indicators).toMatchObject([
        {
          indicator: 'https://github.com/evil-org/loader/releases/download/v1/update.exe',
          kind: 'url',
          count: 1,
        },
      ]);
      expect(
        r.devices
          .find((d) => d.address === '10.1.4.34')
          ?.indicators.map((i) => `${i.kind}:${i.indicator}`)
          .sort(),
      ).toEqual(['domain:dl.evil.example', 'url:http://dl.evil.example/gate.php?id=7']);
    }
  });

  it('exits 0 with a clear line when nothing is found, and --since leaves out what came before', async () => {
    const none = await run('--feed', 'feed.txt', 'mixed/notes.txt');
    expect(none.code).toBe(0);
    expect(none.out).toContain('Không thấy thiết bị nào');
    const later = await run(
      '--feed',
      'feed.txt',
      '--tz',
      '+07:00',
      '--since',
      '2026-11-23 10:00:04',
      '--json',
      'mixed/router',
    );
    expect(later.code).toBe(0);
    expect((JSON.parse(later.out) as HuntReport).since).toBe('2026-11-23T10:00:04+07:00');
    // Day first, as a Vietnamese user types it: the same instant.
    const dayFirst = await run(
      '--feed',
      'feed.txt',
      '--tz',
      '+07:00',
      '--since',
      '23/11/2026 10:00:04',
      '--json',
      'mixed/router',
    );
    expect((JSON.parse(dayFirst.out) as HuntReport).since).toBe('2026-11-23T10:00:04+07:00');
  });

  it('exits 2 with what, where and what to do', async () => {
    const missing = await run('--feed', 'feed.txt', 'no-such-folder');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no-such-folder');
    expect(missing.err).toContain('Kiểm tra đường dẫn');
    expect((await run('--feed', 'feed.txt', '--format', 'nope', 'mixed')).err).toContain('--format nope');
    expect((await run('--feed', 'feed.txt', '--since', 'yesterday', 'mixed')).err).toContain(
      '--since yesterday',
    );
    expect((await run('--feed', 'feed.txt', '--until', '11/23/2026', 'mixed')).err).toContain('dd/mm/yyyy');
    expect((await run('--feed', 'feed.txt', '--format', 'csv', 'mixed')).err).toContain('--columns');
    expect((await run('--feed', 'feed.txt')).code).toBe(2);
    writeFileSync(join(dir, 'empty-feed.txt'), '# nothing\n');
    expect((await run('--feed', 'empty-feed.txt', 'mixed')).err).toContain('no indicators');
  });

  it('takes a campaign-sized feed file (300,000 indicators; a spread of the list overflowed the stack)', async () => {
    const lines = Array.from(
      { length: 300_000 },
      (_, i) => `100.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    );
    writeFileSync(join(dir, 'big-feed.txt'), `${lines.join('\n')}\n203.0.113.9\n`);
    const { code, out } = await run('--feed', 'big-feed.txt', '--json', 'mixed/windows/pfirewall.log.old');
    expect(code).toBe(1);
    expect((JSON.parse(out) as HuntReport).feeds).toEqual([{ source: 'big-feed.txt', indicators: 300_001 }]);
  });

  it('has --help', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain('sachmadoc hunt');
  });
});
