// Network device and server logs field by field (issue 19, mutation testing of firewalls.ts,
// dns-servers.ts, sophos.ts, squid.ts, suricata.ts and zeek.ts): real-shaped lines of each
// vendor's documented form, every field of the record, the time, and the lines to skip or refuse.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { LineParser, TimeContext } from './record';
import { CiscoAsaParser, FilterlogParser, FortigateParser, MikrotikParser, keyValues } from './firewalls';
import { BindParser, DnsmasqParser, UnboundParser } from './dns-servers';
import { SophosParser, isSophosLine, valueOf } from './sophos';
import { SquidParser } from './squid';
import { SuricataParser } from './suricata';
import { ZeekParser } from './zeek';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };
const vn = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms) - 420 * 60_000;

function read(p: LineParser, line: string) {
  const rec = new LogRecord();
  const out = p.parse(line, rec);
  rec.complete();
  return {
    out,
    rec: {
      src: rec.src,
      srcPort: rec.srcPort,
      dst: rec.dst,
      dstPort: rec.dstPort,
      proto: rec.proto,
      domain: rec.domain,
      url: rec.url,
      mac: rec.mac,
      hostname: rec.hostname,
      natSrc: rec.natSrc,
      deviceIsDst: rec.deviceIsDst,
    },
    time: out === Outcome.Record ? rec.time() : NaN,
  };
}
const empty = {
  src: '',
  srcPort: '',
  dst: '',
  dstPort: '',
  proto: '',
  domain: '',
  url: '',
  mac: '',
  hostname: '',
  natSrc: '',
  deviceIsDst: false,
};

