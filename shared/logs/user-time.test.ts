// --since/--until and the "Giám sát mạng" From/To fields read what a Vietnamese user types
// (dd/mm/yyyy [hh:mm[:ss]]) as well as ISO; a day alone is included whole.
import { describe, expect, it } from 'vitest';
import { parseUserTime } from './time';

const ICT = 420; // UTC+7
const utc = (iso: string): number => Date.parse(iso);

describe('parseUserTime', () => {
  it('reads dd/mm/yyyy as the first (since) or last (until) instant of that local day', () => {
    expect(parseUserTime('23/11/2026', false, ICT)).toBe(utc('2026-11-22T17:00:00Z'));
    expect(parseUserTime('23/11/2026', true, ICT)).toBe(utc('2026-11-23T16:59:59.999Z'));
    expect(parseUserTime(' 1/2/2026 ', false, ICT)).toBe(utc('2026-01-31T17:00:00Z'));
  });

  it('reads dd/mm/yyyy hh:mm (a minute is included whole for until) and hh:mm:ss exactly', () => {
    expect(parseUserTime('23/11/2026 08:00', false, ICT)).toBe(utc('2026-11-23T01:00:00Z'));
    expect(parseUserTime('23/11/2026 8:05', true, ICT)).toBe(utc('2026-11-23T01:05:59.999Z'));
    expect(parseUserTime('23/11/2026 08:00:30', true, ICT)).toBe(utc('2026-11-23T01:00:30Z'));
  });

  it('still reads ISO days, minutes, seconds and zones', () => {
    expect(parseUserTime('2026-11-23', false, ICT)).toBe(utc('2026-11-22T17:00:00Z'));
    expect(parseUserTime('2026-11-23', true, ICT)).toBe(utc('2026-11-23T16:59:59.999Z'));
    expect(parseUserTime('2026-11-23 08:00', true, ICT)).toBe(utc('2026-11-23T01:00:59.999Z'));
    expect(parseUserTime('2026-11-23T10:00:04', false, ICT)).toBe(utc('2026-11-23T03:00:04Z'));
    expect(parseUserTime('2026-11-23T10:00:04Z', false, ICT)).toBe(utc('2026-11-23T10:00:04Z'));
    expect(parseUserTime('2026-11-23T10:00+02:00', false, ICT)).toBe(utc('2026-11-23T08:00:00Z'));
  });

  it('uses this computer’s zone when none is given', () => {
    expect(parseUserTime('23/11/2026 08:00', false, null)).toBe(new Date(2026, 10, 23, 8, 0).getTime());
  });

  it('is undefined for nothing, NaN for what does not read or does not exist', () => {
    expect(parseUserTime(undefined, false, ICT)).toBeUndefined();
    expect(parseUserTime('  ', false, ICT)).toBeUndefined();
    for (const bad of [
      '31/02/2026',
      '29/02/2026',
      '1/13/2026',
      '00/11/2026',
      '23/11/26',
      '23/11/2026 24:00',
      '23/11/2026 08:60',
      '2026-02-30',
      '2026-11-23Z',
      'hôm qua',
      '23-11-2026',
    ])
      expect(parseUserTime(bad, false, ICT), bad).toBeNaN();
    expect(parseUserTime('29/02/2028', false, ICT)).toBe(utc('2028-02-28T17:00:00Z'));
  });
});
