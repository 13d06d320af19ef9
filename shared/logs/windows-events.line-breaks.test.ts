// The XML event reader against line breaks (issue 19): wevtutil and Event Viewer exports wrap their
// lines where XML allows white space, e.g. "<Event" at the end of a line and its xmlns on the next.
// The same events with a line break at each such place, one at a time and all at once, must give
// the same records as the events on one line.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import { WindowsEventXmlParser } from './windows-events';
import { recordFields } from '../../test/support/hunt/helpers';

const EVENTS = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Events>',
  '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>',
  "<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>",
  '<EventID>3</EventID><Version>5</Version><TimeCreated SystemTime="2026-11-23T01:15:03.1234567Z"/>',
  '<Computer>PC-KETOAN-01</Computer><Security UserID="S-1-5-18"/></System><EventData>',
  '<Data Name="RuleName">-</Data><Data Name="UtcTime">2026-11-23 01:15:02.345</Data>',
  '<Data Name="Image">C:\\Program Files\\KMSpico\\KMSELDI.exe</Data><Data Name="User"/>',
  '<Data Name="Protocol">tcp</Data><Data Name="SourceIp">10.1.2.3</Data>',
  '<Data Name="SourcePort">51514</Data><Data Name="DestinationIp">203.0.113.9</Data>',
  '<Data Name="DestinationHostname">c2.evil.example</Data><Data Name="DestinationPort">443</Data>',
  '</EventData></Event>',
  '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>1</EventID>',
  '<Computer>PC-KETOAN-01</Computer></System><EventData><Data Name="Image">C:\\Windows\\notepad.exe</Data>',
  '</EventData></Event>',
  '<Event><System><EventID>22</EventID><TimeCreated SystemTime="2026-11-23T01:16:00Z"/>',
  '<Computer>PC-KETOAN-01</Computer></System><EventData><Data Name="QueryName">update.evil.example</Data>',
  '<Data Name="Image">C:\\Users\\a\\AppData\\Local\\Temp\\x.exe</Data></EventData></Event>',
  '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>',
  '<EventID Qualifiers="0">5156</EventID><TimeCreated SystemTime="2026-11-23T01:17:00.5Z"/>',
  '<Computer>SRV-01.corp.local</Computer></System><EventData>',
  '<Data Name="Application">\\device\\harddiskvolume3\\windows\\system32\\svchost.exe</Data>',
  '<Data Name="SourceAddress">10.1.2.4</Data><Data Name="SourcePort">51515</Data>',
  '<Data Name="DestAddress">198.51.100.7</Data><Data Name="DestPort">53</Data>',
  '<Data Name="Protocol">17</Data></EventData></Event>',
  '</Events>',
].join('');

/** Every record of a text read line by line: its fields, evidence and time. */
function read(text: string) {
  const p = new WindowsEventXmlParser();
  const rec = new LogRecord();
  const out: unknown[] = [];
  const keep = () => {
    out.push({ ...recordFields(rec), evidence: rec.evidence, time: rec.time() });
  };
  for (const line of text.split('\n')) {
    let o: Outcome | null = p.parse(line, rec);
    while (o !== null) {
      if (o === Outcome.Record) keep();
      else expect(o, line).toBe(Outcome.Skip);
      o = p.next(rec);
    }
  }
  return out;
}

const NAME = /[\w:.-]/;

/**
 * The places where XML allows white space between tokens: inside a tag after its name (around
 * "=", between attributes, before ">" or "/>"), and between tags, except inside an element whose
 * text is empty (a break there would be its text). Each is an index to insert a line break before.
 */
