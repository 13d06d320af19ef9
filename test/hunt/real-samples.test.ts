// The hunt on REAL public sample logs (test/fixtures/logs/real/README.md says where each comes from):
// every line of a supported kind reads (no warning), and a feed made of addresses and names that
// occur in the samples finds exactly the devices that contacted them, counted independently here.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/main';
import { parseFeed, toIndicators } from '../../shared/indicator-formats';
import { IndicatorIndex } from '../../shared/indicators';
import { createParser } from '../../shared/logs/detect';
import { LogRecord, Outcome } from '../../shared/logs/record';
import type { HuntReport } from '../../shared/logs/report';
import { fixture, huntText, LOGS, summary } from '../support/hunt/helpers';

const REAL = resolve(LOGS, 'real');
const real = (name: string): string => fixture(`real/${name}`);

function realIndex(): IndicatorIndex {
  const parsed = parseFeed(readFileSync(join(REAL, 'feed-real.txt')), 'feed-real.txt');
  return IndicatorIndex.build(toIndicators(parsed, 'feed-real.txt'));
}

const hunt = (name: string) => huntText(name, real(name), { index: realIndex() });

// Expectations counted here from the raw columns, not by the hunt's parser.
function zeekCounts(name: string, key: 'query' | 'server_name', suffix: string): Map<string, number> {
  const counts = new Map<string, number>();
  let fields: string[] = [];
  for (const line of real(name).split('\n')) {
    if (line === '') continue;
    let src: string;
    let value: string;
    if (line.startsWith('{')) {
      const o = JSON.parse(line) as Record<string, string>;
      [src, value] = [o['id.orig_h'], o[key] ?? ''];
    } else if (line.startsWith('#fields')) {
      fields = line.split('\t').slice(1);
      continue;
    } else if (line.startsWith('#')) continue;
    else {
      const cols = line.split('\t');
      [src, value] = [cols[fields.indexOf('id.orig_h')], cols[fields.indexOf(key)]];
    }
    if (value === suffix || value.endsWith(`.${suffix}`)) counts.set(src, (counts.get(src) ?? 0) + 1);
  }
  return counts;
}

describe('real samples: every line of a supported kind reads', () => {
  it.each([
    // file, detected format, lines, records (connections, queries, requests), lines skipped as no connection
    ['sophos-xg-18.5.log', 'syslog', 16, 16],
    ['sophos-xg-19.log', 'syslog', 6, 6],
    ['sophos-xg-web.log', 'syslog', 5, 5],
    ['sophos-utm.log', 'syslog', 8, 6], // two httpproxy error lines name no connection
    ['pfsense-filterlog.log', 'syslog', 19, 19],
    ['opnsense-syslog.log', 'syslog', 5, 4], // a dhcpd line is another program's
    ['cisco-asa.log', 'syslog', 34, 16], // 16 builds (302013/302015); teardowns, NAT and denies skipped
    ['fortigate-7.4.log', 'syslog', 14, 9], // traffic logs and the events that carry srcip=
    ['suricata-eve.json', 'suricata', 12, 10], // ssh, alert, http×3, fileinfo, dns, tls×3, flow; stats skipped
    ['pfirewall-azure-edge.log', 'windows-firewall', 19, 14], // 4 header lines and a blank one
    ['squid-access.log', 'squid', 26, 26],
    ['infoblox-named.log', 'syslog', 18, 11], // named's zone, transfer and error lines name no query
    ['pfsense-unbound.log', 'syslog', 2, 2], // Unbound query lines through pfSense syslog (PRI, no host)
    ['dnsmasq-2.90.log', 'syslog', 17, 6], // 6 queries; start-up, answers and exit say no query
    ['dnsmasq-2.90-extra.log', 'syslog', 17, 6], // --log-queries=extra: serial and client/port first
    ['zeek-conn-elastic.json', 'zeek', 18, 18], // conn.log as JSON, one ts written as an ISO string
    ['zeek-http-elastic.json', 'zeek', 7, 7], // http.log as JSON, with and without a Host
    ['zeek-dns.log', 'zeek', 200, 192], // 8 header lines
    ['zeek-ssl.log', 'zeek', 200, 192],
    ['zeek-dns.json', 'zeek', 150, 150],
    ['zeek-ssl.json', 'zeek', 150, 150],
  ])('%s: %s, %i lines, %i records, nothing unreadable', (name, format, lines, records) => {
    const { report, format: detected } = hunt(name);
    expect(detected).toBe(format);
    expect(report.files[0]).toMatchObject({ lines, records, skipped: 0 });
    expect(report.warnings).toEqual([]);
  });
});

