// Windows DNS Server debug log (dns.log, "Log packets for debugging"). A packet line:
//   11/23/2026 8:15:02 AM 0E40 PACKET  000001D2A8F0C1E0 UDP Rcv 10.1.2.3        a1b2   Q [0001   D   NOERROR] A      (3)www(7)example(3)com(0)
// Fields: date, time, thread, context, packet id, UDP/TCP, Snd/Rcv, remote IP, xid, R (response)
// or blank (query), opcode, [flags], type, name in wire form. The date is written in the
// server's regional format (M/D/YYYY with AM/PM in English, D/M/YYYY 24-hour in Vietnamese...),
// in local time. A query received from a client (Rcv, no R) is the record: the client asked
// for the name. Queries the server forwards and answers it sends repeat that and are skipped.
import { Outcome } from './record';
import type { LineParser, LogRecord, TimeContext } from './record';
import { digits, localMs } from './time';
import { bilingual } from '../i18n';

/** "(3)www(7)example(3)com(0)" → "www.example.com"; null when the counts do not add up. */
export function decodeWireName(text: string): string | null {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 40) return null;
    const close = text.indexOf(')', i);
    if (close < 0) return null;
    const len = digits(text, i + 1, close);
    if (len < 0) return null;
    if (len === 0) return close === text.length - 1 ? out : null;
    const label = text.slice(close + 1, close + 1 + len);
    if (label.length !== len) return null;
    out = out === '' ? label : `${out}.${label}`;
    i = close + 1 + len;
  }
  return out === '' ? null : out;
}

/** A parser for one Windows DNS Server debug log. */
export class WindowsDnsParser implements LineParser {
  readonly format = 'windows-dns' as const;
  lastError?: string;
  /** Day-first (23/11/2026) or month-first (11/23/2026), learnt from lines where a part is > 12. */
  private dayFirst: boolean | null = null;

  constructor(private readonly ctx: TimeContext) {}

  parse(line: string, rec: LogRecord): Outcome {
    const p = line.indexOf(' PACKET ');
    if (p < 0) return Outcome.Skip; // the header block, "EVENT" and note lines
    const tokens = line
      .slice(p + 8)
      .trim()
      .split(/\s+/);
    // packet-id, UDP/TCP, Snd/Rcv, remote, xid, [R], opcode, [flags...], type, name
    if (tokens.length < 7) return this.bad('too few fields');
    const direction = tokens[2];
    const remote = tokens[3];
    const isResponse = tokens[5] === 'R';
    const name = tokens[tokens.length - 1];
    this.learnOrder(line);
    if (direction !== 'Rcv' || isResponse) return Outcome.Skip;
    // Opcode (the header's key: Q query, N notify, U update, ? unknown): a client's dynamic update
    // of its own record (U ... SOA (4)corp(5)local(0)) or a notify is no lookup of the name.
    if (tokens[5] !== 'Q') return Outcome.Skip;
    const decoded = decodeWireName(name);
    if (decoded === null) return this.bad(`name "${name}"`);
    rec.reset();
    rec.src = remote;
    rec.dstPort = '53';
    rec.proto = tokens[1].toLowerCase();
    rec.domain = decoded;
    rec.timeText = line.slice(0, p);
    rec.reader = this;
    return Outcome.Record;
  }

  private learnOrder(line: string): void {
    if (this.dayFirst !== null) return;
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/.exec(line);
    if (!m) return;
    if (Number(m[1]) > 12) this.dayFirst = true;
    else if (Number(m[2]) > 12) this.dayFirst = false;
  }

  time(rec: LogRecord): number {
    const t = rec.timeText.trim();
    const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})/.exec(t);
    if (iso) return localMs(this.ctx, +iso[1], +iso[2] - 1, +iso[3], +iso[4], +iso[5], +iso[6]);
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp])[Mm])?/.exec(t);
    if (!m) return NaN;
    let h = +m[4];
    const ampm = m[7];
    if (ampm) {
      if (h < 1 || h > 12) return NaN;
      h = (h % 12) + (ampm === 'P' || ampm === 'p' ? 12 : 0);
    }
    // AM/PM is the US format (month first); 24-hour dates are day first (vi-VN, en-GB, fr-FR)
    // unless a line of this file showed otherwise.
    const dayFirst = this.dayFirst ?? !ampm;
    const day = dayFirst ? +m[1] : +m[2];
    const month = dayFirst ? +m[2] : +m[1];
    return localMs(this.ctx, +m[3], month - 1, day, h, +m[5], +m[6]);
  }

  private bad(why: string): Outcome {
    this.lastError = bilingual('msg.log.unreadable.windowsDns', { why });
    return Outcome.Bad;
  }
}
