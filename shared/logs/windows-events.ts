// Windows events that describe connections, as XML (Event Viewer "Save as XML", or
// `wevtutil qe Microsoft-Windows-Sysmon/Operational /f:xml`, one <Event> per line or spread over
// many lines, several on one line) and as Event Viewer's CSV export:
// - Sysmon Event ID 3 (network connection): SourceIp, SourcePort, DestinationIp, DestinationPort,
//   DestinationHostname, Protocol; Event ID 22 (DNS query): QueryName, asked by the computer itself;
// - Security 5156 (Windows Filtering Platform permitted a connection): SourceAddress, SourcePort,
//   DestAddress, DestPort, Protocol (6/17).
// XML times are UTC (SystemTime); the CSV's "Date and Time" column is local time of the PC, and
// Sysmon's message also carries UtcTime, which wins.
import { splitCsvLine } from '../parsers/csv';
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { isoLikeMs } from './time';
import { WindowsDnsParser } from './windows-dns';
import { bilingual } from '../i18n';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };
/** An event longer than this is not one we read (a runaway file): it is dropped with a warning. */
const MAX_EVENT_CHARS = 1 << 20;
const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** Decodes the five XML entities and numeric references. */
function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      // A reference past Unicode (a damaged or hostile file) is one unreadable character, not the
      // end of the file: String.fromCodePoint would throw.
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
  });
}

/** The fields of one event, by name: EventID, Computer, SystemTime and every <Data Name=...>. */
export type EventFields = Map<string, string>;

/** Fills a record from an event's fields; Skip for events that are not connections or queries. */
function fromFields(f: EventFields, rec: LogRecord): Outcome {
  const id = f.get('EventID') ?? '';
  const computer = f.get('Computer') ?? '';
  rec.reset();
  if (id === '3' && f.has('DestinationIp')) {
    rec.src = f.get('SourceIp') ?? '';
    rec.srcPort = f.get('SourcePort') ?? '';
    rec.dst = f.get('DestinationIp') ?? '';
    rec.dstPort = f.get('DestinationPort') ?? '';
    rec.proto = (f.get('Protocol') ?? '').toLowerCase();
    const host = f.get('DestinationHostname') ?? '';
    if (host !== '' && host !== '-') rec.domain = host;
    rec.hostname = computer || (f.get('SourceHostname') ?? '');
  } else if (id === '22' && f.has('QueryName')) {
    rec.domain = f.get('QueryName') ?? '';
    rec.hostname = computer;
    rec.proto = 'dns';
  } else if (id === '5156' && f.has('DestAddress')) {
    rec.src = f.get('SourceAddress') ?? '';
    rec.srcPort = f.get('SourcePort') ?? '';
    rec.dst = f.get('DestAddress') ?? '';
    rec.dstPort = f.get('DestPort') ?? '';
    const p = f.get('Protocol') ?? '';
    rec.proto = PROTOCOLS[p] ?? p;
    rec.hostname = computer;
  } else return Outcome.Skip;
  const image = f.get('Image') ?? f.get('Application') ?? '';
  rec.evidence = `EventID ${id}${computer ? ` ${computer}` : ''}: ${[
    rec.src && `${rec.src}:${rec.srcPort}`,
    rec.dst && `→ ${rec.dst}:${rec.dstPort}`,
    rec.domain,
    image,
  ]
    .filter(Boolean)
    .join(' ')}`;
  rec.timeText = f.get('UtcTime') ?? f.get('SystemTime') ?? '';
  return Outcome.Record;
}

/** Reads the fields of one <Event>...</Event> text. */
export function eventXmlFields(xml: string): EventFields {
  const f: EventFields = new Map();
  // XML allows white space, so a line break, before the ">" of any tag.
  const id = /<EventID(?:\s[^>]*)?>\s*(\d+)\s*<\/EventID\s*>/.exec(xml);
  if (id) f.set('EventID', id[1]);
  const computer = /<Computer\s*>([^<]*)<\/Computer\s*>/.exec(xml);
  if (computer) f.set('Computer', unescapeXml(computer[1]));
  const created = /<TimeCreated\s+SystemTime\s*=\s*["']([^"']+)["']/.exec(xml);
  if (created) f.set('SystemTime', created[1]);
  const data = /<Data\s+Name\s*=\s*["']([^"']+)["']\s*(?:\/>|>([^<]*)<\/Data\s*>)/g;
  for (let m = data.exec(xml); m; m = data.exec(xml)) f.set(m[1], unescapeXml(m[2] ?? ''));
  return f;
}

/**
 * Finds "<Event>" or "<Event " (not <Events>, <EventID>, <EventData>) from `from`; also "<Event" at
 * the end of the text, whose attributes or ">" are on the next line (wevtutil and Event Viewer
 * exports wrap there).
 */
function eventStart(s: string, from: number): number {
  let i = s.indexOf('<Event', from);
  while (i >= 0) {
    if (i + 6 === s.length) return i;
    const c = s.charCodeAt(i + 6);
    if (c === 62 || c === 32 || c === 9 || c === 10 || c === 13) return i;
    i = s.indexOf('<Event', i + 6);
  }
  return -1;
}

/** Finds the next "</Event>", white space before its ">" allowed: [start, end] or null. */
function eventEnd(s: string, from: number): [number, number] | null {
  let i = s.indexOf('</Event', from);
  while (i >= 0) {
    let j = i + 7;
    while (j < s.length && /\s/.test(s[j])) j++;
    if (s.charCodeAt(j) === 62) return [i, j + 1];
    i = s.indexOf('</Event', i + 7);
  }
  return null;
}

