// The time readers, second pass (issue 19): the survivors of the log-common-time run of
// 2026-12-02 17:23–17:53 UTC. Midnight, minute 0 and second 0, January and December, a clock
// field that is not digits with a zone written, text between the time and its offset, a Cisco
// stamp with milliseconds before its colon. The equivalent survivors are in
// test/mutation-equivalents.md.
import { describe, expect, it } from 'vitest';
import type { TimeContext } from './record';
import { digits, isoLikeMs, parseUserTime, syslogDate } from './time';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: Date.UTC(2026, 11, 1) };

describe('syslogDate', () => {
  it('reads midnight, minute 0 and second 0 of January, and December', () => {
    expect(syslogDate('Jan  1 00:00:00 gw x', 0, UTC)).toEqual({ ms: Date.UTC(2026, 0, 1), end: 15 });
    expect(syslogDate('Dec  1 00:00:00 gw x', 0, UTC)?.ms).toBe(Date.UTC(2026, 11, 1));
  });

  it('a Cisco stamp with milliseconds ends before its colon', () => {
    expect(syslogDate('Nov 23 2026 08:15:02.123: %ASA-6-302013: Built', 0, UTC)).toEqual({
      ms: Date.UTC(2026, 10, 23, 8, 15, 2, 123),
      end: 24,
    });
  });
});

describe('isoLikeMs', () => {
  it('with a zone written, a clock field that is not digits does not read', () => {
    for (const bad of ['2026-11-23Tx8:15:02Z', '2026-11-23T08:x5:02Z', '2026-11-23T08:15:x2Z'])
      expect(isoLikeMs(bad, UTC), bad).toBeNaN();
  });

  it('a slash in place of the first dash, or text between the time and its offset, does not read', () => {
    expect(isoLikeMs('2026/11-23 08:15:02', UTC)).toBeNaN();
    expect(isoLikeMs('2026-11-23T08:15:02x+07:00', UTC)).toBeNaN();
  });

  it('reads a zone written after a blank: Z, UTC or an offset; other words after a blank do not read', () => {
    const plus7 = { offsetMinutes: 7 * 60, referenceMs: UTC.referenceMs };
    const at = Date.UTC(2026, 10, 23, 8, 15, 2);
    expect(isoLikeMs('2026-11-23 08:15:02 UTC', plus7)).toBe(at);
    expect(isoLikeMs('2026-11-23 08:15:02 Z', plus7)).toBe(at);
    expect(isoLikeMs('2026-11-23 08:15:02 +07:00', UTC)).toBe(at - 7 * 3_600_000);
    expect(isoLikeMs('2026-11-23 08:15:02 UTCX', plus7)).toBeNaN();
    expect(isoLikeMs('2026-11-23 08:15:02 GMT', plus7)).toBeNaN();
  });
});

describe('digits', () => {
  it('is -1 for any character below "0", not only "/"', () => {
    expect(digits(' 5', 0, 2)).toBe(-1);
    expect(digits('5 ', 0, 2)).toBe(-1);
  });
});

describe('parseUserTime', () => {
  it('reads January and December days', () => {
    expect(parseUserTime('05/01/2026', false, 0)).toBe(Date.UTC(2026, 0, 5));
    expect(parseUserTime('31/12/2026', true, 0)).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
  });
});
