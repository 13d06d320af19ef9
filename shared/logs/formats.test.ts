// Every log format the hunt reads, on real-shaped lines of the vendors' documented formats
// (test/fixtures/logs/README.md says where each shape comes from), with each format's edge cases.
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';
import { decodeWireName } from './windows-dns';
import { fixture, huntText, summary, testIndex } from '../../test/support/hunt/helpers';

describe('format detection from content', () => {
  it.each([
    ['pfirewall.log', 'windows-firewall'],
    ['pfirewall-no-pid.log', 'windows-firewall'],
    ['dns-debug.log', 'windows-dns'],
    ['sysmon.xml', 'windows-event-xml'],
    ['sysmon.csv', 'windows-event-csv'],
    ['zeek-conn.log', 'zeek'],
    ['zeek-http.json', 'zeek'],
    ['eve.json', 'suricata'],
    ['access.log', 'squid'],
    ['fortigate.log', 'syslog'],
    ['filterlog.log', 'syslog'],
    ['asa.log', 'syslog'],
    ['dnsmasq.log', 'syslog'],
  ])('%s is %s', (name, format) => {
    expect(detectFormat(fixture(name).split(/\r?\n/))).toBe(format);
  });

  it('a syslog file that opens with 70 lines of other programs is still read, line by line', () => {
    const dhcp = Array.from(
      { length: 70 },
      (_, i) =>
        `Nov 23 07:00:${String(i % 60).padStart(2, '0')} gw dhcpd: DHCPACK on 192.168.1.${i} via igb1`,
    );
    const text = [...dhcp, fixture('filterlog.log').split('\n')[0]].join('\n');
    const { report, format } = huntText('messages', text);
    expect(format).toBe('syslog');
    expect(summary(report)).toEqual(['10.1.6.40 → 203.0.113.9 ×1']);
    expect(report.files[0]).toMatchObject({ lines: 71, records: 1, skipped: 0 });
  });

  it('a CSV without --columns and a feed file are no log format', () => {
    expect(detectFormat(fixture('proxy-export.csv').split('\n'))).toBeNull();
    expect(detectFormat(fixture('feed.txt').split('\n'))).toBeNull();
  });
});

describe('Windows Firewall pfirewall.log', () => {
  it('reads the pid column, CIDR and IPv6, an inbound connection from a listed block, and warns on a cut line', () => {
    const { report } = huntText('pfirewall.log', fixture('pfirewall.log'));
    expect(summary(report)).toEqual([
      '10.1.2.3 → 198.51.100.0/24 ×1',
      '10.1.2.3 → 203.0.113.9 ×1',
      '2001:db8:1::20 → 2001:db8:bad::/48 ×1',
    ]);
    const dev = report.devices.find((d) => d.address === '10.1.2.3');
    const inbound = dev?.indicators.find((i) => i.indicator === '198.51.100.0/24');
    expect(inbound).toMatchObject({ inbound: 1, ports: ['3389'], firstSeen: '2026-11-23T08:16:40+07:00' });
    expect(dev?.indicators.find((i) => i.indicator === '203.0.113.9')).toMatchObject({
      count: 1,
      firstSeen: '2026-11-23T08:15:02+07:00',
      protocols: ['tcp'],
    });
    expect(dev?.evidence[0]).toMatchObject({ file: 'pfirewall.log', line: 6 });
    expect(report.files[0]).toMatchObject({ lines: 11, records: 5, skipped: 1 });
    expect(report.warnings).toEqual([expect.objectContaining({ file: 'pfirewall.log', line: 11 })]);
  });

  it('reads the older log without the pid column', () => {
    expect(summary(huntText('old.log', fixture('pfirewall-no-pid.log')).report)).toEqual([
      '192.168.1.10 → 203.0.113.9 ×1',
    ]);
  });

  it('takes the columns from #Fields when they are in another order', () => {
    const text =
      '#Fields: time date action protocol dst-ip src-ip src-port dst-port\n08:00:01 2026-11-23 ALLOW TCP 203.0.113.9 10.9.9.9 1 443\n';
    const { report } = huntText('x.log', text, { format: 'windows-firewall' });
    expect(summary(report)).toEqual(['10.9.9.9 → 203.0.113.9 ×1']);
  });
});

