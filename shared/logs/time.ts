// Time stamps of the formats the hunt reads. Windows logs (firewall, DNS, event CSV) and syslog
// lines are local time of the machine that wrote them; Zeek, Suricata, Squid and event XML are
// UTC or carry their offset. Local times are read in the zone of TimeContext (default: this
// computer's), and a syslog date without a year takes the year that puts it at or before the
// file's modification time (a December line read in January is last year's).
import type { TimeContext } from './record';

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Month number (0-11) of an English abbreviation ("Nov", "nov", "November"), or -1. */
export function monthIndex(name: string): number {
  const m = MONTHS[name.slice(0, 3).toLowerCase()];
  return m === undefined ? -1 : m;
}

/** Epoch ms of a wall-clock time in the context's zone; NaN when a field is out of range. */
export function localMs(
  ctx: TimeContext,
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms = 0,
): number {
  if (!(
    mo >= 0 &&
    mo <= 11 &&
    d >= 1 &&
    d <= 31 &&
    h >= 0 &&
    h <= 23 &&
    mi >= 0 &&
    mi <= 59 &&
    s >= 0 &&
    s <= 60
  ))
    return NaN;
  if (ctx.offsetMinutes === null) return new Date(y, mo, d, h, mi, s, ms).getTime();
  return Date.UTC(y, mo, d, h, mi, s, ms) - ctx.offsetMinutes * 60_000;
}

/** The year a syslog "Mon dd hh:mm:ss" falls in: the reference year, or the one before if that is later than a day past the reference. */
export function syslogYear(ctx: TimeContext, mo: number, d: number): number {
  const ref = new Date(ctx.referenceMs);
  const year = ref.getUTCFullYear();
  const candidate = Date.UTC(year, mo, d);
  return candidate > ctx.referenceMs + 86_400_000 ? year - 1 : year;
}

/** Reads digits text[start..end) as a number; -1 when any is not a digit or the range is empty. */
export function digits(text: string, start: number, end: number): number {
  if (end <= start) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS[.fff][Z|UTC|±hh:mm|±hhmm]" (the zone may follow a
 * blank): with a zone it is exact,
 * without one it is local time of the context. NaN when it does not read.
 */