describe('pfSense / OPNsense filterlog', () => {
  const v4 =
    'Nov 23 08:15:02 pfsense filterlog[51234]: 5,,,1000000103,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp,60,10.1.2.3,203.0.113.9,51514,443,0,S,123456789,,64240,,mss';

  it('reads IPv4 tcp with ports, in the syslog time of the line', () => {
    expect(read(new FilterlogParser(VN), v4)).toEqual({
      out: Outcome.Record,
      rec: { ...empty, src: '10.1.2.3', srcPort: '51514', dst: '203.0.113.9', dstPort: '443', proto: 'tcp' },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
  });

  it('reads IPv4 udp ports, and no ports for icmp', () => {
    const udp = v4.replace(',6,tcp,60,', ',17,UDP,60,');
    expect(read(new FilterlogParser(VN), udp).rec).toMatchObject({
      proto: 'udp',
      srcPort: '51514',
      dstPort: '443',
    });
    const icmp =
      'Nov 23 08:15:02 pfsense filterlog[51234]: 5,,,1000000103,igb1,match,block,in,4,0x0,,64,4242,0,none,1,icmp,84,10.1.2.3,203.0.113.9,request,1,2';
    expect(read(new FilterlogParser(VN), icmp).rec).toMatchObject({
      proto: 'icmp',
      srcPort: '',
      dstPort: '',
      src: '10.1.2.3',
    });
  });

  it('reads IPv6 (protocol name in field 12) with and without ports', () => {
    const v6 =
      '<134>1 2026-11-23T08:15:02+07:00 opnsense filterlog 51234 - - 80,,,1000000103,igb1,match,pass,out,6,0x00,0x00000,64,UDP,17,40,2001:db8::5,2001:db8:bad::1,51514,53,40';
    const r = read(new FilterlogParser(VN), v6);
    expect(r.rec).toMatchObject({
      proto: 'udp',
      src: '2001:db8::5',
      dst: '2001:db8:bad::1',
      srcPort: '51514',
      dstPort: '53',
    });
    expect(r.time).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    const icmp6 = v6.replace('UDP,17,40,', 'ipv6-icmp,58,40,');
    expect(read(new FilterlogParser(VN), icmp6).rec).toMatchObject({
      proto: 'ipv6-icmp',
      srcPort: '',
      dstPort: '',
    });
    const tcp6 = v6.replace('UDP,17,40,', 'TCP,6,40,');
    expect(read(new FilterlogParser(VN), tcp6).rec).toMatchObject({
      proto: 'tcp',
      srcPort: '51514',
      dstPort: '53',
    });
  });

  it('refuses other lines, saying why', () => {
    const p = new FilterlogParser(VN);
    const rec = new LogRecord();
    expect(p.parse('Nov 23 08:15:02 pfsense dhcpd: DHCPACK', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng filterlog không đọc được (no "filterlog" tag) / unreadable filterlog line (no "filterlog" tag)',
    );
    expect(p.parse('Nov 23 08:15:02 pfsense filterlog[1]: 5,,,1000000103,igb1,match,pass,in,4', rec)).toBe(
      Outcome.Bad,
    );
    expect(p.lastError).toBe(
      'dòng filterlog không đọc được (too few fields) / unreadable filterlog line (too few fields)',
    );
    expect(p.parse(v4.replace(',in,4,', ',in,5,'), rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng filterlog không đọc được (IP version "5") / unreadable filterlog line (IP version "5")',
    );
    const noDst =
      'Nov 23 08:15:02 pfsense filterlog[51234]: 5,,,1000000103,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp,60,10.1.2.3';
    expect(p.parse(noDst, rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng filterlog không đọc được (no addresses) / unreadable filterlog line (no addresses)',
    );
    expect(p.parse(v4.replace(',10.1.2.3,', ',,'), rec)).toBe(Outcome.Bad);
    const v6short =
      'Nov 23 08:15:02 opnsense filterlog: 80,,,1000000103,igb1,match,pass,out,6,0x00,0x00000,64,UDP,17,40,2001:db8::5,';
    expect(p.parse(v6short, rec)).toBe(Outcome.Bad);
    expect(p.lastError).toContain('(no addresses)');
    // Exactly 17 fields is enough to be looked at.
    const seventeen = 'Nov 23 08:15:02 pfsense filterlog: 5,,,1,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp';
    expect(p.parse(seventeen, rec)).toBe(Outcome.Bad);
    expect(p.lastError).toContain('(no addresses)');
  });
});

describe('MikroTik RouterOS firewall', () => {
  const line =
    'Nov 23 08:15:02 router firewall,info forward: in:bridge out:ether1, connection-state:new src-mac 00:0c:29:aa:bb:cc, proto TCP (SYN), 10.1.2.3:51514->203.0.113.9:443, NAT (10.1.2.3:51514->198.18.0.1:51514)->203.0.113.9:443, len 60';

  it('reads addresses, ports, protocol, MAC and the source after NAT', () => {
    expect(read(new MikrotikParser(VN), line)).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
        mac: '00:0c:29:aa:bb:cc',
        natSrc: '198.18.0.1',
      },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
  });

  it('reads ICMP (a comma inside its parentheses), IPv6 in brackets, no MAC, no NAT', () => {
    const icmp =
      'Nov 23 08:15:02 router firewall,info input: in:ether1 out:(unknown 0), proto ICMP (type 3, code 3), 10.1.2.3->203.0.113.9, len 56';
    expect(read(new MikrotikParser(VN), icmp).rec).toEqual({
      ...empty,
      src: '10.1.2.3',
      dst: '203.0.113.9',
      proto: 'icmp',
    });
    const v6 =
      'Nov 23 08:15:02 router firewall,info forward: in:bridge out:ether1, proto UDP, [2001:db8::5]:51514->[2001:db8:bad::1]:53, len 40';
    expect(read(new MikrotikParser(VN), v6).rec).toEqual({
      ...empty,
      src: '2001:db8::5',
      srcPort: '51514',
      dst: '2001:db8:bad::1',
      dstPort: '53',
      proto: 'udp',
    });
    const bare = 'Nov 23 08:15:02 router firewall,info forward: proto UDP, 2001:db8::5->2001:db8::6';
    expect(read(new MikrotikParser(VN), bare).rec).toMatchObject({
      src: '2001:db8::5',
      dst: '2001:db8::6',
      srcPort: '',
    });
    const last =
      'Nov 23 08:15:02 router firewall,info forward: src-mac 00:0c:29:aa:bb:cc, proto TCP, 10.1.2.3:1->203.0.113.9:443';
    expect(read(new MikrotikParser(VN), last).rec).toMatchObject({
      dstPort: '443',
      mac: '00:0c:29:aa:bb:cc',
    });
    const macLast =
      'Nov 23 08:15:02 router firewall,info forward: proto TCP, 10.1.2.3:1->203.0.113.9:443, src-mac 00:0c:29:aa:bb:cc';
    expect(read(new MikrotikParser(VN), macLast).rec).toMatchObject({ mac: '00:0c:29:aa:bb:cc', natSrc: '' });
    const protoLast = 'Nov 23 08:15:02 router firewall,info forward: 10.1.2.3:1->203.0.113.9:443 proto TCP';
    const r = new MikrotikParser(VN);
    expect(r.parse(protoLast, new LogRecord())).toBe(Outcome.Bad);
  });

  it('a NAT with nothing after its arrow names no NAT source', () => {
    const odd =
      'Nov 23 08:15:02 router firewall,info forward: proto TCP, 10.1.2.3:1->203.0.113.9:443, NAT (->198.18.0.1:1)->203.0.113.9:443';
    expect(read(new MikrotikParser(VN), odd).rec.natSrc).toBe('');
  });

  it('refuses lines without proto or an arrow, saying why', () => {
    const p = new MikrotikParser(VN);
    const rec = new LogRecord();
    expect(p.parse('Nov 23 08:15:02 router system,info user admin logged in', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng tường lửa MikroTik không đọc được (no "proto ... a->b") / unreadable MikroTik firewall line (no "proto ... a->b")',
    );
    expect(p.parse('Nov 23 08:15:02 router firewall,info proto TCP, NAT (a->b)', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng tường lửa MikroTik không đọc được (no "a->b") / unreadable MikroTik firewall line (no "a->b")',
    );
    expect(p.parse('Nov 23 08:15:02 router firewall,info proto TCP, ->203.0.113.9:443', rec)).toBe(
      Outcome.Bad,
    );
  });
});

describe('Cisco ASA', () => {
  const out =
    'Nov 23 2026 08:15:02: %ASA-6-302013: Built outbound TCP connection 3312 for outside:203.0.113.9/443 (203.0.113.9/443) to inside:10.1.2.3/51514 (198.18.0.1/51514)';

  it('outbound: the "to" side opened it, with its mapped address', () => {
    expect(read(new CiscoAsaParser(VN), out)).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
        natSrc: '198.18.0.1',
      },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
  });

  it('inbound UDP (FTD): the "for" side opened it; no NAT when the mapped address is the real one', () => {
    const inbound =
      'Nov 23 2026 08:15:02: %FTD-6-302015: Built inbound UDP connection 77 for outside:203.0.113.9/53 (203.0.113.9/53) (user) to inside:10.1.2.3/51514 (10.1.2.3/51514)';
    expect(read(new CiscoAsaParser(VN), inbound).rec).toEqual({
      ...empty,
      src: '203.0.113.9',
      srcPort: '53',
      dst: '10.1.2.3',
      dstPort: '51514',
      proto: 'udp',
    });
  });

  it('skips other messages, refuses other lines, saying why', () => {
    const p = new CiscoAsaParser(VN);
    const rec = new LogRecord();
    expect(p.parse(out.replace('302013: Built', '302014: Teardown'), rec)).toBe(Outcome.Skip);
    expect(p.parse('Nov 23 2026 08:15:02: %ASA-6-302013: Built something else', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng Cisco ASA không đọc được (302013/302015 not in the documented form) / unreadable Cisco ASA line (302013/302015 not in the documented form)',
    );
    expect(p.parse('Nov 23 2026 08:15:02: %PIX-6-302013: Built', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng Cisco ASA không đọc được (no %ASA- message) / unreadable Cisco ASA line (no %ASA- message)',
    );
    expect(p.parse('Nov 23 2026 08:15:02: %FTD-6-106023: Deny', rec)).toBe(Outcome.Skip);
  });
});

describe('FortiGate', () => {
  const traffic =
    'date=2026-11-23 time=08:15:02 devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=10.1.2.3 srcport=51514 srcname="PC-KETOAN-01" dstip=203.0.113.9 dstport=443 proto=6 srcmac="00:0c:29:aa:bb:cc" transip=198.18.0.1 tz="+0700"';

  it('reads traffic with NAT, MAC and name, in the zone the line names', () => {
    expect(read(new FortigateParser(UTC), traffic)).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
        mac: '00:0c:29:aa:bb:cc',
        hostname: 'PC-KETOAN-01',
        natSrc: '198.18.0.1',
      },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
  });

  it('reads the protocol numbers, an unknown one as written; a NAT to itself is no NAT; mastersrcmac', () => {
    for (const [n, name] of [
      ['1', 'icmp'],
      ['17', 'udp'],
      ['58', 'ipv6-icmp'],
      ['47', '47'],
    ])
      expect(read(new FortigateParser(UTC), traffic.replace('proto=6', `proto=${n}`)).rec.proto).toBe(name);
    const self = traffic
      .replace('transip=198.18.0.1', 'transip=10.1.2.3')
      .replace('srcmac=', 'mastersrcmac=');
    expect(read(new FortigateParser(UTC), self).rec).toMatchObject({ natSrc: '', mac: '00:0c:29:aa:bb:cc' });
    expect(read(new FortigateParser(UTC), 'srcip=10.1.2.3 dstip=203.0.113.9').rec).toEqual({
      ...empty,
      src: '10.1.2.3',
      dst: '203.0.113.9',
    });
  });

  it('a DNS query names the query, not the resolver', () => {
    const dns =
      'date=2026-11-23 time=08:15:02 type="utm" subtype="dns" srcip=10.1.2.3 dstip=10.1.1.1 qname="evil.example" hostname="other.example"';
    expect(read(new FortigateParser(UTC), dns).rec).toMatchObject({
      src: '10.1.2.3',
      dst: '',
      domain: 'evil.example',
    });
  });

  it('web filter: a full URL as is; a path-only URL with the host and the scheme of the service or port', () => {
    const web = (extra: string) =>
      read(
        new FortigateParser(UTC),
        `type="utm" subtype="webfilter" srcip=10.1.2.3 dstip=203.0.113.9 ${extra}`,
      ).rec;
    expect(web('hostname="evil.example" url="https://evil.example/gate.php"')).toMatchObject({
      domain: 'evil.example',
      url: 'https://evil.example/gate.php',
    });
    expect(web('url="HTTP://evil.example/x"')).toMatchObject({
      domain: 'evil.example',
      url: 'HTTP://evil.example/x',
    });
    expect(web('hostname="evil.example" url="/gate.php"').url).toBe('http://evil.example/gate.php');
    expect(web('hostname="evil.example" url="/gate.php" service="HTTPS"').url).toBe(
      'https://evil.example/gate.php',
    );
    expect(web('hostname="evil.example" url="/gate.php" service="https2"').url).toBe(
      'http://evil.example/gate.php',
    );
    expect(web('hostname="evil.example" url="/gate.php" dstport=443').url).toBe(
      'https://evil.example/gate.php',
    );
    expect(web('url="/gate.php"')).toMatchObject({ url: '', domain: '' });
    expect(web('hostname="evil.example" url="gate.php"')).toMatchObject({ url: '', domain: 'evil.example' });
    expect(web('url="ftp://evil.example/x"')).toMatchObject({ url: '', domain: '' });
  });

  it('eventtime in s, ms, µs or ns wins; else date and time in tz, "UTC+07:00", or the context', () => {
    const t = (extra: string, ctx = VN) => read(new FortigateParser(ctx), `srcip=10.1.2.3 ${extra}`).time;
    const at = Date.UTC(2026, 10, 23, 1, 15, 2, 345);
    expect(t('eventtime=1795396502')).toBe(Math.floor(at / 1000) * 1000);
    // 10-11 digits are seconds, 12-14 milliseconds, 15-17 microseconds, 18-19 nanoseconds.
    expect(t('eventtime=17953965023')).toBe(17953965023000);
    expect(t('eventtime=179539650234')).toBe(179539650234);
    expect(t('eventtime=17953965023456')).toBe(17953965023456);
    expect(t('eventtime=179539650234567')).toBe(179539650234);
    expect(t('eventtime=17953965023456789')).toBe(17953965023456);
    expect(t('eventtime=179539650234567891')).toBe(179539650234);
    expect(t('eventtime=179539650 date=2026-11-23 time=08:15:02')).toBe(vn(2026, 11, 23, 8, 15, 2));
    expect(t('eventtime=17953965023456789012 date=2026-11-23 time=08:15:02')).toBe(
      vn(2026, 11, 23, 8, 15, 2),
    );
    expect(t('eventtime=1795396502345')).toBe(at);
    expect(t('eventtime=1795396502345678')).toBe(at);
    expect(t('eventtime=1795396502345678901')).toBe(at);
    expect(t('eventtime=123456789 date=2026-11-23 time=08:15:02')).toBe(vn(2026, 11, 23, 8, 15, 2));
    expect(t('date=2026-11-23 time=08:15:02 tz="UTC+01:00"')).toBe(Date.UTC(2026, 10, 23, 7, 15, 2));
    expect(t('date=2026-11-23 time=08:15:02 tz="utc-0100"')).toBe(Date.UTC(2026, 10, 23, 9, 15, 2));
    expect(t('date=2026-11-23 time=08:15:02 tz="CET"')).toBe(vn(2026, 11, 23, 8, 15, 2));
    expect(t('date=2026-11-23 time=08:15:02 tz="+0000"')).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(t('date=2026-11-23 time=08:15:02')).toBe(vn(2026, 11, 23, 8, 15, 2));
    expect(t('')).toBeNaN();
  });

  it('skips system events, refuses other lines', () => {
    const p = new FortigateParser(UTC);
    const rec = new LogRecord();
    expect(
      p.parse(
        'date=2026-11-23 time=08:15:02 logid="0100032001" type="event" msg="Administrator admin logged in"',
        rec,
      ),
    ).toBe(Outcome.Skip);
    expect(p.parse('date=2026-11-23 time=08:15:02 type="event"', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng FortiGate không đọc được (no srcip=) / unreadable FortiGate line (no srcip=)',
    );
  });

  it('keyValues reads quoted values with spaces and escaped quotes, bare values, and empty ones', () => {
    expect(Object.fromEntries(keyValues('a=1 b="x y" c="say \\"hi\\"" d= _e-f=2 3g=4'))).toEqual({
      a: '1',
      b: 'x y',
      c: 'say \\"hi\\"',
      d: '',
      '_e-f': '2',
      g: '4',
    });
  });
});

describe('BIND, Unbound, dnsmasq', () => {
  it('BIND: client, port and name, in its own date form with milliseconds', () => {
    const line =
      '23-Nov-2026 08:15:02.123 client @0x7f1c2c0a1b20 10.1.2.3#51514 (evil.example): query: evil.example IN A +E(0)K (10.1.1.1)';
    expect(read(new BindParser(VN), line)).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        srcPort: '51514',
        dstPort: '53',
        proto: 'dns',
        domain: 'evil.example',
      },
      time: vn(2026, 11, 23, 8, 15, 2, 123),
    });
    const plain =
      '23-Nov-2026 08:15:02 queries: info: client 10.1.2.3#51514: view internal: UDP: query: a.example IN A +';
    const r = read(new BindParser(VN), plain);
    expect(r.rec).toMatchObject({ src: '10.1.2.3', domain: 'a.example' });
    expect(r.time).toBe(vn(2026, 11, 23, 8, 15, 2));
    const viaSyslog =
      'Nov 23 08:15:02 ns1 named[811]: client @0x7f 10.1.2.3#51514 (x.example): query: x.example IN A + (10.1.1.1)';
    expect(read(new BindParser(VN), viaSyslog).time).toBe(vn(2026, 11, 23, 8, 15, 2));
    const dated =
      'Nov 23 08:15:02 ns1 named[811]: 23-Nov-2026 08:15:03.5 client 10.1.2.3#1: query: y.example IN A +';
    expect(read(new BindParser(VN), dated).time).toBe(vn(2026, 11, 23, 8, 15, 3));
  });

  it('BIND: skips blank lines, refuses other lines, saying why', () => {
    const p = new BindParser(VN);
    const rec = new LogRecord();
    expect(p.parse('   ', rec)).toBe(Outcome.Skip);
    expect(p.parse('23-Nov-2026 08:15:02.123 general: info: zone loaded', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng nhật ký truy vấn BIND không đọc được (no "query:") / unreadable BIND query line (no "query:")',
    );
    expect(p.parse('23-Nov-2026 08:15:02.123 query: evil.example', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng nhật ký truy vấn BIND không đọc được (query line not in the documented form) / unreadable BIND query line (query line not in the documented form)',
    );
  });

  it('Unbound: the client and name of a query line; reply lines and other unbound lines skipped', () => {
    const line = 'Nov 23 08:15:02 resolver unbound: [1234:0] info: 10.1.2.3 evil.example. A IN';
    expect(read(new UnboundParser(VN), line)).toEqual({
      out: Outcome.Record,
      rec: { ...empty, src: '10.1.2.3', dstPort: '53', proto: 'dns', domain: 'evil.example.' },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
    expect(read(new UnboundParser(VN), line.replace('10.1.2.3', '2001:db8::5')).rec.src).toBe('2001:db8::5');
    const p = new UnboundParser(VN);
    const rec = new LogRecord();
    expect(
      p.parse(
        'Nov 23 08:15:02 resolver unbound: [1234:0] info: 10.1.2.3 evil.example. A IN NOERROR 0.0001 0 45',
        rec,
      ),
    ).toBe(Outcome.Skip);
    expect(
      p.parse('Nov 23 08:15:02 resolver unbound: [1234:0] info: start of service (unbound 1.17.1).', rec),
    ).toBe(Outcome.Skip);
    expect(
      p.parse('Nov 23 08:15:02 resolver unbound: [1234:0] info: resolving evil.example. A IN', rec),
    ).toBe(Outcome.Skip);
    expect(p.parse('Nov 23 08:15:02 resolver unbound: [1234:0] info: 1234 evil.example. A IN', rec)).toBe(
      Outcome.Skip,
    );
    expect(p.parse('Nov 23 08:15:02 resolver unbound: [1234:0] notice: init module 0: validator', rec)).toBe(
      Outcome.Skip,
    );
    expect(p.parse('Nov 23 08:15:02 resolver sshd: accepted', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng nhật ký Unbound không đọc được (no "info:") / unreadable Unbound line (no "info:")',
    );
  });

  it('dnsmasq / Pi-hole: name and client; other dnsmasq lines skipped', () => {
    const line = 'Nov 23 08:15:02 dnsmasq[812]: query[A] evil.example from 10.1.2.3';
    expect(read(new DnsmasqParser(VN), line)).toEqual({
      out: Outcome.Record,
      rec: { ...empty, src: '10.1.2.3', dstPort: '53', proto: 'dns', domain: 'evil.example' },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
    const p = new DnsmasqParser(VN);
    const rec = new LogRecord();
    expect(p.parse('Nov 23 08:15:02 dnsmasq[812]: reply evil.example is 203.0.113.9', rec)).toBe(
      Outcome.Skip,
    );
    expect(p.parse('Nov 23 08:15:02 sshd[1]: accepted', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng nhật ký dnsmasq không đọc được (no "query[...] NAME from ADDRESS") / unreadable dnsmasq line (no "query[...] NAME from ADDRESS")',
    );
  });
});

describe('Sophos', () => {
  const sfos =
    'device="SFW" date=2026-11-23 time=08:15:02 timezone="ICT" device_name="XG" log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" src_mac=00:0C:29:AA:BB:CC src_ip=10.1.2.3 src_trans_ip=198.18.0.1 src_port=51514 dst_ip=203.0.113.9 dst_port=443 protocol="TCP" domain="evil.example"';

  it("SFOS: addresses now, ports, protocol, MAC and NAT on a hit; the line's own zone", () => {
    expect(read(new SophosParser(UTC), sfos)).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
        domain: 'evil.example',
        mac: '00:0c:29:aa:bb:cc',
        natSrc: '198.18.0.1',
      },
      time: vn(2026, 11, 23, 8, 15, 2),
    });
  });

  it('UTM: its own keys, a URL gives the name, protocol numbers, no all-zero MAC', () => {
    const utm =
      '2026:11:23-08:15:02 utm httpproxy[1234]: id="0001" severity="info" sys="SecureWeb" sub="http" name="http access" srcip="10.1.2.3" dstip="203.0.113.9" srcport="51514" dstport="80" proto="6" srcmac="00:00:00:00:00:00" url="http://evil.example/gate.php" tran_src_ip="10.1.2.3"';
    const r = read(new SophosParser(VN), utm);
    expect(r.rec).toEqual({
      ...empty,
      src: '10.1.2.3',
      srcPort: '51514',
      dst: '203.0.113.9',
      dstPort: '80',
      proto: 'tcp',
      url: 'http://evil.example/gate.php',
      domain: 'evil.example',
    });
    expect(r.time).toBe(vn(2026, 11, 23, 8, 15, 2));
    expect(read(new SophosParser(VN), `<30>${utm}`).time).toBe(vn(2026, 11, 23, 8, 15, 2));
    for (const [n, name] of [
      ['17', 'udp'],
      ['1', 'icmp'],
      ['58', 'ipv6-icmp'],
      ['0', ''],
      ['47', '47'],
    ])
      expect(read(new SophosParser(VN), utm.replace('proto="6"', `proto="${n}"`)).rec.proto).toBe(name);
    // Without a destination the URL alone is the connection; an address as host is no name.
    const noDst = utm.replace(' dstip="203.0.113.9"', '').replace('evil.example', '203.0.113.9');
    expect(read(new SophosParser(VN), noDst).rec).toMatchObject({
      dst: '',
      domain: '',
      url: 'http://203.0.113.9/gate.php',
    });
  });

  it('an address in domain= is no name; a URL that is not http(s) is none', () => {
    const r = read(
      new SophosParser(UTC),
      sfos.replace('domain="evil.example"', 'domain="203.0.113.9" url="ftp://x.example/"'),
    );
    expect(r.rec).toMatchObject({ domain: '', url: '' });
    const v6 = read(new SophosParser(UTC), sfos.replace('domain="evil.example"', 'domain="2001:db8::1"'));
    expect(v6.rec.domain).toBe('');
    const both = read(
      new SophosParser(UTC),
      sfos.replace('domain="evil.example"', 'url="https://a.example/x"'),
    );
    expect(both.rec).toMatchObject({ domain: 'a.example', url: 'https://a.example/x' });
  });

  it('times: timestamp= wins; timezone names and offsets; the context without one', () => {
    const t = (line: string, ctx = VN) => read(new SophosParser(ctx), line).time;
    expect(t(`timestamp="2026-11-23T08:15:02+0000" ${sfos}`)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(t(sfos.replace('timezone="ICT"', 'timezone="UTC"'))).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(t(sfos.replace('timezone="ICT"', 'timezone="gmt"'))).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(t(sfos.replace('timezone="ICT"', 'timezone="+01:00"'))).toBe(Date.UTC(2026, 10, 23, 7, 15, 2));
    expect(t(sfos.replace('timezone="ICT"', 'timezone="CET"'), UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(t(sfos.replace('timezone="ICT" ', ''), UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    expect(t(sfos.replace('date=2026-11-23 time=08:15:02 ', ''))).toBeNaN();
  });

  it('skips events without a connection; refuses lines that are not Sophos', () => {
    const p = new SophosParser(UTC);
    const rec = new LogRecord();
    expect(p.parse('log_type="Event" log_component="GUI" user="admin"', rec)).toBe(Outcome.Skip);
    expect(p.parse('log_type="Firewall" log_component="x" src_ip=10.1.2.3', rec)).toBe(Outcome.Skip);
    expect(p.parse('log_type="Firewall" log_component="x" dst_ip=10.1.2.3', rec)).toBe(Outcome.Skip);
    expect(p.parse('log_type="Firewall" src_ip=1.2.3.4 dst_ip=5.6.7.8', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng Sophos không đọc được (no log_type=/log_component= (SFOS) or sys="Secure…" (UTM)) / unreadable Sophos line (no log_type=/log_component= (SFOS) or sys="Secure…" (UTM))',
    );
  });

  it('isSophosLine and valueOf', () => {
    expect(isSophosLine('log_type="x" log_component="y"')).toBe(true);
    expect(isSophosLine('log_component="y"')).toBe(false);
    expect(isSophosLine('a sys="SecureNet"')).toBe(true);
    expect(isSophosLine('sys="SecureNet"')).toBe(false);
    expect(valueOf('start_time=1 time=2', 'time')).toBe('2');
    expect(valueOf('time=5 x=1', 'time')).toBe('5');
    expect(valueOf('a xtime=1', 'time')).toBe('');
    expect(valueOf('a url="http://x/ y', 'url')).toBe('http://x/ y');
    expect(valueOf('a url="" b=1', 'url')).toBe('');
    expect(valueOf('a b=last', 'b')).toBe('last');
  });
});

describe('Squid access.log', () => {
  const line =
    '1795396502.345    120 10.1.2.3 TCP_MISS/200 1520 GET http://evil.example/gate.php - HIER_DIRECT/203.0.113.9 text/html';

  it('reads time, client, URL, name and the server it went to', () => {
    expect(read(new SquidParser(), line)).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        dst: '203.0.113.9',
        proto: 'tcp',
        url: 'http://evil.example/gate.php',
        domain: 'evil.example',
      },
      time: Date.UTC(2026, 10, 23, 1, 15, 2, 345),
    });
  });

  it('CONNECT: host and port, no URL; no server for HIER_NONE/- or a missing field', () => {
    const c =
      '1795396502 5 10.1.2.3 TCP_TUNNEL/200 3000 CONNECT evil.example:443 - HIER_DIRECT/203.0.113.9 -';
    expect(read(new SquidParser(), c).rec).toMatchObject({
      domain: 'evil.example',
      dstPort: '443',
      url: '',
      dst: '203.0.113.9',
    });
    expect(read(new SquidParser(), c.replace('evil.example:443', 'evil.example')).rec).toMatchObject({
      dstPort: '',
      domain: 'evil.example',
    });
    expect(read(new SquidParser(), line.replace('HIER_DIRECT/203.0.113.9', 'HIER_NONE/-')).rec.dst).toBe('');
    expect(read(new SquidParser(), line.replace('HIER_DIRECT/203.0.113.9', 'HIER_NONE/')).rec.dst).toBe('');
    expect(read(new SquidParser(), line.replace('HIER_DIRECT/203.0.113.9', 'HIER_DIRECT')).rec.dst).toBe('');
    expect(
      read(new SquidParser(), '1795396502 5 10.1.2.3 TCP_MISS/200 1 GET http://a.example/').rec,
    ).toMatchObject({ dst: '', domain: 'a.example' });
    expect(read(new SquidParser(), `  ${line}  `).out).toBe(Outcome.Record);
  });

  it('skips blank lines, refuses other lines, saying why', () => {
    const p = new SquidParser();
    const rec = new LogRecord();
    expect(p.parse('  ', rec)).toBe(Outcome.Skip);
    for (const bad of [
      'x 120 10.1.2.3 TCP_MISS/200 1520 GET http://a/',
      '1795396502.5.1 120 10.1.2.3 TCP_MISS/200 1520 GET http://a/',
      '1795396502 120 10.1.2.3 TCP_MISS 1520 GET http://a/',
      '1795396502 120 10.1.2.3 TCP_MISS/200 1520 GET',
    ]) {
      expect(p.parse(bad, rec), bad).toBe(Outcome.Bad);
      expect(p.lastError).toBe(
        'dòng Squid không đọc được (expected "time elapsed client code/status bytes method URL") / unreadable Squid access.log line (expected "time elapsed client code/status bytes method URL")',
      );
    }
  });
});

describe('Suricata eve.json', () => {
  const ev = (o: Record<string, unknown>) =>
    JSON.stringify({
      timestamp: '2026-11-23T08:15:02.345678+0700',
      src_ip: '10.1.2.3',
      src_port: 51514,
      dest_ip: '203.0.113.9',
      dest_port: 443,
      proto: 'TCP',
      ...o,
    });

  it('a flow: addresses, numeric ports as text, protocol, MAC, time with its zone', () => {
    expect(
      read(
        new SuricataParser(),
        ev({ event_type: 'flow', ether: { src_mac: '00:0c:29:aa:bb:cc', dest_mac: 'x' } }),
      ),
    ).toEqual({
      out: Outcome.Record,
      rec: {
        ...empty,
        src: '10.1.2.3',
        srcPort: '51514',
        dst: '203.0.113.9',
        dstPort: '443',
        proto: 'tcp',
        mac: '00:0c:29:aa:bb:cc',
      },
      time: Date.UTC(2026, 10, 23, 1, 15, 2, 345),
    });
  });

  it('dns: the query name (v2 rrname, v3 queries[0]); an answer goes to the device, with its MAC', () => {
    const q = read(
      new SuricataParser(),
      ev({ event_type: 'dns', dns: { type: 'query', rrname: 'evil.example' } }),
    );
    expect(q.rec).toMatchObject({ domain: 'evil.example', deviceIsDst: false });
    const v3 = read(
      new SuricataParser(),
      ev({ event_type: 'dns', dns: { queries: [{ rrname: 'v3.example' }, { rrname: 'x' }] } }),
    );
    expect(v3.rec.domain).toBe('v3.example');
    expect(read(new SuricataParser(), ev({ event_type: 'dns', dns: { queries: ['x'] } })).rec.domain).toBe(
      '',
    );
    expect(read(new SuricataParser(), ev({ event_type: 'dns', dns: { queries: {} } })).rec.domain).toBe('');
    for (const type of ['answer', 'response']) {
      const a = read(
        new SuricataParser(),
        ev({
          event_type: 'dns',
          ether: { src_mac: 's', dest_mac: 'd' },
          dns: { type, rrname: 'evil.example' },
        }),
      );
      expect(a.rec).toMatchObject({ deviceIsDst: true, mac: 'd' });
    }
    const noEther = read(
      new SuricataParser(),
      ev({ event_type: 'dns', dns: { type: 'answer', rrname: 'e.example' } }),
    );
    expect(noEther.rec).toMatchObject({ deviceIsDst: true, mac: '' });
  });

  it('http: host and URL (path joined to the host), tls: the SNI', () => {
    const h = (http: Record<string, unknown>) =>
      read(new SuricataParser(), ev({ event_type: 'http', http })).rec;
    expect(h({ hostname: 'evil.example', url: '/gate.php' })).toMatchObject({
      domain: 'evil.example',
      url: 'http://evil.example/gate.php',
    });
    expect(h({ hostname: 'evil.example:8080', url: 'https://evil.example/x' })).toMatchObject({
      domain: 'evil.example',
      url: 'https://evil.example/x',
    });
    expect(h({ url: '/gate.php' })).toMatchObject({ domain: '', url: '' });
    expect(h({ hostname: 'evil.example' })).toMatchObject({ domain: 'evil.example', url: '' });
    const tls = read(new SuricataParser(), ev({ event_type: 'tls', tls: { sni: 'c2.evil.example' } }));
    expect(tls.rec.domain).toBe('c2.evil.example');
    expect(
      read(new SuricataParser(), ev({ event_type: 'tls', tls: { sni: '' }, dns: { rrname: 'k.example' } }))
        .rec.domain,
    ).toBe('k.example');
  });

  it('skips other event types and events without addresses; refuses what is not a JSON object', () => {
    const p = new SuricataParser();
    const rec = new LogRecord();
    expect(p.parse(ev({ event_type: 'stats' }), rec)).toBe(Outcome.Skip);
    expect(p.parse(JSON.stringify({ event_type: 'alert' }), rec)).toBe(Outcome.Skip);
    expect(p.parse(JSON.stringify({ event_type: 'alert', dest_ip: '203.0.113.9' }), rec)).toBe(
      Outcome.Record,
    );
    expect(p.parse('  ', rec)).toBe(Outcome.Skip);
    expect(p.parse('{"event_type": "flow"', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng eve.json không đọc được (JSON) / unreadable Suricata eve.json line (JSON)',
    );
    for (const notObject of ['[1,2]', '"flow"', 'null'])
      expect(p.parse(notObject, rec), notObject).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng eve.json không đọc được (not a JSON object) / unreadable Suricata eve.json line (not a JSON object)',
    );
    for (const type of ['netflow', 'quic', 'fileinfo', 'anomaly', 'alert'])
      expect(p.parse(ev({ event_type: type }), rec), type).toBe(Outcome.Record);
  });
});

describe('Zeek', () => {
  const header = [
    '#separator \\x09',
    '#set_separator\t,',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\torig_l2_addr',
  ];

  it('TSV: fields by the #fields header, "-" and "(empty)" as nothing, epoch time', () => {
    const p = new ZeekParser();
    const rec = new LogRecord();
    for (const h of header) expect(p.parse(h, rec)).toBe(Outcome.Skip);
    expect(
      p.parse(
        '1795396502.345\tC1\t10.1.2.3\t51514\t203.0.113.9\t53\tUDP\tevil.example\t00:0c:29:aa:bb:cc',
        rec,
      ),
    ).toBe(Outcome.Record);
    rec.complete();
    expect([rec.src, rec.srcPort, rec.dst, rec.dstPort, rec.proto, rec.domain, rec.mac]).toEqual([
      '10.1.2.3',
      '51514',
      '203.0.113.9',
      '53',
      'udp',
      'evil.example',
      '00:0c:29:aa:bb:cc',
    ]);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 345));
    expect(p.parse('1795396502\tC1\t-\t-\t(empty)\t-\ttcp\t-\t-', rec)).toBe(Outcome.Skip);
  });

  it('TSV: another separator; a row of the wrong width and data before #fields are refused', () => {
    const p = new ZeekParser();
    const rec = new LogRecord();
    expect(p.parse('1795396502\t10.1.2.3', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng Zeek không đọc được (no #fields header before the data) / unreadable Zeek line (no #fields header before the data)',
    );
    p.parse('#separator ,', rec);
    p.parse('#fields,ts,id.orig_h,id.resp_h', rec);
    expect(p.parse('1795396502,10.1.2.3,203.0.113.9', rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst]).toEqual(['10.1.2.3', '203.0.113.9']);
    expect(p.parse('1795396502,10.1.2.3', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng Zeek không đọc được (2 fields, header has 3) / unreadable Zeek line (2 fields, header has 3)',
    );
    expect(p.parse('#close,2026-11-23-08-00-00', rec)).toBe(Outcome.Skip);
    expect(p.parse('   ', rec)).toBe(Outcome.Skip);
  });

  it('JSON: http host and uri, ssl server_name, ISO times; nothing to read is skipped', () => {
    const p = new ZeekParser();
    const rec = new LogRecord();
    const j = (o: Record<string, unknown>) => {
      const out = p.parse(JSON.stringify(o), rec);
      rec.complete();
      return out;
    };
    expect(
      j({
        ts: '2026-11-23T01:15:02.345Z',
        'id.orig_h': '10.1.2.3',
        'id.orig_p': 51514,
        host: 'evil.example:8080',
        uri: '/gate.php',
      }),
    ).toBe(Outcome.Record);
    expect([rec.srcPort, rec.domain, rec.url]).toEqual([
      '51514',
      'evil.example',
      'http://evil.example:8080/gate.php',
    ]);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 345));
    j({ ts: 1795396502, 'id.orig_h': '10.1.2.3', host: 'evil.example', uri: 'https://evil.example/x' });
    expect(rec.url).toBe('https://evil.example/x');
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    j({ 'id.orig_h': '10.1.2.3', host: 'evil.example' });
    expect(rec.url).toBe('');
    j({ 'id.orig_h': '10.1.2.3', server_name: 'sni.example', host: 'h.example' });
    expect(rec.domain).toBe('sni.example');
    j({ 'id.orig_h': '10.1.2.3', query: 'q.example', server_name: 'sni.example' });
    expect(rec.domain).toBe('q.example');
    j({ 'id.orig_h': '10.1.2.3', uri: '/x' });
    expect(rec.url).toBe('');
    expect(j({ ts: 1, uid: 'C', 'id.orig_h': '-', query: '(empty)', x: true })).toBe(Outcome.Skip);
    expect(j({ host: 'only.example' })).toBe(Outcome.Record);
    expect(p.parse('{"ts": 1', rec)).toBe(Outcome.Bad);
    expect(p.lastError).toBe('dòng Zeek không đọc được (JSON) / unreadable Zeek line (JSON)');
  });
});