describe('Windows DNS Server debug log', () => {
  it('decodes (3)www(7)example(3)com(0) names', () => {
    expect(decodeWireName('(3)www(7)example(3)com(0)')).toBe('www.example.com');
    expect(decodeWireName('(2)c2(3)bad(7)example(5)')).toBeNull();
  });

  it('counts queries received from clients only (not forwarded queries or answers), in US and Vietnamese dates', () => {
    const { report } = huntText('dns.log', fixture('dns-debug.log'));
    expect(summary(report)).toEqual(['10.1.2.44 → evil.example ×1']);
    expect(report.devices[0].indicators[0].firstSeen).toBe('2026-11-23T08:15:02+07:00');
    expect(report.warnings[0]).toMatchObject({ line: 29 });
    const vi = huntText('dns-vi.log', fixture('dns-debug-vi.log')).report;
    expect(vi.devices[0].indicators[0]).toMatchObject({
      indicator: 'c2.bad.example',
      firstSeen: '2026-11-23T13:05:09+07:00',
    });
  });

  it('reads a 12-hour PM time', () => {
    const line =
      '11/23/2026 1:05:10 PM 0E44 PACKET  000001D2A8F0D100 UDP Rcv 10.1.2.46       0008   Q [0001   D   NOERROR] A      (2)c2(3)bad(7)example(0)';
    expect(huntText('d.log', line).report.devices[0].indicators[0].firstSeen).toBe(
      '2026-11-23T13:05:10+07:00',
    );
  });
});

describe('Sysmon and Security events', () => {
  it('reads XML exports: one-line and multi-line events, several on one line, single quotes, UTC times', () => {
    const { report } = huntText('sysmon.xml', fixture('sysmon.xml'));
    expect(summary(report)).toEqual([
      '10.1.2.77 → 198.51.100.0/24 ×1',
      '10.1.2.78 → 203.0.113.9 ×1',
      'KT-PC07.sotttt.local → c2.bad.example ×1',
    ]);
    const pc7 = report.devices.find((d) => d.address === '10.1.2.77');
    expect(pc7).toMatchObject({ hostname: 'KT-PC07.sotttt.local' });
    expect(pc7?.indicators[0].firstSeen).toBe('2026-11-23T08:15:02+07:00');
    expect(pc7?.evidence[0].text).toContain('svch0st.exe');
    // The multi-line Sysmon 22 event starts on line 4 of the file.
    expect(report.devices.find((d) => d.address === 'KT-PC07.sotttt.local')?.evidence[0].line).toBe(4);
    expect(report.files[0]).toMatchObject({ records: 3, skipped: 0 });
  });

  it('reads Event Viewer CSV with multi-line messages', () => {
    const { report } = huntText('sysmon.csv', fixture('sysmon.csv'));
    expect(summary(report)).toEqual(['10.1.2.79 → 203.0.113.9 ×1']);
    expect(report.devices[0]).toMatchObject({
      hostname: 'KT-PC09.sotttt.local',
      evidence: [expect.objectContaining({ line: 2 })],
    });
    expect(report.devices[0].indicators[0].firstSeen).toBe('2026-11-23T08:15:02+07:00');
  });
});

describe('Zeek', () => {
  it('reads TSV conn.log with its header, the MAC column, and warns on a short row', () => {
    const { report } = huntText('conn.log', fixture('zeek-conn.log'));
    expect(summary(report)).toEqual(['10.1.2.3 → 203.0.113.9 ×1']);
    expect(report.devices[0]).toMatchObject({ mac: '00:0c:29:aa:bb:cc' });
    expect(report.devices[0].indicators[0].firstSeen).toBe('2026-11-23T14:15:02+07:00');
    expect(report.warnings[0]).toMatchObject({ line: 11 });
  });

  it('reads dns.log queries and JSON http/ssl logs with epoch and ISO times', () => {
    expect(summary(huntText('dns.log', fixture('zeek-dns.log')).report)).toEqual([
      '10.1.2.5 → evil.example ×1',
    ]);
    const { report } = huntText('http.json', fixture('zeek-http.json'));
    expect(summary(report)).toEqual(['10.1.2.6 → evil.example ×1', '10.1.2.7 → c2.bad.example ×1']);
    expect(report.devices.find((d) => d.address === '10.1.2.7')?.indicators[0].firstSeen).toBe(
      '2026-11-23T08:24:00+07:00',
    );
  });
});