describe('real samples: the devices that contacted the feed', () => {
  it('Sophos Firewall v18.5+: devices with their MAC and the NAT address, times from timestamp= with its offset', () => {
    const { report } = hunt('sophos-xg-19.log');
    expect(summary(report)).toEqual([
      '192.168.2.111 → 89.160.20.156 ×2',
      '192.168.2.121 → 89.160.20.156 ×1',
      '192.168.2.122 → 89.160.20.156 ×1',
      '192.168.2.162 → 89.160.20.156 ×1',
    ]);
    const dev = report.devices.find((d) => d.address === '192.168.2.111');
    expect(dev).toMatchObject({ mac: '00:26:37:ee:47:20', translated: ['192.168.1.2'] });
    // 2021-11-15T18:25:00-0600 is 00:25 UTC, 07:25 in Vietnam.
    expect(dev?.indicators[0]).toMatchObject({
      firstSeen: '2021-11-16T07:25:00+07:00',
      lastSeen: '2021-11-16T07:25:01+07:00',
      ports: ['443'],
      protocols: ['tcp', 'udp'],
    });
    // The line with the address only (the device 192.168.2.32 went to 192.168.1.15) is not a hit.
    expect(report.devices.map((d) => d.address)).not.toContain('192.168.2.32');
  });

  it('Sophos Firewall up to v18: unquoted values, ICMP without ports; an all-zero MAC is no MAC', () => {
    const { report } = hunt('sophos-xg-18.5.log');
    expect(summary(report)).toEqual(['10.198.12.19 → 1.128.3.4 ×1', '10.198.32.19 → 1.128.3.4 ×2']);
    const dev = report.devices.find((d) => d.address === '10.198.32.19');
    expect(dev?.mac).toBe('b8:97:5a:5b:0f:fd');
    expect(dev?.indicators[0]).toMatchObject({ protocols: ['icmp', 'udp'] });
    const text = real('sophos-xg-18.5.log').split('\n')[0].replace('dst_ip=81.2.69.143', 'dst_ip=1.128.3.4');
    const first = huntText('x.log', text, { index: realIndex() }).report.devices[0];
    expect(first).toMatchObject({ address: '10.198.47.71', translated: ['81.2.69.144'] });
    expect(first.mac).toBeFalsy();
  });

  it('Sophos Firewall up to v18: timezone="ICT" is UTC+7 whatever --tz says; "IST" (three zones) follows --tz', () => {
    const line = real('sophos-xg-18.5.log').split('\n')[11]; // 2018-05-31 17:05:14 IST, to 1.128.3.4
    const utc = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };
    const p = createParser('sophos', utc);
    const rec = new LogRecord();
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect(new Date(rec.time()).toISOString()).toBe('2018-05-31T17:05:14.000Z');
    expect(p.parse(line.replace('timezone="IST"', 'timezone="ICT"'), rec)).toBe(Outcome.Record);
    expect(new Date(rec.time()).toISOString()).toBe('2018-05-31T10:05:14.000Z');
  });

  it('Sophos Firewall web filtering: full URL and domain= match URL and name indicators; an address in domain= matches as the address', () => {
    const { report } = hunt('sophos-xg-web.log');
    expect(summary(report)).toEqual([
      '192.168.2.111 → 89.160.20.156 ×1',
      '192.168.2.111 → asiancdn.net ×1',
      '192.168.2.112 → 89.160.20.156 ×1',
      '192.168.2.112 → http://info.cspserver.net/api/v1/connect-test ×1',
      '192.168.2.112 → info.cspserver.net ×1',
      '192.168.2.131 → 89.160.20.156 ×1',
      '192.168.2.162 → 89.160.20.156 ×1',
    ]);
    const url = report.indicators.find((i) => i.indicator.startsWith('http://'));
    expect(url).toMatchObject({ kind: 'url' });
  });

  it('Sophos UTM: ulogd packet filter and httpproxy lines, local "YYYY:MM:DD-hh:mm:ss" stamps', () => {
    const { report } = hunt('sophos-utm.log');
    expect(summary(report)).toEqual(['67.43.156.2 → 89.160.20.129 ×5', '67.43.156.2 → myurl.test.com ×3']);
    const dev = report.devices[0];
    expect(dev.mac).toBe('1a:fc:2b:33:4d:5f');
    const addr = dev.indicators.find((i) => i.indicator === '89.160.20.129');
    expect(addr).toMatchObject({
      firstSeen: '2023-03-08T15:00:00+07:00',
      lastSeen: '2023-04-28T11:28:41+07:00',
      protocols: ['tcp', 'udp'],
    });
  });

  it('a line forced to --format sophos that is not Sophos is unreadable, with the reason', () => {
    const { report } = huntText('x.log', real('cisco-asa.log').split('\n')[1], {
      format: 'sophos',
      index: realIndex(),
    });
    expect(report.files[0]).toMatchObject({ records: 0, skipped: 1 });
    expect(report.warnings[0].message).toContain('unreadable Sophos line');
  });

  it('pfSense filterlog: a CIDR indicator; OPNsense and pfSense write the IPv6 protocol in capitals', () => {
    expect(summary(hunt('pfsense-filterlog.log').report)).toEqual(['10.170.12.50 → 1.0.0.0/24 ×3']);
    const v6 = real('opnsense-syslog.log').split('\n')[1];
    const rec = new LogRecord();
    const ctx = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
    expect(createParser('filterlog', ctx).parse(v6, rec)).toBe(Outcome.Record);
    expect(rec).toMatchObject({
      proto: 'udp',
      src: 'fe80::208:9bff:fef3:652b',
      srcPort: '546',
      dstPort: '547',
    });
  });

  it.each(['dnsmasq-2.90.log', 'dnsmasq-2.90-extra.log'])(
    'dnsmasq 2.90 (%s, written by dnsmasq on loopback): the client of each query for a listed name, every query type',
    (name) => {
      const parsed = parseFeed(Buffer.from('evil.example\nc2.example\n'), 'dnsmasq-feed.txt');
      const index = IndicatorIndex.build(toIndicators(parsed, 'dnsmasq-feed.txt'));
      const { report } = huntText(name, real(name), { index });
      // www.evil.example (A), EVIL.example asked as evil.example (A); c2.example as AAAA and TXT,
      // both refused: a question is the contact. ok.example and nothing.invalid are on no indicator.
      expect(summary(report)).toEqual(['127.0.0.1 → c2.example ×2', '127.0.0.1 → evil.example ×2']);
      expect(report.warnings).toEqual([]);
    },
  );

  it('Unbound through pfSense syslog: the client that asked for a listed name is the device, at the syslog stamp', () => {
    // Its own one-name feed: the same query is in opnsense-syslog.log, whose expectations use feed-real.txt.
    const parsed = parseFeed(Buffer.from('opensubtitles.org\n'), 'unbound-feed.txt');
    const index = IndicatorIndex.build(toIndicators(parsed, 'unbound-feed.txt'));
    const { report } = huntText('pfsense-unbound.log', real('pfsense-unbound.log'), { index });
    expect(summary(report)).toEqual(['192.168.1.1 → opensubtitles.org ×1']);
    expect(report.devices[0].indicators[0]).toMatchObject({
      kind: 'domain',
      protocols: ['dns'],
      firstSeen: '2026-08-15T16:19:02+07:00',
    });
  });

  it('Zeek conn and http as JSON (Elastic samples): the originator of each listed connection or Host is the device', () => {
    const parsed = parseFeed(Buffer.from('89.160.20.156\nhttpbin.org\n23.55.163.48\n'), 'zeek-feed.txt');
    const index = IndicatorIndex.build(toIndicators(parsed, 'zeek-feed.txt'));
    // Counted here from the raw JSON: originator → responder address (or Host) on the feed.
    const expected = (name: string, listed: string[]): string[] => {
      const counts = new Map<string, number>();
      for (const line of real(name).split('\n').filter(Boolean)) {
        const o = JSON.parse(line) as Record<string, string>;
        const hit = listed.find((v) => v === o['id.resp_h'] || v === o.host);
        if (hit)
          counts.set(`${o['id.orig_h']} → ${hit}`, (counts.get(`${o['id.orig_h']} → ${hit}`) ?? 0) + 1);
      }
      return [...counts].map(([k, n]) => `${k} ×${n}`).sort();
    };
    const conn = huntText('zeek-conn-elastic.json', real('zeek-conn-elastic.json'), { index }).report;
    expect(summary(conn)).toEqual(expected('zeek-conn-elastic.json', ['89.160.20.156']));
    // A listed address talking to itself (as published): the source side is still reported.
    expect(summary(conn)).toContain('89.160.20.156 → 89.160.20.156 ×1');
    expect(conn.devices.find((d) => d.address === '192.168.2.205')?.indicators[0]).toMatchObject({
      protocols: ['icmp'],
      firstSeen: '2019-03-01T07:10:00+07:00',
    });
    const http = huntText('zeek-http-elastic.json', real('zeek-http-elastic.json'), { index }).report;
    expect(summary(http)).toEqual(expected('zeek-http-elastic.json', ['httpbin.org', '23.55.163.48']));
    expect(summary(http)).toEqual(['10.156.0.2 → 23.55.163.48 ×3', '10.20.8.197 → httpbin.org ×1']);
  });

  it('Cisco ASA: only connection builds count (three to the listed address), teardowns do not count again', () => {
    const { report } = hunt('cisco-asa.log');
    expect(summary(report)).toEqual(['172.31.98.44 → 100.66.128.3 ×3']);
    expect(report.devices[0].indicators[0]).toMatchObject({ ports: ['80'], protocols: ['tcp'] });
  });

  it('FortiGate 7.4: source NAT and MAC on the forward log; a sniffer log counts its source', () => {
    const { report } = hunt('fortigate-7.4.log');
    expect(summary(report)).toEqual(['10.1.100.11 → 81.2.69.142 ×1', '216.160.83.56 → 81.2.69.142 ×1']);
    expect(report.devices.find((d) => d.address === '10.1.100.11')).toMatchObject({
      mac: 'a2:e9:00:ec:40:01',
      translated: ['172.16.200.2'],
    });
    // eventtime (ns since 1970) wins over the device's local date=/time=: 18:37:47 UTC.
    expect(report.devices[0].indicators[0].firstSeen).toBe('2019-05-11T01:37:47+07:00');
  });

  it('Windows Firewall (a real excerpt): link-local IPv6 devices; an inbound drop from a listed block counts the receiver', () => {
    const { report } = hunt('pfirewall-azure-edge.log');
    expect(summary(report)).toEqual([
      '224.0.0.251 → 5.5.3.0/24 ×3',
      'fe80::3680:dff:fe01:9d87 → ff02::fb ×1',
      'fe80::3680:dff:fe01:9e88 → ff02::fb ×3', // the third line lacks its path field: still a connection
      'fe80::3680:dff:fe01:9e8a → ff02::fb ×1',
      'fe80::3680:dff:fe01:9e8b → ff02::fb ×4',
      'fe80::3680:dff:fe08:20d5 → ff02::fb ×2',
    ]);
    const block = report.devices.find((d) => d.address === '224.0.0.251')?.indicators[0];
    // "#Time Format: Local": read in --tz (+07:00 here).
    expect(block).toMatchObject({ inbound: 3, firstSeen: '2019-11-06T12:35:19+07:00', ports: ['5353'] });
  });

  it('Squid: full URLs and CONNECT host:port; a request the proxy denied (407) still shows the device tried', () => {
    expect(summary(hunt('squid-access.log').report)).toEqual([
      '10.105.37.17 → mcafee.com ×2', // both TCP_DENIED/407
      '10.105.37.65 → kmip.net ×2', // http://natrocket.kmip.net:5288/…, denied
      '10.105.47.218 → hi5.com ×4', // a denied request, two fetched pages, images.hi5.com from cache
      '81.2.69.145 → 81.2.69.193 ×1', // the server address Squid went to (DIRECT/81.2.69.193)
    ]);
  });

  it('BIND through Infoblox NIOS syslog: the queries and the responses categories (with "UDP:" and views)', () => {
    const { report } = hunt('infoblox-named.log');
    expect(summary(report)).toEqual([
      '192.168.0.1 → foo.com ×4', // a1, a2, non-exist (NXDOMAIN: it still asked) and a1 again
      '192.168.0.1 → nos-avg.cz ×1', // the query line, not its "query failed" twin
      '192.168.1.90 → digicert.com ×1',
    ]);
    const dev = report.devices.find((d) => d.address === '192.168.0.1');
    // "07-Apr-2022 08:08:10.043" inside the message wins over the syslog header's date.
    expect(dev?.indicators.find((i) => i.indicator === 'foo.com')?.firstSeen).toBe(
      '2022-04-07T08:08:10+07:00',
    );
  });

  it('Suricata: the TLS SNI of an alert, the Host of an http event (a subdomain of the listed name)', () => {
    expect(summary(hunt('suricata-eve.json').report)).toEqual([
      '192.168.50.1 → windowsupdate.com ×1',
      '192.168.86.85 → l2.io ×1',
    ]);
  });

  it.each([
    ['zeek-dns.log', 'query'],
    ['zeek-dns.json', 'query'],
    ['zeek-ssl.log', 'server_name'],
    ['zeek-ssl.json', 'server_name'],
  ] as const)(
    'Zeek %s (TSV and JSON): every device that asked for or went to wrccdc.org, counted',
    (name, key) => {
      const { report } = hunt(name);
      const expected = [...zeekCounts(name, key, 'wrccdc.org')].map(
        ([src, n]) => `${src} → wrccdc.org ×${n}`,
      );
      expect(expected.length).toBeGreaterThan(3);
      expect(summary(report).filter((s) => s.includes('wrccdc.org'))).toEqual(expected.sort());
    },
  );

  it('Zeek ssl.log: the listed server address and its name both count, per connection', () => {
    const { report } = hunt('zeek-ssl.log');
    const byAddress = summary(report).filter((s) => s.includes('134.71.3.16'));
    const byName = summary(report).filter((s) => s.includes('wrccdc.org'));
    expect(byAddress.map((s) => s.replace('134.71.3.16', 'X'))).toEqual(
      byName.map((s) => s.replace('wrccdc.org', 'X')),
    );
    expect(byAddress).toContain('10.47.1.100 → 134.71.3.16 ×6');
  });
});

