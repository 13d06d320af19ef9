// FortiGate lines at the edges the log-firewalls-asa-fortigate mutation run (issue 19, 2026-12-02
// 17:19 UTC) found untested: a line cut short after its source (syslog's length limit), and a
// srcip= that is only text inside a quoted message. The equivalent survivors are in
// test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { FortigateParser } from './firewalls';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };

describe('FortiGate', () => {
  it('a traffic line cut short after its source has no destination', () => {
    const rec = new LogRecord();
    const line =
      'date=2026-11-23 time=08:15:02 devname="FGT60F" devid="FGT60FTK2009" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.1.2.3 srcport=51514';
    expect(new FortigateParser(UTC).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.srcPort, rec.dst, rec.dstPort, rec.proto]).toEqual([
      '10.1.2.3',
      '51514',
      '',
      '',
      '',
    ]);
  });

  it('a srcip= inside a quoted message is no source', () => {
    const rec = new LogRecord();
    const line =
      'date=2026-11-23 time=08:15:02 devname="FGT60F" logid="0100032002" type="event" subtype="system" msg="Administrator admin login failed from https(srcip=10.1.2.3)"';
    expect(new FortigateParser(UTC).parse(line, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst]).toEqual(['', '']);
  });
});