describe('Suricata eve.json', () => {
  it('reads flow, dns (query, answer, v3 queries), tls, alert; skips stats and http to an unlisted host; warns on a cut line', () => {
    const { report } = huntText('eve.json', fixture('eve.json'));
    expect(summary(report)).toEqual([
      '10.1.3.10 → 203.0.113.9 ×1',
      '10.1.3.11 → evil.example ×1',
      '10.1.3.12 → evil.example ×1',
      '10.1.3.14 → c2.bad.example ×1',
      '10.1.3.15 → 198.51.100.0/24 ×1',
      '10.1.3.16 → evil.example ×1',
    ]);
    // The answer went to 10.1.3.12: it is the device, and the resolver's port 53 the remote one.
    expect(report.devices.find((d) => d.address === '10.1.3.12')?.indicators[0].ports).toEqual(['53']);
    expect(report.devices.find((d) => d.address === '10.1.3.10')?.indicators[0].firstSeen).toBe(
      '2026-11-23T08:30:00+07:00',
    );
    expect(report.files[0].skipped).toBe(1);
  });
});

describe('Squid access.log', () => {
  it('matches full URLs by host, CONNECT host:port, and counts a CONNECT to a listed address once', () => {
    const { report } = huntText('access.log', fixture('access.log'));
    expect(summary(report)).toEqual([
      '10.1.4.20 → evil.example ×1',
      '10.1.4.21 → c2.bad.example ×1',
      '10.1.4.23 → 203.0.113.9 ×1',
    ]);
    expect(report.warnings[0]).toMatchObject({ line: 5 });
  });
});

describe('FortiGate, filterlog, MikroTik, Cisco ASA', () => {
  it('FortiGate traffic (NAT, MAC, name), DNS qname and web filter URL; event logs skipped', () => {
    const { report } = huntText('fgt.log', fixture('fortigate.log'));
    expect(summary(report)).toEqual([
      '10.1.5.30 → 203.0.113.9 ×1',
      '10.1.5.31 → evil.example ×1',
      '10.1.5.32 → c2.bad.example ×1',
    ]);
    expect(report.devices.find((d) => d.address === '10.1.5.30')).toMatchObject({
      mac: '00:0c:29:11:22:33',
      hostname: 'KETOAN-03',
      translated: ['198.18.0.1'],
    });
    // eventtime (ns) wins; date/time with tz="+0700" otherwise: both 08:40/08:42 local.
    expect(report.devices.find((d) => d.address === '10.1.5.30')?.indicators[0].firstSeen).toBe(
      '2026-11-23T08:40:00+07:00',
    );
    expect(report.devices.find((d) => d.address === '10.1.5.32')?.indicators[0].firstSeen).toBe(
      '2026-11-23T08:42:00+07:00',
    );
    expect(report.files[0]).toMatchObject({ records: 3, skipped: 0 });
  });

  it('filterlog: IPv4 tcp/udp, IPv6, RFC 5424 header with offset; a listed source in a blocked ICMP is not this feed', () => {
    const { report } = huntText('filter.log', fixture('filterlog.log'));
    expect(summary(report)).toEqual([
      '10.1.6.40 → 203.0.113.9 ×1',
      '10.1.6.41 → 198.51.100.0/24 ×1',
      '10.1.6.42 → 198.51.100.0/24 ×1',
      '2001:db8:1::41 → 2001:db8:bad::/48 ×1',
    ]);
    expect(report.devices.find((d) => d.address === '10.1.6.42')?.indicators[0].firstSeen).toBe(
      '2026-11-23T08:50:04+07:00',
    );
    // A syslog date has no year: the file's time (1 Dec 2026) puts 23 Nov in 2026.
    expect(report.devices.find((d) => d.address === '10.1.6.40')?.indicators[0].firstSeen).toBe(
      '2026-11-23T08:50:00+07:00',
    );
    expect(report.warnings[0]).toMatchObject({ line: 6 });
  });

  it('MikroTik: src-mac, source NAT, UDP and ICMP', () => {
    const { report } = huntText('mt.log', fixture('mikrotik.log'));
    expect(summary(report)).toEqual([
      '192.168.88.10 → 203.0.113.9 ×1',
      '192.168.88.11 → 198.51.100.0/24 ×1',
      '192.168.88.12 → 198.51.100.0/24 ×1',
    ]);
    expect(report.devices.find((d) => d.address === '192.168.88.10')).toMatchObject({
      mac: '00:0c:29:aa:bb:01',
      translated: ['198.18.0.2'],
    });
  });

  it('Cisco ASA: outbound builds with the mapped address, an inbound build, teardowns skipped', () => {
    const { report } = huntText('asa.log', fixture('asa.log'));
    expect(summary(report)).toEqual([
      '10.1.7.50 → 203.0.113.9 ×1',
      '10.1.7.51 → 198.51.100.0/24 ×1',
      '10.1.8.10 → 198.51.100.0/24 ×1',
    ]);
    expect(report.devices.find((d) => d.address === '10.1.7.50')).toMatchObject({
      translated: ['198.18.0.3'],
    });
    expect(report.devices.find((d) => d.address === '10.1.8.10')?.indicators[0]).toMatchObject({
      inbound: 1,
      ports: ['22'],
    });
    expect(report.files[0]).toMatchObject({ records: 4, skipped: 1 });
  });
});

