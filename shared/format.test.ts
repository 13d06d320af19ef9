import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMegabytes, formatNumber, formatTime } from './format';

describe('formatNumber', () => {
  it('groups thousands with a dot in Vietnamese and a comma in English', () => {
    expect(formatNumber(1234, 'vi')).toBe('1.234');
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(1_234_567, 'vi')).toBe('1.234.567');
    expect(formatNumber(999, 'vi')).toBe('999');
    expect(formatNumber(0, 'vi')).toBe('0');
  });
  it('writes the decimal comma in Vietnamese, drops trailing zeros and keeps the sign', () => {
    expect(formatNumber(1234.5, 'vi', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(2, 'vi', 1)).toBe('2');
    expect(formatNumber(-1234, 'vi')).toBe('-1.234');
    expect(formatNumber(-0.01, 'vi')).toBe('0');
    expect(formatNumber(1234.56, 'vi')).toBe('1.235');
  });
  it('says megabytes in each language', () => {
    expect(formatMegabytes(1_572_864, 'vi')).toBe('1,5 MB');
    expect(formatMegabytes(1_572_864, 'en')).toBe('1.5 MB');
  });
});

describe('dates and times', () => {
  it('keeps a calendar day as that day, dd/mm/yyyy in Vietnamese', () => {
    expect(formatDate('2026-11-03', 'vi')).toBe('03/11/2026');
    expect(formatDate('2026-11-03', 'en')).toBe('3 Nov 2026');
    expect(formatDateTime('2026-11-03', 'vi')).toBe('03/11/2026');
  });
  it('shows an instant in local time, HH:mm', () => {
    const local = new Date(2026, 0, 5, 8, 7, 30); // 05/01/2026 08:07:30 in this runtime's zone
    expect(formatDate(local, 'vi')).toBe('05/01/2026');
    expect(formatTime(local.toISOString(), 'vi')).toBe('08:07');
    expect(formatDateTime(local.getTime(), 'vi')).toBe('05/01/2026 08:07');
    expect(formatDateTime(local, 'en')).toBe('5 Jan 2026, 08:07');
  });
  it('shows an instant in a fixed zone when asked (the tally writes Vietnam time)', () => {
    expect(formatDateTime('2026-12-01T17:20:00Z', 'vi', { offsetMinutes: 420 })).toBe('02/12/2026 00:20');
    expect(formatTime('2026-12-01T17:20:00Z', 'en', { offsetMinutes: 420 })).toBe('00:20');
  });
  it('returns unreadable input as given rather than "Invalid Date"', () => {
    expect(formatDate('not a date', 'vi')).toBe('not a date');
    expect(formatDateTime('', 'en')).toBe('');
  });
});