function breakPlaces(doc: string): number[] {
  const places: number[] = [];
  let i = 0;
  while (i < doc.length) {
    const open = doc.indexOf('<', i);
    if (open < 0) break;
    const close = doc.indexOf('>', open);
    if (doc[open + 1] !== '?') {
      let j = open + 1 + (doc[open + 1] === '/' ? 1 : 0);
      while (NAME.test(doc[j])) j++;
      let quote = '';
      for (let k = j; k <= close; k++) {
        const inName = NAME.test(doc[k - 1]) && NAME.test(doc[k]) && k > j;
        const slashGt = doc[k - 1] === '/' && doc[k] === '>';
        if (quote === '' && !inName && !slashGt) places.push(k);
        if (quote === '' && (doc[k] === '"' || doc[k] === "'")) quote = doc[k];
        else if (doc[k] === quote) quote = '';
      }
    }
    // Between this tag and the next, unless it is a start tag followed by its end tag.
    if (doc[close + 1] === '<') {
      const startTag = doc[open + 1] !== '/' && doc[open + 1] !== '?' && doc[close - 1] !== '/';
      if (!(startTag && doc[close + 2] === '/')) places.push(close + 1);
    }
    i = close + 1;
  }
  return places;
}

describe('Windows event XML export, whatever its line breaks', () => {
  const want = read(EVENTS);

  it('reads the three connection events of the one-line export', () => {
    expect(want).toHaveLength(3);
    expect(want.map((r) => (r as { evidence: string }).evidence)).toEqual([
      'EventID 3 PC-KETOAN-01: 10.1.2.3:51514 → 203.0.113.9:443 c2.evil.example C:\\Program Files\\KMSpico\\KMSELDI.exe',
      'EventID 22 PC-KETOAN-01: update.evil.example C:\\Users\\a\\AppData\\Local\\Temp\\x.exe',
      'EventID 5156 SRV-01.corp.local: 10.1.2.4:51515 → 198.51.100.7:53 \\device\\harddiskvolume3\\windows\\system32\\svchost.exe',
    ]);
  });

  it('the places between tokens include the wraps of wevtutil: after "<Event", before "/>", before the ">" of an end tag', () => {
    const places = new Set(breakPlaces(EVENTS));
    const at = (s: string, off: number) => EVENTS.indexOf(s) + off;
    expect(places.has(at('<Event xmlns', 6))).toBe(true);
    expect(places.has(at('<Event><System><EventID>22', 6))).toBe(true);
    expect(places.has(at('</Event>', 7))).toBe(true);
    expect(places.has(at('"2026-11-23T01:16:00Z"/>', 22))).toBe(true);
    expect(places.has(at('Name="User"', 4))).toBe(true);
    expect(places.has(at('Name="User"', 5))).toBe(true);
    // Not inside a name, a quoted value or an element's text.
    expect(places.has(at('<Event xmlns', 3))).toBe(false);
    expect(places.has(at('"User"', 2))).toBe(false);
    expect(places.has(at('<Data Name="User"/>', 18))).toBe(false);
    expect(places.has(at('<Data Name="RuleName">-</Data>', 22))).toBe(false);
    expect(places.size).toBeGreaterThan(250);
  });

  it('gives the same records with a line break at any one of those places', () => {
    for (const k of breakPlaces(EVENTS)) {
      const text = `${EVENTS.slice(0, k)}\n${EVENTS.slice(k)}`;
      expect(read(text), `${EVENTS.slice(Math.max(0, k - 30), k)}⏎${EVENTS.slice(k, k + 30)}`).toEqual(want);
      // A blank replaced by the line break, as wevtutil wraps "<Event xmlns=...".
      if (EVENTS[k] === ' ') {
        const wrapped = `${EVENTS.slice(0, k)}\n${EVENTS.slice(k + 1)}`;
        expect(read(wrapped), `${EVENTS.slice(Math.max(0, k - 30), k)}⏎`).toEqual(want);
      }
    }
  });

  it('gives the same records with a line break at every one of those places at once, and with indents', () => {
    const places = breakPlaces(EVENTS);
    let all = '';
    let from = 0;
    for (const k of places) {
      all += `${EVENTS.slice(from, k)}\n`;
      from = k;
    }
    all += EVENTS.slice(from);
    expect(all.split('\n').length).toBe(places.length + 1);
    expect(read(all)).toEqual(want);
    expect(read(all.replace(/\n/g, '\n    '))).toEqual(want);
  });
});
