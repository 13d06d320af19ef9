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
});
