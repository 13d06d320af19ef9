// Sophos and Squid lines at the edges Stryker found untested (issue 19, module log-proxies): the
// SFOS keys in another order, a URL scheme in capitals, a three-digit syslog priority before a
// UTM stamp. The equivalent survivors are in test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { SophosParser, isSophosLine } from './sophos';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };
const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };

describe('Sophos', () => {
  it('an SFOS line is one whichever of log_type= and log_component= comes first', () => {
    expect(isSophosLine('log_component="Firewall Rule" log_type="Firewall" src_ip=10.1.2.3')).toBe(true);
    const rec = new LogRecord();
    const p = new SophosParser(UTC);
    expect(
      p.parse('log_component="Firewall Rule" log_type="Firewall" src_ip=10.1.2.3 dst_ip=203.0.113.9', rec),
    ).toBe(Outcome.Record);
    expect([rec.src, rec.dst]).toEqual(['10.1.2.3', '203.0.113.9']);
  });

  it('a URL whose scheme is in capitals is still a URL, and names the host', () => {
    const rec = new LogRecord();
    const line =
      'device="SFW" date=2026-11-23 time=08:15:02 timezone="ICT" log_type="Content Filtering" log_component="HTTP" src_ip=10.1.2.3 dst_ip=203.0.113.9 url="HTTPS://evil.example/gate.php"';
    expect(new SophosParser(UTC).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.url, rec.domain]).toEqual(['HTTPS://evil.example/gate.php', 'evil.example']);
  });

  it('UTM: a syslog priority of three digits before the local stamp', () => {
    const rec = new LogRecord();
    const line =
      '<134>2026:11:23-08:15:02 utm ulogd[12511]: id="2001" severity="info" sys="SecureNet" sub="packetfilter" srcip="10.1.2.3" dstip="203.0.113.9" proto="17" srcport="5319" dstport="5060"';
    expect(new SophosParser(VN).parse(line, rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
  });

  // Survivors of the log-proxies run of 2026-12-02 17:00–17:26 UTC.
  it('UTM: the MAC of srcmac= and the ports of srcport=/dstport= are read for a hit', () => {
    const rec = new LogRecord();
    const line =
      '2026:11:23-08:15:02 utm ulogd[12511]: id="2001" severity="info" sys="SecureNet" sub="packetfilter" name="Packet filter rule #12" action="accept" fwrule="12" initf="eth1" srcmac="1A:FC:2B:33:4D:5F" dstmac="00:1a:8c:f0:a1:01" srcip="10.1.2.3" dstip="203.0.113.9" proto="17" length="52" srcport="5319" dstport="5060"';
    expect(new SophosParser(VN).parse(line, rec)).toBe(Outcome.Record);
    rec.complete();
    expect([rec.mac, rec.srcPort, rec.dstPort, rec.proto]).toEqual([
      '1a:fc:2b:33:4d:5f',
      '5319',
      '5060',
      'udp',
    ]);
  });

  it('SFOS up to v18: the NAT source of tran_src_ip=', () => {
    const rec = new LogRecord();
    const line =
      'device="SFW" date=2018-05-30 time=13:14:26 timezone="ICT" device_name="XG230" log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed" status="Allow" src_mac=b8:97:5a:5b:0f:fd src_ip=10.198.32.19 dst_ip=1.128.3.4 protocol="UDP" src_port=1353 dst_port=53 tran_src_ip=81.2.69.144 tran_src_port=0';
    expect(new SophosParser(UTC).parse(line, rec)).toBe(Outcome.Record);
    rec.complete();
    expect([rec.natSrc, rec.mac, rec.proto]).toEqual(['81.2.69.144', 'b8:97:5a:5b:0f:fd', 'udp']);
  });

  it('SFOS: an ambiguous zone (IST) is read in the zone of --tz, a known one (ICT) in its own', () => {
    const rec = new LogRecord();
    const line = (zone: string) =>
      `device="SFW" date=2026-11-23 time=08:15:02 timezone="${zone}" log_type="Firewall" log_component="Firewall Rule" src_ip=10.1.2.3 dst_ip=203.0.113.9`;
    const p = new SophosParser({ offsetMinutes: 60, referenceMs: Date.UTC(2026, 11, 1) });
    expect(p.parse(line('IST'), rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 7, 15, 2));
    expect(p.parse(line('ICT'), rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
  });

  it('SFOS web filter: domain= names the host when url= is empty, and a url= that is not http(s) is no URL', () => {
    const rec = new LogRecord();
    const p = new SophosParser(UTC);
    const base =
      'device="SFW" date=2026-11-23 time=08:15:02 timezone="ICT" log_type="Content Filtering" log_component="HTTP" src_ip=10.1.2.3 dst_ip=203.0.113.9';
    expect(p.parse(`${base} domain="evil.example" url=""`, rec)).toBe(Outcome.Record);
    expect([rec.domain, rec.url]).toEqual(['evil.example', '']);
    expect(p.parse(`${base} domain="evil.example" url="/gate.php?next=https://other.example/"`, rec)).toBe(
      Outcome.Record,
    );
    expect([rec.domain, rec.url]).toEqual(['evil.example', '']);
  });
});
