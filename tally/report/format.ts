// Numbers and dates as Vietnamese readers write them (1.234; dd/mm/yyyy), shared by the documents
// and the dashboard script. Written out rather than left to Intl so that every runtime (Node with
// or without full ICU, Chromium, LibreOffice's reading of the text) shows the same characters.

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** 1234567 → "1.234.567". */
export function formatNumberVi(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "2026-09-30" → "30/09/2026". */
export function formatDayVi(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** An instant (ISO) in Vietnam's time: "02/12/2026 11:20". */
export function formatInstantVi(iso: string): string {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  return `${formatDayVi(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** The date line of an administrative document: "Đắk Lắk, ngày 02 tháng 12 năm 2026". */
export function dateLineVi(place: string, iso: string): string {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  // Decree 30/2020: days below 10 and the months January and February take a leading zero.
  const month = Number(local.slice(5, 7));
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place || '……'}, ngày ${local.slice(8, 10)} tháng ${mm} năm ${local.slice(0, 4)}`;
}
