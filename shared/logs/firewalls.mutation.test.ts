// Firewall lines at the edges Stryker found untested (issue 19, modules log-firewalls and
// log-firewalls-asa-fortigate): lines cut down to the message (a collector that forwards only the
// syslog message), lines cut short after the addresses (syslog's length limit), a MikroTik rule's
// log prefix that holds text of its own. The equivalent survivors are in test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { CiscoAsaParser, FilterlogParser, FortigateParser, MikrotikParser } from './firewalls';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };

const fields = (rec: LogRecord) => ({
  src: rec.src,
  srcPort: rec.srcPort,
  dst: rec.dst,
  dstPort: rec.dstPort,
  proto: rec.proto,
});

describe('filterlog', () => {
  it('the message alone, starting with its tag, is read (no time)', () => {
    const rec = new LogRecord();
    const p = new FilterlogParser(VN);
    const line =
      'filterlog[51234]: 5,,,1000000103,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp,60,10.1.2.3,203.0.113.9,51514,443,0,S,123456789,,64240,,mss';
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '10.1.2.3',
      srcPort: '51514',
      dst: '203.0.113.9',
      dstPort: '443',
      proto: 'tcp',
    });
  });

  it('a tcp or udp line cut after the addresses, or after the source port, has no ports it lacks', () => {
    const p = new FilterlogParser(VN);
    const v4 =
      'Nov 23 08:15:02 pfsense filterlog[51234]: 5,,,1000000103,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp,60,10.1.2.3,203.0.113.9';
    const v6 =
      'Nov 23 08:15:02 opnsense filterlog[51234]: 80,,,1000000103,igb1,match,pass,out,6,0x00,0x00000,64,UDP,17,40,2001:db8::5,2001:db8:bad::1';
    const read = (line: string) => {
      const rec = new LogRecord();
      expect(p.parse(line, rec), line).toBe(Outcome.Record);
      return [rec.src, rec.dst, rec.srcPort, rec.dstPort];
    };
    expect(read(v4)).toEqual(['10.1.2.3', '203.0.113.9', '', '']);
    expect(read(`${v4},51514`)).toEqual(['10.1.2.3', '203.0.113.9', '51514', '']);
    expect(read(v6)).toEqual(['2001:db8::5', '2001:db8:bad::1', '', '']);
    expect(read(`${v6},51514`)).toEqual(['2001:db8::5', '2001:db8:bad::1', '51514', '']);
  });
});

describe('MikroTik', () => {
  it('the message alone, starting with "proto", is read', () => {
    const rec = new LogRecord();
    expect(
      new MikrotikParser(VN).parse('proto TCP (SYN), 10.1.2.3:51514->203.0.113.9:443, len 60', rec),
    ).toBe(Outcome.Record);
    expect(fields(rec)).toEqual({
      src: '10.1.2.3',
      srcPort: '51514',
      dst: '203.0.113.9',
      dstPort: '443',
      proto: 'tcp',
    });
  });

  it('refuses a line without "proto", or with no arrow after it, each with its reason', () => {
    const p = new MikrotikParser(VN);
    const noProto =
      'Nov 23 08:15:02 router firewall,info forward: in:bridge out:ether1, 10.1.2.3:51514->203.0.113.9:443, len 60';
    expect(p.parse(noProto, new LogRecord())).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng tường lửa MikroTik không đọc được (no "proto ... a->b") / unreadable MikroTik firewall line (no "proto ... a->b")',
    );
    const noArrow =
      'Nov 23 08:15:02 router firewall,info forward: in:bridge out:ether1, proto TCP (SYN), len 60';
    expect(p.parse(noArrow, new LogRecord())).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng tường lửa MikroTik không đọc được (no "proto ... a->b") / unreadable MikroTik firewall line (no "proto ... a->b")',
    );
  });

  it('a source MAC at the very start of the message is read', () => {
    const rec = new LogRecord();
    const line = 'src-mac 00:0c:29:aa:bb:cc, proto UDP, 10.1.2.3:51514->203.0.113.9:53, len 40';
    expect(new MikrotikParser(VN).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.mac, rec.src, rec.dstPort]).toEqual(['00:0c:29:aa:bb:cc', '10.1.2.3', '53']);
  });

  it('a log prefix that says "NAT (…)" gives no NAT source when the addresses end the line', () => {
    const rec = new LogRecord();
    const line =
      'Nov 23 08:15:02 router firewall,info NAT (a->b) check forward: in:bridge out:ether1, proto TCP (SYN), 10.1.2.3:51514->203.0.113.9:443';
    expect(new MikrotikParser(VN).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dstPort, rec.natSrc]).toEqual(['10.1.2.3', '443', '']);
  });

  it('a log prefix that says "NAT (…)" is not the NAT of the connection', () => {
    const rec = new LogRecord();
    const line =
      'Nov 23 08:15:02 router firewall,info NAT (a->b) check forward: in:bridge out:ether1, connection-state:new proto TCP (SYN), 10.1.2.3:51514->203.0.113.9:443, NAT (10.1.2.3:51514->198.18.0.1:51514)->203.0.113.9:443, len 60';
    expect(new MikrotikParser(VN).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst, rec.natSrc]).toEqual(['10.1.2.3', '203.0.113.9', '198.18.0.1']);
  });
});

describe('Cisco ASA', () => {
  it('the message alone, starting with "%ASA-" or "%FTD-", is read', () => {
    for (const tag of ['%ASA', '%FTD']) {
      const rec = new LogRecord();
      const line = `${tag}-6-302013: Built outbound TCP connection 3312 for outside:203.0.113.9/443 (203.0.113.9/443) to inside:10.1.2.3/51514 (198.18.0.1/51514)`;
      expect(new CiscoAsaParser(VN).parse(line, rec), tag).toBe(Outcome.Record);
      expect([rec.src, rec.dst, rec.natSrc], tag).toEqual(['10.1.2.3', '203.0.113.9', '198.18.0.1']);
    }
  });
});

describe('FortiGate', () => {
  it('a system event that starts with logid= (a FortiAnalyzer export) is skipped, not refused', () => {
    const p = new FortigateParser(UTC);
    const line =
      'logid="0100032001" type="event" subtype="system" level="information" msg="Administrator admin logged in"';
    expect(p.parse(line, new LogRecord())).toBe(Outcome.Skip);
    expect(p.lastError).toBeUndefined();
  });

  it('a path whose query carries another URL is joined to the host, not taken for the URL', () => {
    const rec = new LogRecord();
    const line =
      'type="utm" subtype="webfilter" srcip=10.1.2.3 dstip=203.0.113.9 dstport=443 hostname="shop.example" url="/out?to=http://evil.example/"';
    expect(new FortigateParser(UTC).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.domain, rec.url]).toEqual([
      'shop.example',
      'https://shop.example/out?to=http://evil.example/',
    ]);
  });
});
