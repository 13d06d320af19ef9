// DNS server query logs at the edges Stryker found untested (issue 19, module log-dns-servers):
// lines cut down to the message (no time, no syslog header, as a collector or `dnsmasq
// --log-facility=-` writes them), the IPv6 loopback as the client, and first tokens that are not
// addresses. The equivalent survivors are in test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { BindParser, DnsmasqParser, UnboundParser } from './dns-servers';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };

describe('BIND', () => {
  it('a line that starts with "query:" has the word but not the documented form', () => {
    const p = new BindParser(VN);
    expect(p.parse('query: evil.example IN A + (10.1.1.1)', new LogRecord())).toBe(Outcome.Bad);
    expect(p.lastError).toBe(
      'dòng nhật ký truy vấn BIND không đọc được (query line not in the documented form) / unreadable BIND query line (query line not in the documented form)',
    );
  });
});

describe('Unbound', () => {
  it('a query line cut down to its message still names the client and the name (no time)', () => {
    const p = new UnboundParser(VN);
    const rec = new LogRecord();
    expect(p.parse('info: 10.1.2.3 evil.example. A IN', rec)).toBe(Outcome.Record);
    expect([rec.src, rec.domain, rec.dstPort, rec.proto]).toEqual(['10.1.2.3', 'evil.example.', '53', 'dns']);
    expect(rec.time()).toBeNaN();
  });

  it('a message-only line of its own without "info:" is skipped, not refused', () => {
    const p = new UnboundParser(VN);
    expect(p.parse('unbound[1234:0] notice: init module 0: validator', new LogRecord())).toBe(Outcome.Skip);
    expect(p.lastError).toBeUndefined();
  });

  it('a query over the IPv6 loopback ("::1", a colon first and no dot) is a query', () => {
    const p = new UnboundParser(VN);
    const rec = new LogRecord();
    const line = '[1795396502] unbound[1234:0] info: ::1 evil.example. AAAA IN';
    expect(p.parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.domain]).toEqual(['::1', 'evil.example.']);
  });

  it('a first token made of hex letters and dots but not only of them is no client address', () => {
    // "dead.beef.example" starts and ends with hex letters; "zone.cafe" ends with them,
    // "cafe.zone" starts with them: none is an address, so none of these lines is a query.
    const p = new UnboundParser(VN);
    for (const first of ['dead.beef.example', 'zone.cafe', 'cafe.zone', 'fe80::1%eth0'])
      expect(
        p.parse(
          `Nov 23 08:15:02 resolver unbound: [1234:0] info: ${first} evil.example. A IN`,
          new LogRecord(),
        ),
        first,
      ).toBe(Outcome.Skip);
  });
});

describe('dnsmasq', () => {
  it('its own lines written to standard error ("dnsmasq: ...", no time) are skipped, not refused', () => {
    const p = new DnsmasqParser(VN);
    expect(p.parse('dnsmasq: started, version 2.90 cachesize 150', new LogRecord())).toBe(Outcome.Skip);
    expect(p.lastError).toBeUndefined();
    const rec = new LogRecord();
    expect(p.parse('dnsmasq: query[AAAA] evil.example from 10.1.2.3', rec)).toBe(Outcome.Record);
    expect([rec.domain, rec.src]).toEqual(['evil.example', '10.1.2.3']);
  });
});
