// Numbers and dates of the tally's documents and dashboard: Vietnamese forms (1.234; dd/mm/yyyy) in
// Vietnam's time, through the one formatter in shared/format.ts.
import { formatDate, formatDateTime, formatNumber } from '../../shared/format';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** 1234567 → "1.234.567". */
export function formatNumberVi(n: number): string {
  return formatNumber(Math.trunc(n), 'vi');
}

/** "2026-09-30" → "30/09/2026". */
export function formatDayVi(day: string): string {
  return formatDate(day, 'vi');
}

/** An instant (ISO) in Vietnam's time: "02/12/2026 11:20". */
export function formatInstantVi(iso: string): string {
  return formatDateTime(iso, 'vi', { offsetMinutes: 420 });
}

/** The date line of an administrative document: "Đắk Lắk, ngày 02 tháng 12 năm 2026". */
export function dateLineVi(place: string, iso: string): string {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  // Decree 30/2020: days below 10 and the months January and February take a leading zero.
  const month = Number(local.slice(5, 7));
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place || '……'}, ngày ${local.slice(8, 10)} tháng ${mm} năm ${local.slice(0, 4)}`;
}
