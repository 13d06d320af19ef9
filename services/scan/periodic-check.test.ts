// The optional periodic check's schedule (issue 15): off by default, every N hours counted from the
// last check (kept on disk), a notification only when something is found, a failed check retried
// sooner, and nothing left running once it is turned off. A fake clock and timer drive it.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger';
import type { LastCheck } from '../../shared/ipc/schemas';
import { createPeriodicCheck, RETRY_AFTER_FAILURE_MS, type PeriodicNotice } from './periodic-check';

const H = 3_600_000;
const T0 = Date.parse('2026-12-02T08:00:00Z');

/** A fake clock with timers that fire when the test advances time. */
function fakeTime() {
  let now = T0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    setTimer: (ms: number, fn: () => void) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return () => {
        timers = timers.filter((t) => t.id !== id);
      };
    },
    pending: () => timers.length,
    /** Moves time on, firing due timers in order, and lets their promises settle. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        for (let i = 0; i < 10; i++) await Promise.resolve();
      }
      now = end;
    },
  };
}

function setup(results: (LastCheck['state'] | Error)[], last: LastCheck | null = null) {
  const time = fakeTime();
  const checks: number[] = [];
  const notices: PeriodicNotice[] = [];
  let stored = last;
  const checker = createPeriodicCheck({
    now: time.now,
    setTimer: time.setTimer,
    check() {
      checks.push(time.now());
      const r = results.shift() ?? 'clean';
      if (r instanceof Error) return Promise.reject(r);
      stored = { checkedAt: new Date(time.now()).toISOString(), state: r };
      return Promise.resolve(stored);
    },
    lastCheck: () => Promise.resolve(stored),
    notify: (n) => notices.push(n),
    logger: createLogger('test'),
  });
  return { time, checks, notices, checker };
}

describe('periodic check', () => {
  it('does nothing while off (the default)', async () => {
    const { time, checks, checker } = setup([]);
    await checker.configure(undefined);
    await checker.configure({ enabled: false, hours: 4 });
    await time.advance(48 * H);
    expect(checks).toEqual([]);
    expect(checker.nextAt()).toBeNull();
    expect(time.pending()).toBe(0);
  });

  it('checks every N hours, counted from the last check on disk, and notifies only on findings', async () => {
    const last = { checkedAt: new Date(T0 - 1 * H).toISOString(), state: 'clean' as const };
    const { time, checks, notices, checker } = setup(['clean', 'cracked', 'clean', 'infected'], last);
    await checker.configure({ enabled: true, hours: 4 });
    expect(checker.nextAt()).toBe(T0 + 3 * H);
    await time.advance(3 * H - 1);
    expect(checks).toEqual([]);
    await time.advance(1 + 12 * H);
    expect(checks).toEqual([T0 + 3 * H, T0 + 7 * H, T0 + 11 * H, T0 + 15 * H]);
    expect(notices.map((n) => n.state)).toEqual(['cracked', 'infected']);
    expect(notices[1].body.vi).toContain('báo ngay cho cán bộ CNTT');
  });

  it('checks at once when the last check is older than the interval, or there was none', async () => {
    const old = { checkedAt: new Date(T0 - 30 * H).toISOString(), state: 'clean' as const };
    const a = setup([], old);
    await a.checker.configure({ enabled: true, hours: 6 });
    expect(a.checker.nextAt()).toBe(T0);
    const b = setup([]);
    await b.checker.configure({ enabled: true, hours: 6 });
    await b.time.advance(0);
    expect(b.checks).toEqual([T0]);
  });

  it('tries a failed check again after 15 minutes, without notifying', async () => {
    const { time, checks, notices, checker } = setup([new Error('netstat: not found'), 'clean']);
    await checker.configure({ enabled: true, hours: 8 });
    await time.advance(RETRY_AFTER_FAILURE_MS);
    expect(checks).toEqual([T0, T0 + RETRY_AFTER_FAILURE_MS]);
    expect(notices).toEqual([]);
    expect(checker.nextAt()).toBe(T0 + RETRY_AFTER_FAILURE_MS + 8 * H);
  });

  it('stops when turned off, and a new interval replaces the old schedule', async () => {
    const last = { checkedAt: new Date(T0).toISOString(), state: 'clean' as const };
    const { time, checks, checker } = setup([], last);
    await checker.configure({ enabled: true, hours: 2 });
    await checker.configure({ enabled: true, hours: 24 });
    expect(time.pending()).toBe(1);
    await time.advance(23 * H);
    expect(checks).toEqual([]);
    await checker.configure({ enabled: false, hours: 24 });
    await time.advance(48 * H);
    expect(checks).toEqual([]);
    expect(time.pending()).toBe(0);
  });
});