describe('DNS servers: BIND, Unbound, dnsmasq/Pi-hole', () => {
  it('BIND in its own file and through syslog', () => {
    const { report } = huntText('q.log', fixture('named-queries.log'));
    expect(summary(report)).toEqual(['10.1.9.60 → evil.example ×1', '10.1.9.62 → c2.bad.example ×1']);
    expect(report.devices.find((d) => d.address === '10.1.9.60')?.indicators[0].firstSeen).toBe(
      '2026-11-23T09:20:00+07:00',
    );
  });

  it('Unbound queries (reply lines not counted again)', () => {
    const { report } = huntText('u.log', fixture('unbound.log'));
    expect(summary(report)).toEqual(['10.1.9.70 → evil.example ×1']);
  });

  it('dnsmasq and the Pi-hole form', () => {
    expect(summary(huntText('d.log', fixture('dnsmasq.log')).report)).toEqual([
      '192.168.1.80 → evil.example ×1',
      '192.168.1.81 → c2.bad.example ×1',
    ]);
  });
});

describe('generic CSV with --columns', () => {
  it('reads named columns with a semicolon separator and Vietnamese headers', () => {
    const { report } = huntText('p.csv', fixture('proxy-export.csv'), {
      format: 'csv',
      columns: { src: 'Máy trạm', dst: 'Đích', url: 'URL', time: 'Thời gian' },
    });
    expect(summary(report)).toEqual(['10.1.10.90 → evil.example ×1']);
    expect(report.devices[0].indicators[0].firstSeen).toBe('2026-11-23T09:40:00+07:00');
    expect(report.warnings[0]).toMatchObject({ line: 4 });
  });

  it('says which column the header lacks', () => {
    const { report } = huntText('p.csv', fixture('proxy-export.csv'), {
      format: 'csv',
      columns: { src: 'client', dst: 'Đích' },
    });
    expect(report.warnings[0].message).toContain('src=client');
  });
});

describe('matching rules', () => {
  it('the allow-list wins over a listed block and domain', () => {
    const index = testIndex([
      { type: 'ip', value: '198.51.100.23' },
      { type: 'domain', value: 'cdn.evil.example' },
    ]);
    expect(summary(huntText('e.json', fixture('eve.json'), { index }).report)).toContain(
      '10.1.3.15 → 198.51.100.0/24 ×1',
    );
    expect(summary(huntText('x.xml', fixture('sysmon.xml'), { index }).report)).not.toContain(
      '10.1.2.77 → 198.51.100.0/24 ×1',
    );
    expect(summary(huntText('dns.log', fixture('zeek-dns.log'), { index }).report)).toEqual([]);
  });

  it('an IPv4-mapped IPv6 destination matches the IPv4 indicator', () => {
    const line =
      '2026-11-23 08:15:02 ALLOW TCP ::ffff:10.1.2.3 ::ffff:203.0.113.9 51514 443 0 - 0 0 0 - - - SEND 4728';
    expect(summary(huntText('m.log', line, { format: 'windows-firewall' }).report)).toEqual([
      '::ffff:10.1.2.3 → 203.0.113.9 ×1',
    ]);
  });

  it('--since/--until keep only the period', () => {
    const sinceMs = Date.UTC(2026, 10, 23, 1, 16); // 08:16 at +07:00
    const { report } = huntText('pf.log', fixture('pfirewall.log'), { sinceMs });
    expect(summary(report)).toEqual([
      '10.1.2.3 → 198.51.100.0/24 ×1',
      '2001:db8:1::20 → 2001:db8:bad::/48 ×1',
    ]);
    const until = huntText('pf.log', fixture('pfirewall.log'), { untilMs: sinceMs }).report;
    expect(summary(until)).toEqual(['10.1.2.3 → 203.0.113.9 ×1']);
  });

  it('keeps at most 20 evidence lines and 50 warnings, counting all', () => {
    const hit = '2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - 0 0 0 - - - SEND 4728';
    const text = [...Array(30).fill(hit), ...Array(70).fill('garbage')].join('\n');
    const { report } = huntText('many.log', text, { format: 'windows-firewall' });
    expect(report.devices[0].count).toBe(30);
    expect(report.devices[0].evidence).toHaveLength(20);
    expect(report.warnings).toHaveLength(50);
    expect(report.warningCount).toBe(70);
  });
});