/** A parser for XML event exports (Sysmon 3/22, Security 5156; other events are skipped). */
export class WindowsEventXmlParser implements LineParser {
  readonly format = 'windows-event-xml' as const;
  lastError?: string;
  private buffer = '';
  private bufferLines = 0;
  /** Complete events found on the current line, and how many lines back each began. */
  private readonly ready: { xml: string; span: number }[] = [];

  parse(line: string, rec: LogRecord): Outcome {
    this.ready.length = 0;
    let text: string;
    if (this.buffer !== '') {
      text = this.buffer + '\n' + line;
    } else {
      const start = eventStart(line, 0);
      if (start < 0) return Outcome.Skip; // <?xml ...?>, <Events>, </Events>
      text = line.slice(start);
      this.bufferLines = 0;
    }
    let pos = 0;
    for (;;) {
      const end = eventEnd(text, pos);
      if (end === null) break;
      this.ready.push({ xml: text.slice(pos, end[0]), span: this.bufferLines });
      this.bufferLines = 0;
      const next = eventStart(text, end[1]);
      if (next < 0) {
        pos = text.length;
        break;
      }
      pos = next;
    }
    this.buffer = pos < text.length ? text.slice(pos) : '';
    if (this.buffer !== '') this.bufferLines++;
    if (this.buffer.length > MAX_EVENT_CHARS) {
      this.buffer = '';
      this.lastError = bilingual('msg.log.eventTooLong');
      return Outcome.Bad;
    }
    return this.next(rec) ?? Outcome.Skip;
  }

  next(rec: LogRecord): Outcome | null {
    for (;;) {
      const ev = this.ready.shift();
      if (ev === undefined) return null;
      const out = fromFields(eventXmlFields(ev.xml), rec);
      if (out === Outcome.Skip) continue;
      rec.spanLines = ev.span;
      rec.reader = this;
      return out;
    }
  }

  time(rec: LogRecord): number {
    return isoLikeMs(rec.timeText, UTC);
  }
}

/**
 * Event Viewer's "Save All Events As... CSV": a header `Level,Date and Time,Source,Event ID,Task
 * Category` and one record per event whose last field is the message, quoted, over many lines
 * ("SourceIp: 10.1.2.3", "Source Address:\t10.1.2.3"). The header may be in the display language:
 * the columns are found by position (Date and Time 2nd, Event ID 4th, message last).
 */
export class WindowsEventCsvParser implements LineParser {
  readonly format = 'windows-event-csv' as const;
  lastError?: string;
  private buffer = '';
  private bufferLines = 0;
  private readonly local: WindowsDnsParser;

  constructor(ctx: TimeContext) {
    // The regional date reader of the DNS debug log reads "Date and Time" the same way.
    this.local = new WindowsDnsParser(ctx);
  }

  parse(line: string, rec: LogRecord): Outcome {
    if (this.buffer !== '' && ROW_HEAD.test(line)) {
      // The buffered row never closed its quote (a stray quote in its message, or a row cut short)
      // and a new row starts here: read on from this row, in step, and say the broken one was
      // not read (otherwise every later message would be paired with the next row's quote).
      this.buffer = '';
      this.bufferLines = 0;
      const out = this.parse(line, rec);
      if (out !== Outcome.Skip) return out;
      this.lastError = bilingual('msg.log.eventQuoteUnclosed');
      return Outcome.Bad;
    }
    const text = this.buffer === '' ? line : `${this.buffer}\n${line}`;
    if (!quotesBalanced(text)) {
      this.buffer = text;
      this.bufferLines++;
      if (this.buffer.length > MAX_EVENT_CHARS) {
        this.buffer = '';
        this.bufferLines = 0;
        this.lastError = bilingual('msg.log.eventTooLong');
        return Outcome.Bad;
      }
      return Outcome.Skip;
    }
    const span = this.bufferLines;
    this.buffer = '';
    this.bufferLines = 0;
    const fields = splitCsvLine(text).fields;
    if (fields.length < 5 || !/^\d+$/.test(fields[3].trim())) return Outcome.Skip; // header
    const f: EventFields = new Map([['EventID', fields[3].trim()]]);
    for (const l of fields[fields.length - 1].split(/\r?\n/)) {
      const m = /^\s*([A-Za-z ]+?):\s*(.*?)\s*$/.exec(l);
      if (!m) continue;
      const key = m[1].replace(/\s+/g, '');
      // 5156 names its fields "Source Address", "Destination Address", "Destination Port".
      const name =
        key === 'DestinationAddress'
          ? 'DestAddress'
          : key === 'DestinationPort' && f.get('EventID') === '5156'
            ? 'DestPort'
            : key;
      if (!f.has(name) && m[2] !== '') f.set(name, m[2]);
    }
    const out = fromFields(f, rec);
    if (out !== Outcome.Record) return out;
    rec.spanLines = span;
    rec.reader = this;
    if (rec.timeText === '') rec.timeText = `local:${fields[1]}`;
    return out;
  }

  time(rec: LogRecord): number {
    const t = rec.timeText;
    if (t.startsWith('local:')) {
      rec.timeText = t.slice(6);
      return this.local.time(rec);
    }
    return isoLikeMs(t, UTC);
  }
}

/**
 * The start of an Event Viewer CSV row: level, a date with its separators, source, a numeric event
 * id (`Information,11/23/2026 8:15:02 AM,Microsoft-Windows-Sysmon,3,`), in any display language.
 * No line of an event's message looks like this.
 */
const ROW_HEAD = /^[^",\d][^",]*,[^",]*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[^",]*,[^",]+,\d{1,5},/;

function quotesBalanced(s: string): boolean {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n % 2 === 0;
}
