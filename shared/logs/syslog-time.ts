// The time of a line that came through syslog, read only when needed: "<134>" priority, RFC 5424
// ("1 2026-11-23T08:15:02.1+07:00 host ..."), BSD ("Nov 23 08:15:02 host ..."), Cisco's
// "Nov 23 2026 08:15:02:", ISO "2026-11-23 08:15:02" (RouterOS 7, syslog-ng), or a leading
// "[1700726102]" (Unbound). Times without a zone are the context's local time.
import type { LogRecord, TimeContext, TimeReader } from './record';
import { epochSecondsMs, isoLikeMs, syslogDate } from './time';

/** Epoch ms of the stamp at the start of a syslog-borne line; NaN if none. */
export function syslogLineMs(line: string, ctx: TimeContext): number {
  let i = 0;
  if (line.charCodeAt(0) === 60) {
    const close = line.indexOf('>');
    if (close > 0 && close < 6) i = close + 1;
  }
  if (line.charCodeAt(i) === 49 && line.charCodeAt(i + 1) === 32) i += 2; // RFC 5424 version "1 "
  if (line.charCodeAt(i) === 91) {
    const close = line.indexOf(']', i);
    if (close > 0) return epochSecondsMs(line.slice(i + 1, close));
  }
  const c = line.charCodeAt(i);
  if (c >= 48 && c <= 57 && line.charCodeAt(i + 4) === 45) {
    // ISO, with a space or a T between date and time.
    // "2026-11-23T08:15:02+07:00 host" and "2026-11-23 08:15:02 host": the stamp ends at the
    // first space after the time.
    const sp = line.indexOf(' ', i + 11);
    return isoLikeMs(line.slice(i, sp < 0 ? undefined : sp), ctx);
  }
  const d = syslogDate(line, i, ctx);
  return d === null ? NaN : d.ms;
}

/** A TimeReader for syslog-borne lines (the record's timeText is the whole line). */
export class SyslogTime implements TimeReader {
  constructor(private readonly ctx: TimeContext) {}
  time(rec: LogRecord): number {
    return syslogLineMs(rec.timeText, this.ctx);
  }
}
