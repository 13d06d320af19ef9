// Numbers, dates and times as people read them, in one place for the app, the command line, the
// evidence report, the exports, the tally's documents and its dashboard. Vietnamese: 1.234,5 and
// 23/11/2026 and 08:05; English: 1,234.5 and 23 Nov 2026 and 08:05. Written out rather than left to
// Intl so that every runtime (Node with or without full ICU, Chromium, LibreOffice reading the text)
// shows the same characters.

/** The two languages of the catalogue; anything but 'en' reads as Vietnamese, the default. */
export type Language = 'vi' | 'en';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 1234567.89 → "1.234.567,89" (vi) or "1,234,567.89" (en); `fractionDigits` rounds (default 0). */
export function formatNumber(n: number, language: string, fractionDigits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const [group, decimal] = language === 'en' ? [',', '.'] : ['.', ','];
  const fixed = Math.abs(n).toFixed(fractionDigits);
  const [int = '0', frac] = fixed.split('.');
  // Trailing zeros say nothing to a reader: "1,5 MB", not "1,50 MB"; "2 MB", not "2,0 MB".
  const fraction = frac?.replace(/0+$/, '') ?? '';
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${fraction ? decimal + fraction : ''}`;
}

/** A calendar day "2026-11-23" stays that day; anything else is an instant read in local time. */
function toParts(value: string | number | Date, offsetMinutes?: number) {
  if (typeof value === 'string') {
    const day = DAY.exec(value);
    if (day) return { y: Number(day[1]), m: Number(day[2]), d: Number(day[3]), hh: 0, mm: 0, day: true };
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  if (offsetMinutes !== undefined) {
    // A fixed zone (the tally's documents are in Vietnam's time whatever the server's zone).
    const t = new Date(date.getTime() + offsetMinutes * 60_000);
    const [y, m, d, hh, mm] = [
      t.getUTCFullYear(),
      t.getUTCMonth() + 1,
      t.getUTCDate(),
      t.getUTCHours(),
      t.getUTCMinutes(),
    ];
    return { y, m, d, hh, mm, day: false };
  }
  const [y, m, d, hh, mm] = [
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
  ];
  return { y, m, d, hh, mm, day: false };
}

/** Options shared by the date and time formatters. */
export interface TimeOptions {
  /** Minutes east of UTC to show the time in (Vietnam: 420); default the runtime's local zone. */
  offsetMinutes?: number;
}

/** "23/11/2026" (vi) or "23 Nov 2026" (en) from "2026-11-23", an ISO instant, epoch ms or a Date. */
export function formatDate(value: string | number | Date, language: string, opts: TimeOptions = {}): string {
  const p = toParts(value, opts.offsetMinutes);
  if (!p) return String(value);
  return language === 'en' ? `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}` : `${pad(p.d)}/${pad(p.m)}/${p.y}`;
}

/** "08:05" (24-hour, both languages) in local time. */
export function formatTime(value: string | number | Date, language: string, opts: TimeOptions = {}): string {
  void language; // the same form in both languages today; kept so callers need not change if that changes
  const p = toParts(value, opts.offsetMinutes);
  return p ? `${pad(p.hh)}:${pad(p.mm)}` : String(value);
}

/** "23/11/2026 08:05" (vi) or "23 Nov 2026, 08:05" (en); a bare calendar day gets no time. */
export function formatDateTime(
  value: string | number | Date,
  language: string,
  opts: TimeOptions = {},
): string {
  const p = toParts(value, opts.offsetMinutes);
  if (!p) return String(value);
  if (p.day) return formatDate(value, language);
  const date = formatDate(value, language, opts);
  const time = formatTime(value, language, opts);
  return language === 'en' ? `${date}, ${time}` : `${date} ${time}`;
}

/** A size in bytes as megabytes with one decimal: "1,5 MB" (vi), "1.5 MB" (en). */
export function formatMegabytes(bytes: number, language: string): string {
  return `${formatNumber(bytes / 1_048_576, language, 1)} MB`;
}
