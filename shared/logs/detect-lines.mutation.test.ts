// Format detection, second pass (issue 19): the survivors of the log-common-detect run of
// 2026-12-02 17:13–17:51 UTC. Each program needs both of its marks; a line of another format
// behind a syslog header is not that format (its readers take fields by position); an XML export's
// prolog and root each count. The equivalent survivors are in test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { detectFormat, syslogLineFormat } from './detect';

describe('syslogLineFormat: a program is known by both of its marks', () => {
  it('one mark alone is another program', () => {
    for (const line of [
      'Nov 23 08:15:02 gw app: devname="FGT60F" is reachable',
      'Nov 23 08:15:02 gw app: log_type="Firewall"',
      'Nov 23 08:15:02 gw sshd[1]: Accepted publickey for admin from 10.1.2.3 port 51514',
      'Nov 23 08:15:02 gw ntpd[1]: info: clock synchronized',
      'Nov 23 08:15:02 gw app: client 10.1.2.3 connected',
      'Nov 23 08:15:02 gw kernel: bridge: port 1(ether1) -> forwarding',
    ])
      expect(syslogLineFormat(line), line).toBeNull();
  });

  it('a Sophos XG message that starts with log_type= is Sophos', () => {
    const line =
      'log_type="Firewall" log_component="Firewall Rule" src_ip=10.1.2.3 src_port=51514 dst_ip=203.0.113.9 dst_port=443';
    expect(syslogLineFormat(line)).toBe('sophos');
  });
});

describe('detectFormat', () => {
  it('a Windows Firewall or Squid line behind a syslog header is syslog, not that format', () => {
    expect(
      detectFormat([
        'Nov 23 08:15:02 pc1 2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - - - - - - - SEND',
      ]),
    ).toBe('syslog');
    expect(
      detectFormat([
        'Nov 23 08:15:02 proxy squid[812]: 1795396502.345    120 10.1.2.3 TCP_MISS/200 1520 GET http://evil.example/ - HIER_DIRECT/203.0.113.9 text/html',
      ]),
    ).toBe('syslog');
  });

  it('a Windows DNS debug line forwarded with a syslog header is still the DNS log', () => {
    const line =
      'Nov 23 08:15:02 dns1 11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Rcv 10.1.2.3 a1b2   Q [0001   D   NOERROR] A      (4)evil(7)example(0)';
    expect(detectFormat([line, line])).toBe('windows-dns');
  });

  it("an XML export's prolog and its <Events> root each count twice", () => {
    const fw = '2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - - - - - - - SEND';
    expect(detectFormat(['<?xml version="1.0" encoding="UTF-8"?>', '<Events>', fw, fw, fw])).toBe(
      'windows-event-xml',
    );
  });
});
