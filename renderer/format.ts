// Dates and times as people read them in the chosen language.

/** "23/11/2026" (vi) or "Nov 23, 2026" (en) from "2026-11-23" or an ISO time. */
export function formatDate(value: string, language: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'medium' }).format(d);
}

/** Date and time, for "checked at" and "last checked". */
export function formatDateTime(value: string, language: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(d);
}