export function isoLikeMs(text: string, ctx: TimeContext): number {
  const t = text.trim();
  if (t.length < 19 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return NaN;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 7);
  const d = digits(t, 8, 10);
  const h = digits(t, 11, 13);
  const mi = digits(t, 14, 16);
  const s = digits(t, 17, 19);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return NaN;
  let i = 19;
  let ms = 0;
  if (t.charCodeAt(i) === 46) {
    let j = i + 1;
    while (j < t.length && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
    ms = Math.floor(Number(`0.${t.slice(i + 1, j)}`) * 1000);
    i = j;
  }
  while (
    t.charCodeAt(i) === 32 &&
    i < t.length - 1 &&
    (t[i + 1] === '+' || t[i + 1] === '-' || t[i + 1] === 'Z' || t[i + 1] === 'U')
  )
    i++;
  const zone = t.slice(i);
  if (zone === '') return localMs(ctx, y, mo - 1, d, h, mi, s, ms);
  if (zone === 'Z' || zone === 'z' || zone === 'UTC') return utcMs(y, mo - 1, d, h, mi, s, ms);
  const offset = parseOffset(zone);
  if (offset === null) return NaN;
  return utcMs(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (!(mo >= 0 && mo <= 11 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60)) return NaN;
  return Date.UTC(y, mo, d, h, mi, s, ms);
}

/** Minutes east of UTC of "+07:00", "+0700", "-05", or null. */
export function parseOffset(text: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** Epoch ms of Unix seconds with a fraction ("1591367999.305988"); NaN when not a number. */
export function epochSecondsMs(text: string): number {
  if (text === '' || text === '-') return NaN;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : NaN;
}

/**
 * A syslog header date at text[start...]: "Nov 23 08:15:02", "Nov  3 08:15:02", optionally
 * "Nov 23 2026 08:15:02" (Cisco), or an RFC 5424/3339 stamp. Returns epoch ms and where the
 * stamp ends, or null.
 */
export function syslogDate(
  text: string,
  start: number,
  ctx: TimeContext,
): { ms: number; end: number } | null {
  const c = text.charCodeAt(start);
  if (c >= 48 && c <= 57) {
    const sp = text.indexOf(' ', start);
    const end = sp < 0 ? text.length : sp;
    const ms = isoLikeMs(text.slice(start, end), ctx);
    return ms === ms ? { ms, end } : null;
  }
  const mo = monthIndex(text.slice(start, start + 3));
  if (mo < 0 || text.charCodeAt(start + 3) !== 32) return null;
  let i = start + 4;
  if (text.charCodeAt(i) === 32) i++;
  const dEnd = text.indexOf(' ', i);
  if (dEnd < 0) return null;
  const d = digits(text, i, dEnd);
  i = dEnd + 1;
  let year = -1;
  if (text.charCodeAt(i + 4) === 32) {
    year = digits(text, i, i + 4);
    if (year < 0) return null;
    i += 5;
  }
  if (text.charCodeAt(i + 2) !== 58 || text.charCodeAt(i + 5) !== 58) return null;
  const h = digits(text, i, i + 2);
  const mi = digits(text, i + 3, i + 5);
  const s = digits(text, i + 6, i + 8);
  if (d < 0 || h < 0 || mi < 0 || s < 0) return null;
  let end = i + 8;
  let ms = 0;
  if (text.charCodeAt(end) === 46) {
    let j = end + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    ms = Math.floor(Number(`0.${text.slice(end + 1, j)}`) * 1000);
    end = j;
  }
  if (year < 0) year = syslogYear(ctx, mo, d);
  const t = localMs(ctx, year, mo, d, h, mi, s, ms);
  return t === t ? { ms: t, end } : null;
}

/** ISO 8601 in the zone shown to the person (the context's, else this computer's): "2026-11-23T08:15:02+07:00". */
export function formatLocalIso(ms: number, offsetMinutes: number | null): string {
  const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset();
  const shifted = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${shifted}${sign}${hh}:${mm}`;
}

/** Days in a month (mo 0-11) of a year. */
function daysIn(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
}

const VN_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(:\d{2}(?:\.\d+)?)?)?(.*)$/;

/**
 * A time as a person types it for `--since`/`--until` and on the "Giám sát mạng" screen: what a
 * Vietnamese user writes, "dd/mm/yyyy" or "dd/mm/yyyy hh:mm[:ss]", or "yyyy-mm-dd[ hh:mm[:ss]]",
 * or ISO 8601 with a zone ("2026-11-23T08:00:00+07:00"). Without a zone it is local time
 * (`offsetMinutes` east of UTC, or this computer's zone when null). A day alone means its first
 * instant, or its last when `end` (an "until" day is included whole); a minute alone likewise.
 * undefined for empty text; NaN when it does not read or the day does not exist (31/02/2026).
 */
export function parseUserTime(
  text: string | undefined,
  end: boolean,
  offsetMinutes: number | null,
): number | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const ctx: TimeContext = { offsetMinutes, referenceMs: 0 };
  const vn = VN_TIME.exec(t);
  const iso = vn ? null : ISO_DAY.exec(t);
  const m = vn ?? iso;
  if (!m) return NaN;
  const [y, mo, d] = vn
    ? [Number(vn[3]), Number(vn[2]) - 1, Number(vn[1])]
    : [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  if (mo < 0 || mo > 11 || d < 1 || d > daysIn(y, mo)) return NaN;
  if (iso && (iso[6] !== undefined || iso[7].trim() !== '')) {
    // Seconds or a zone written: that instant (isoLikeMs reads the zone).
    if (iso[4] === undefined) return NaN;
    return isoLikeMs(`${iso[1]}-${iso[2]}-${iso[3]} ${iso[4]}:${iso[5]}${iso[6] ?? ':00'}${iso[7]}`, ctx);
  }
  const hour = m[4] === undefined ? null : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = vn && vn[6] !== undefined ? Number(vn[6]) : null;
  if (hour === null) return end ? localMs(ctx, y, mo, d, 23, 59, 59, 999) : localMs(ctx, y, mo, d, 0, 0, 0);
  if (second !== null) return localMs(ctx, y, mo, d, hour, minute, second);
  return end ? localMs(ctx, y, mo, d, hour, minute, 59, 999) : localMs(ctx, y, mo, d, hour, minute, 0);
}
