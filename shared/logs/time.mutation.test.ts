// The time readers at the edges the log-common-time mutation run (issue 19) found untested: the
// computer's own zone (a Windows log is local time of the machine that wrote it, and this test
// machine runs in UTC, where local and UTC cannot be told apart), fraction digits 0 and 9, the
// first day and month of a year with a zone, and what a person types with blanks or extra text.
// The equivalent survivors are in test/mutation-equivalents.md.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimeContext } from './record';
import { syslogLineMs } from './syslog-time';
import { formatLocalIso, isoLikeMs, localMs, parseUserTime, syslogDate } from './time';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };
/** The computer's zone: no offset given. */
const HERE: TimeContext = { offsetMinutes: null, referenceMs: Date.UTC(2026, 11, 1) };

/** Minutes east of UTC of this computer's zone at an instant (none of the dates below is near a change of zone). */
const hereOffset = (utcMs: number): number => -new Date(utcMs).getTimezoneOffset();
/** Epoch ms of a wall-clock time of this computer, computed from the zone's offset (not by the code under test). */
const wall = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number => {
  const asUtc = Date.UTC(y, mo, d, h, mi, s, ms);
  return asUtc - hereOffset(asUtc) * 60_000;
};

// Each zone is set for its tests where the test process can change its zone (vitest's forks, as in
// `npm test`); in a worker thread (Stryker's vitest runner) the process keeps its zone, which
// scripts/mutation-modules.mjs sets to UTC+7 for this module: the expected values follow the zone
// in force, so these tests hold in any zone and tell local time from UTC in every zone but UTC.
for (const zone of ['Asia/Ho_Chi_Minh', 'America/New_York']) {
  describe(`local time of the computer (set to ${zone} where the process can)`, () => {
    let before: string | undefined;
    beforeEach(() => {
      before = process.env.TZ;
      process.env.TZ = zone;
    });
    afterEach(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });

    it('localMs, isoLikeMs, syslogDate and syslogLineMs without an offset read the wall clock of this computer', () => {
      for (const [mo, d] of [
        [10, 23],
        [6, 1],
      ]) {
        const at = wall(2026, mo, d, 8, 15, 2);
        const text = `2026-${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')} 08:15:02`;
        expect(localMs(HERE, 2026, mo, d, 8, 15, 2)).toBe(at);
        expect(isoLikeMs(text, HERE), text).toBe(at);
      }
      const at = wall(2026, 10, 23, 8, 15, 2);
      expect(syslogDate('Nov 23 08:15:02 gw x', 0, HERE)).toEqual({ ms: at, end: 15 });
      expect(syslogLineMs('<13>Nov 23 08:15:02 gw x', HERE)).toBe(at);
      // With a zone written, the computer's zone does not matter.
      expect(isoLikeMs('2026-11-23T08:15:02Z', HERE)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2));
    });

    it("formatLocalIso without an offset shows the time in this computer's zone", () => {
      for (const ms of [Date.UTC(2026, 10, 23, 1, 15, 2), Date.UTC(2026, 6, 1, 12)])
        expect(formatLocalIso(ms, null)).toBe(formatLocalIso(ms, hereOffset(ms)));
    });

    it('parseUserTime without an offset reads what the person types in this zone', () => {
      expect(parseUserTime('23/11/2026', false, null)).toBe(wall(2026, 10, 23, 0, 0, 0));
      expect(parseUserTime('23/11/2026 08:00', true, null)).toBe(wall(2026, 10, 23, 8, 0, 59, 999));
    });
  });
}

describe('formatLocalIso with the zone given', () => {
  it('shows a negative offset and the summer one of New York', () => {
    expect(formatLocalIso(Date.UTC(2026, 10, 23, 13, 15, 2), -300)).toBe('2026-11-23T08:15:02-05:00');
    expect(formatLocalIso(Date.UTC(2026, 6, 1, 12), -240)).toBe('2026-07-01T08:00:00-04:00');
  });
});

describe('fractions of a second', () => {
  it('reads every digit, 0 and 9 included (Suricata writes microseconds, Zeek and syslog-ng too)', () => {
    expect(isoLikeMs('2026-11-23T08:15:02.090Z', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2, 90));
    expect(isoLikeMs('2026-11-23T08:15:02.999999+0000', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2, 999));
    expect(isoLikeMs('2026-11-23 08:15:02.05', UTC)).toBe(Date.UTC(2026, 10, 23, 8, 15, 2, 50));
    expect(syslogDate('Nov 23 08:15:02.090 gw', 0, UTC)).toEqual({
      ms: Date.UTC(2026, 10, 23, 8, 15, 2, 90),
      end: 19,
    });
    expect(syslogDate('Nov 23 08:15:02.9 gw', 0, UTC)).toEqual({
      ms: Date.UTC(2026, 10, 23, 8, 15, 2, 900),
      end: 17,
    });
  });
});

describe('the first day, month and hour of a year with a zone', () => {
  it('1 January 00:00:00 reads with Z and with an offset', () => {
    expect(isoLikeMs('2026-01-01T00:00:00Z', UTC)).toBe(Date.UTC(2026, 0, 1));
    expect(isoLikeMs('2026-01-01T00:00:00+07:00', UTC)).toBe(Date.UTC(2025, 11, 31, 17));
  });
});

describe('parseUserTime: what a person types', () => {
  const ICT = 420;
  it('blanks between the day and the clock, and fractions of ISO seconds', () => {
    expect(parseUserTime('23/11/2026  08:00', false, ICT)).toBe(Date.UTC(2026, 10, 23, 1));
    expect(parseUserTime('23/11/2026T08:00', false, ICT)).toBe(Date.UTC(2026, 10, 23, 1));
    expect(parseUserTime('2026-11-23T10:00:04.5Z', false, ICT)).toBe(Date.UTC(2026, 10, 23, 10, 0, 4, 500));
    expect(parseUserTime('2026-11-23 10:00:04.25', false, ICT)).toBe(Date.UTC(2026, 10, 23, 3, 0, 4, 250));
  });

  it('text before or after the date does not read', () => {
    for (const bad of [
      '123/11/2026',
      '23/11/20261',
      '23/11/2026x',
      '23/11/2026 08:00x',
      'x2026-11-23',
      '2026-11-23x',
    ])
      expect(parseUserTime(bad, false, ICT), bad).toBeNaN();
  });
});
