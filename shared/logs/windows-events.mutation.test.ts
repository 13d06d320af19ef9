// Windows event exports at the edges Stryker found untested (issue 19, module log-windows-events, run
// of 2026-12-02 16:21): the Event ID decides the kind of event, the lines around the events in a
// wevtutil export, an export cut in the middle of an event, the 1 MB limit exactly, PowerShell's
// Export-Csv (every field quoted), an empty label in the CSV message. The equivalent survivors are
// in test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { WindowsEventCsvParser, WindowsEventXmlParser } from './windows-events';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };
const MB = 1 << 20;

const SYSMON3 =
  '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>3</EventID>' +
  '<TimeCreated SystemTime="2026-11-23T01:15:03.1234567Z"/><Computer>PC-KETOAN-01</Computer></System><EventData>' +
  '<Data Name="Protocol">tcp</Data><Data Name="SourceIp">10.1.2.3</Data><Data Name="SourcePort">51514</Data>' +
  '<Data Name="DestinationIp">203.0.113.9</Data><Data Name="DestinationPort">443</Data></EventData></Event>';

/** Every outcome of a parser over lines, next() included. */
function outcomes(p: WindowsEventXmlParser, lines: string[], rec: LogRecord): Outcome[] {
  const out: Outcome[] = [];
  for (const line of lines) {
    let o: Outcome | null = p.parse(line, rec);
    while (o !== null) {
      out.push(o);
      o = p.next(rec);
    }
  }
  return out;
}

describe('Windows event XML export, edges', () => {
  it('the Event ID decides the kind: another event that carries the Data names of 3, 22 and 5156 is skipped', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const other =
      '<Event><System><EventID>1</EventID><Computer>PC-01</Computer></System><EventData>' +
      '<Data Name="DestinationIp">203.0.113.9</Data><Data Name="QueryName">c2.evil.example</Data>' +
      '<Data Name="DestAddress">203.0.113.9</Data></EventData></Event>';
    expect(p.parse(other, rec)).toBe(Outcome.Skip);
    expect(p.next(rec)).toBeNull();
  });

  it('an event on one line after the prolog and <Events> of wevtutil spans no line', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Events>', SYSMON3, '</Events>'];
    expect(outcomes(p, lines, rec)).toEqual([Outcome.Skip, Outcome.Skip, Outcome.Record, Outcome.Skip]);
    const rec2 = new LogRecord();
    const p2 = new WindowsEventXmlParser();
    p2.parse(lines[0], rec2);
    p2.parse(lines[1], rec2);
    expect(p2.parse(lines[2], rec2)).toBe(Outcome.Record);
    expect(rec2.spanLines).toBe(0);
    expect(rec2.dst).toBe('203.0.113.9');
  });

  it('an export cut in the middle of an event: the tail before the first whole event is not read', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const tail = SYSMON3.slice(SYSMON3.indexOf('<System>'));
    const q =
      '<Event><System><EventID>22</EventID><Computer>PC-01</Computer></System><EventData>' +
      '<Data Name="QueryName">c2.evil.example</Data></EventData></Event>';
    expect(outcomes(p, [tail + q], rec)).toEqual([Outcome.Record]);
    expect(rec.domain).toBe('c2.evil.example');
    expect(rec.dst).toBe('');
  });

  it('each event once, when the next one starts on the line where one ends', () => {
    const p = new WindowsEventXmlParser();
    const rec = new LogRecord();
    const cut = SYSMON3.indexOf('<EventData>');
    const second = SYSMON3.replace('203.0.113.9', '198.51.100.1');
    const dsts: string[] = [];
    for (const line of [SYSMON3 + second.slice(0, cut), second.slice(cut)]) {
      for (let o: Outcome | null = p.parse(line, rec); o !== null; o = p.next(rec))
        if (o === Outcome.Record) dsts.push(rec.dst);
    }
    expect(dsts).toEqual(['203.0.113.9', '198.51.100.1']);
  });

  it('keeps an unfinished event of exactly 1 MB, drops one a character longer', () => {
    const rec = new LogRecord();
    const open = '<Event><System>';
    const p = new WindowsEventXmlParser();
    expect(p.parse(open, rec)).toBe(Outcome.Skip);
    // The buffer is the first line, a line break and this one.
    expect(p.parse('x'.repeat(MB - open.length - 1), rec)).toBe(Outcome.Skip);
    expect(p.lastError).toBeUndefined();
    const q = new WindowsEventXmlParser();
    q.parse(open, rec);
    expect(q.parse('x'.repeat(MB - open.length), rec)).toBe(Outcome.Bad);
  });
});

