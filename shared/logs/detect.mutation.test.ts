// Format detection and the syslog dispatcher at the edges the log-common-detect mutation run
// (issue 19) found untested: a line that is only the program's message (a collector that forwards
// the syslog message without its header, so the program's mark starts the line), an XML export
// whose first line also holds its first event, the Source column of an Event Viewer CSV, and the
// reason of a bad line kept over good ones. The equivalent survivors are in
// test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { SyslogParser, detectFormat, syslogLineFormat } from './detect';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';

const VN: TimeContext = { offsetMinutes: 420, referenceMs: Date.UTC(2026, 11, 1) };

/** Syslog messages without their header: each starts with the mark its program is known by. */
const MESSAGES: [string, string][] = [
  [
    'filterlog',
    'filterlog[51234]: 5,,,1000000103,igb1,match,pass,in,4,0x0,,64,4242,0,DF,6,tcp,60,10.1.2.3,203.0.113.9,51514,443,0,S,123456789,,64240,,mss',
  ],
  [
    'cisco-asa',
    '%ASA-6-302013: Built outbound TCP connection 3312 for outside:203.0.113.9/443 (203.0.113.9/443) to inside:10.1.2.3/51514 (198.18.0.1/51514)',
  ],
  [
    'cisco-asa',
    '%FTD-6-302015: Built inbound UDP connection 3313 for inside:10.1.2.3/51514 (10.1.2.3/51514) to outside:203.0.113.9/53 (203.0.113.9/53)',
  ],
  ['fortigate', 'srcip=10.1.2.3 srcport=51514 dstip=203.0.113.9 dstport=443 proto=6 action="accept"'],
  [
    'sophos',
    'log_component="Firewall Rule" log_type="Firewall" src_ip=10.1.2.3 src_port=51514 dst_ip=203.0.113.9 dst_port=443 protocol="TCP"',
  ],
  ['dnsmasq', 'query[A] evil.example from 10.1.2.3'],
  ['unbound', 'unbound: [1234:0] info: 10.1.2.3 evil.example. A IN'],
  ['bind', 'client @0x7f1c2c0a1b20 10.1.2.3#51514 (evil.example): query: evil.example IN A + (10.1.1.1)'],
  ['mikrotik', 'proto TCP (SYN), 10.1.2.3:51514->203.0.113.9:443, len 60'],
];

describe('a syslog message whose program mark starts the line', () => {
  it('is known by syslogLineFormat, and the file is syslog', () => {
    for (const [format, line] of MESSAGES) {
      expect(syslogLineFormat(line), line).toBe(format);
      expect(detectFormat([line]), line).toBe('syslog');
    }
  });

  it('is read by the dispatcher as a record of its program', () => {
    for (const [format, line] of MESSAGES) {
      const p = new SyslogParser(VN);
      const rec = new LogRecord();
      expect(p.parse(line, rec), line).toBe(Outcome.Record);
      expect([...p.seen], line).toEqual([format]);
      expect(rec.src, line).toBe('10.1.2.3');
    }
  });

  it('a FortiGate system event that starts with devname= or logid= is FortiGate (skipped: no connection)', () => {
    for (const line of [
      'devname="FGT60F" devid="FGT60FTK2009" logid="0100032001" type="event" subtype="system" msg="Administrator admin logged in"',
      'logid="0100032001" type="event" subtype="system" devname="FGT60F" msg="Administrator admin logged in"',
    ]) {
      expect(syslogLineFormat(line), line).toBe('fortigate');
      expect(new SyslogParser(VN).parse(line, new LogRecord()), line).toBe(Outcome.Skip);
    }
  });
});

describe('detectFormat', () => {
  const fw = '2026-11-23 08:15:02 ALLOW TCP 10.1.2.3 203.0.113.9 51514 443 0 - - - - - - - SEND';

  it('a first line that opens the export and holds its first event counts once, as the export', () => {
    // Scores: the XML export 2, the firewall 3: the firewall wins (it would tie, and the export
    // met first win, if the line counted again as an event).
    expect(
      detectFormat([
        '<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">',
        fw,
        fw,
        fw,
      ]),
    ).toBe('windows-firewall');
    expect(detectFormat(['<?xml version="1.0"?><Event xmlns="x">', fw, fw, fw])).toBe('windows-firewall');
  });

  it('an Event Viewer CSV row has its Source in the third column; its header starts the line', () => {
    expect(
      detectFormat([
        'Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,Network connection detected',
      ]),
    ).toBe('windows-event-csv');
    expect(
      detectFormat([
        'x,Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,Network connection detected',
      ]),
    ).toBeNull();
    expect(detectFormat(['Level,Date and Time,Source,Event ID,Task Category'])).toBe('windows-event-csv');
    expect(detectFormat(['Export: Level,Date and Time,Source,Event ID,Task Category'])).toBeNull();
  });
});

describe('the syslog dispatcher', () => {
  it('keeps the reason of the last bad line while good lines follow', () => {
    const p = new SyslogParser(VN);
    const rec = new LogRecord();
    expect(p.parse('Nov 23 2026 08:15:02: %ASA-6-302013: Built nonsense', rec)).toBe(Outcome.Bad);
    const why = p.lastError;
    expect(why).toContain('unreadable Cisco ASA line');
    expect(p.parse('Nov 23 08:15:02 gw dnsmasq[812]: query[A] evil.example from 10.1.2.3', rec)).toBe(
      Outcome.Record,
    );
    expect(p.lastError).toBe(why);
  });
});