describe('real samples: a mixed folder (gzip, rotated, several formats in one syslog file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-hunt-real-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const logs = join(dir, 'logs');
  for (const d of ['sensor/zeek', 'gateway', 'windows', 'proxy'])
    mkdirSync(join(logs, d), { recursive: true });
  cpSync(join(REAL, 'feed-real.txt'), join(dir, 'feed.txt'));
  cpSync(join(REAL, 'suricata-eve.json'), join(logs, 'sensor/eve.json'));
  cpSync(join(REAL, 'zeek-dns.log'), join(logs, 'sensor/zeek/dns.log'));
  writeFileSync(
    join(logs, 'sensor/zeek/ssl.2018-03-24.log.gz'),
    gzipSync(readFileSync(join(REAL, 'zeek-ssl.log'))),
  );
  // A collector's syslog: filterlog, Cisco ASA, Sophos UTM, OPNsense dhcpd/unbound lines in one file,
  // with its gzip-rotated predecessor holding the Sophos Firewall lines.
  const router = [
    real('pfsense-filterlog.log'),
    real('cisco-asa.log'),
    real('opnsense-syslog.log'),
    real('sophos-utm.log'),
    real('infoblox-named.log'),
  ]
    .map((t) => t.trimEnd())
    .join('\n');
  writeFileSync(join(logs, 'gateway/messages'), `${router}\n`);
  writeFileSync(join(logs, 'gateway/messages.1.gz'), gzipSync(real('sophos-xg-19.log')));
  writeFileSync(join(logs, 'gateway/fortigate.log.1'), real('fortigate-7.4.log'));
  writeFileSync(join(logs, 'windows/pfirewall.log.old'), real('pfirewall-azure-edge.log'));
  writeFileSync(join(logs, 'proxy/access.log.1.gz'), gzipSync(real('squid-access.log')));
  // Syslog dates have no year: the files' time decides it.
  for (const f of ['gateway/messages', 'gateway/messages.1.gz'])
    utimesSync(join(logs, f), new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));

  it('gives the devices of every file, in one thread and in two, and reads every line', async () => {
    for (const workers of ['1', '2']) {
      const io = memoryIo({ cwd: dir, env: { SACHMADOC_DATA_DIR: join(dir, 'data') } });
      const code = await runCli(
        ['hunt', '--feed', 'feed.txt', '--tz', '+07:00', '--json', '--workers', workers, 'logs'],
        io,
      );
      expect(code).toBe(1);
      const r = JSON.parse(io.out.join('')) as HuntReport;
      const pairs = r.devices.flatMap((d) =>
        d.indicators.map((i) => `${d.address} → ${i.indicator} ×${i.count}`),
      );
      const zeekDns = [...zeekCounts('zeek-dns.log', 'query', 'wrccdc.org')];
      const zeekSsl = [...zeekCounts('zeek-ssl.log', 'server_name', 'wrccdc.org')];
      // A device seen in two files adds up (the Zeek DNS and TLS logs name the same devices).
      const wrccdc = new Map<string, number>();
      for (const [src, n] of [...zeekDns, ...zeekSsl]) wrccdc.set(src, (wrccdc.get(src) ?? 0) + n);
      expect(pairs.sort()).toEqual(
        [
          '10.170.12.50 → 1.0.0.0/24 ×3',
          '172.31.98.44 → 100.66.128.3 ×3',
          '67.43.156.2 → 89.160.20.129 ×5',
          '67.43.156.2 → myurl.test.com ×3',
          '192.168.2.111 → 89.160.20.156 ×2',
          '192.168.2.121 → 89.160.20.156 ×1',
          '192.168.2.122 → 89.160.20.156 ×1',
          '192.168.2.162 → 89.160.20.156 ×1',
          '10.1.100.11 → 81.2.69.142 ×1',
          '216.160.83.56 → 81.2.69.142 ×1',
          '192.168.50.1 → windowsupdate.com ×1',
          '192.168.0.1 → foo.com ×4',
          '192.168.0.1 → nos-avg.cz ×1',
          '192.168.1.90 → digicert.com ×1',
          '224.0.0.251 → 5.5.3.0/24 ×3',
          'fe80::3680:dff:fe01:9d87 → ff02::fb ×1',
          'fe80::3680:dff:fe01:9e88 → ff02::fb ×3',
          'fe80::3680:dff:fe01:9e8a → ff02::fb ×1',
          'fe80::3680:dff:fe01:9e8b → ff02::fb ×4',
          'fe80::3680:dff:fe08:20d5 → ff02::fb ×2',
          '10.105.37.17 → mcafee.com ×2',
          '10.105.37.65 → kmip.net ×2',
          '10.105.47.218 → hi5.com ×4',
          '81.2.69.145 → 81.2.69.193 ×1',
          '192.168.86.85 → l2.io ×1',
          ...[...wrccdc].map(([src, n]) => `${src} → wrccdc.org ×${n}`),
          ...zeekSsl.map(([src, n]) => `${src} → 134.71.3.16 ×${n}`),
          ...[...zeekCounts('zeek-dns.log', 'query', 'windowsupdate.com')].map(
            ([src, n]) => `${src} → windowsupdate.com ×${n}`,
          ),
        ].sort(),
      );
      const files = Object.fromEntries(
        r.files.map((f) => [f.path.slice(logs.length + 1), [f.format, f.lines, f.skipped]]),
      );
      expect(files).toEqual({
        'gateway/fortigate.log.1': ['fortigate', 14, 0],
        'gateway/messages': ['bind+cisco-asa+filterlog+sophos+unbound', 19 + 34 + 5 + 8 + 18, 0],
        'gateway/messages.1.gz': ['sophos', 6, 0],
        'proxy/access.log.1.gz': ['squid', 26, 0],
        'sensor/eve.json': ['suricata', 12, 0],
        'sensor/zeek/dns.log': ['zeek', 200, 0],
        'sensor/zeek/ssl.2018-03-24.log.gz': ['zeek', 200, 0],
        'windows/pfirewall.log.old': ['windows-firewall', 19, 0],
      });
      expect(r.warnings).toEqual([]);
    }
  });
});

describe('a binary EVTX file (the head of a real Application.evtx)', () => {
  it('is named as EVTX, with the wevtutil command that turns it into the XML the hunt reads', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sachmadoc-evtx-'));
    const io = memoryIo({ cwd: REAL, env: { SACHMADOC_DATA_DIR: data } });
    const code = await runCli(['hunt', '--feed', 'feed-real.txt', '--json', 'application-head.evtx'], io);
    rmSync(data, { recursive: true, force: true });
    expect(code).toBe(0);
    const r = JSON.parse(io.out.join('')) as HuntReport;
    expect(r.files[0]).toMatchObject({ format: 'unknown', records: 0 });
    expect(r.warnings).toEqual([
      {
        file: join(REAL, 'application-head.evtx'),
        line: 0,
        message: expect.stringContaining(
          `an EVTX file (binary Windows event log) is not read directly — chuyển sang XML rồi đọc tệp .xml / convert it to XML, then read the .xml: wevtutil qe "${join(REAL, 'application-head.evtx')}" /lf:true /f:xml > events.xml`,
        ) as unknown,
      },
    ]);
  });
});