describe('Windows event CSV export, edges', () => {
  it('keeps an unfinished row of exactly 1 MB, drops one a character longer', () => {
    const rec = new LogRecord();
    const open = 'Information,11/23/2026 8:15:02 AM,Sysmon,3,x,"DestinationIp: 203.0.113.9';
    const p = new WindowsEventCsvParser(UTC);
    expect(p.parse(open, rec)).toBe(Outcome.Skip);
    expect(p.parse('x'.repeat(MB - open.length - 1), rec)).toBe(Outcome.Skip);
    expect(p.lastError).toBeUndefined();
    const q = new WindowsEventCsvParser(UTC);
    q.parse(open, rec);
    expect(q.parse('x'.repeat(MB - open.length), rec)).toBe(Outcome.Bad);
  });

  it('keeps a row of exactly 1 MB after the header and after a runaway row, as in a file: what came before does not count', () => {
    // Run of 2026-12-02 21:01: the buffer left after a row (the header here) and after a dropped
    // runaway row must be empty, or its text counts toward the next row's 1 MB.
    const p = new WindowsEventCsvParser(UTC);
    const rec = new LogRecord();
    const open = (dst: string) =>
      `Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,x,"DestinationIp: ${dst}`;
    // The first two lines of a row are exactly 1 MB with the line break between them.
    const row = (dst: string) => [open(dst), 'x'.repeat(MB - open(dst).length - 1), 'DestinationPort: 443"'];
    const read = (lines: string[]) =>
      lines.map((l) => {
        const o = p.parse(l, rec);
        return o === Outcome.Record ? `${rec.dst}:${rec.dstPort} span ${rec.spanLines}` : o;
      });
    const S = Outcome.Skip;
    expect(read(['Level,Date and Time,Source,Event ID,Task Category'])).toEqual([S]);
    expect(read(row('203.0.113.9'))).toEqual([S, S, '203.0.113.9:443 span 2']);
    // A row whose message does not close within 1 MB: dropped, with the reason.
    expect(read([...row('192.0.2.1').slice(0, 2), 'x'])).toEqual([S, S, Outcome.Bad]);
    expect(p.lastError).toContain('1 MB');
    expect(read(row('198.51.100.7'))).toEqual([S, S, '198.51.100.7:443 span 2']);
  });

  it('reads a row of PowerShell Export-Csv, every field quoted, on one line or over lines', () => {
    const p = new WindowsEventCsvParser(UTC);
    const rec = new LogRecord();
    const row =
      '"Information","11/23/2026 8:15:02 AM","Microsoft-Windows-Sysmon","3","Network connection detected (rule: NetworkConnect)","Network connection detected:\nSourceIp: 10.1.2.3\nDestinationIp: 203.0.113.9\nDestinationPort: 443"';
    expect(p.parse(row, rec)).toBe(Outcome.Record);
    expect([rec.src, rec.dst, rec.dstPort]).toEqual(['10.1.2.3', '203.0.113.9', '443']);
    // The same row as the file holds it: the message over four lines.
    const outs = row.split('\n').map((l) => p.parse(l, rec));
    expect(outs).toEqual([Outcome.Skip, Outcome.Skip, Outcome.Skip, Outcome.Record]);
    expect([rec.src, rec.dst, rec.spanLines]).toEqual(['10.1.2.3', '203.0.113.9', 3]);
  });

  it('an empty label is not the field: a Sysmon 3 message whose DestinationIp is empty is skipped, a later one is read', () => {
    const p = new WindowsEventCsvParser(UTC);
    const rec = new LogRecord();
    expect(
      p.parse('Information,11/23/2026 8:15:02 AM,Sysmon,3,x,"SourceIp: 10.1.2.3\nDestinationIp: "', rec),
    ).toBe(Outcome.Skip);
    expect(
      p.parse(
        'Information,11/23/2026 8:15:02 AM,Sysmon,3,x,"DestinationIp:\nSourceIp: 10.1.2.3\nDestinationIp: 203.0.113.9"',
        rec,
      ),
    ).toBe(Outcome.Record);
    expect(rec.dst).toBe('203.0.113.9');
  });
});
