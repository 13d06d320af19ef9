// The background half of sending: while the app is open (and from the next start), queued results
// are retried with growing, jittered delays, so the Send button never has to wait on backoff. The
// page is told of every change (pending count, last problem, next attempt).
import { createLogger } from '../../shared/logger';
import type { TallyQueueStatus } from '../../shared/ipc/schemas';
import type { FlushSummary, TallyClient } from './client';

const log = createLogger('tally-retry');

/** Runs `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface RetryLoopDeps {
  client: Pick<TallyClient, 'flush' | 'status'>;
  clock: () => Date;
  schedule: Schedule;
  random?: () => number;
  /** First delay after a failed attempt (30 s), doubled per failure up to maxDelayMs (30 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout of background attempts. */
  timeoutMs?: number;
  onChange?: (status: TallyQueueStatus) => void;
}

/** Real timers that do not keep the process alive. */
export const timerSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/** Creates the loop; nothing runs until start() or afterSend(). */
export function createRetryLoop(deps: RetryLoopDeps) {
  const random = deps.random ?? Math.random;
  const base = deps.baseDelayMs ?? 30_000;
  const cap = deps.maxDelayMs ?? 30 * 60_000;
  let cancel: (() => void) | undefined;
  let failures = 0;
  let next: Date | null = null;
  let stopped = false;

  const status = async (): Promise<TallyQueueStatus> => ({
    ...(await deps.client.status()),
    nextAttemptAt: next ? next.toISOString() : null,
  });
  const publish = async () => {
    if (!deps.onChange) return;
    try {
      deps.onChange(await status());
    } catch (e) {
      log.warn('cannot read the outbox state', { error: (e as Error).message });
    }
  };
  const plan = (remaining: number) => {
    cancel?.();
    cancel = undefined;
    if (remaining === 0 || stopped) {
      failures = 0;
      next = null;
      return;
    }
    failures += 1;
    const exp = Math.min(cap, base * 2 ** (failures - 1));
    const delay = Math.round(exp / 2 + (random() * exp) / 2);
    next = new Date(deps.clock().getTime() + delay);
    cancel = deps.schedule(() => {
      cancel = undefined;
      void run();
    }, delay);
  };
  const run = async (): Promise<void> => {
    let remaining: number;
    try {
      const s = await deps.client.flush({
        maxAttempts: 1,
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      });
      remaining = s.remaining;
    } catch (e) {
      // A disk error reading the queue: log it and try again later rather than stop for good.
      log.error('background send failed', { error: (e as Error).message });
      remaining = 1;
    }
    plan(remaining);
    await publish();
  };

  return {
    /** Tries the queue now (at app start) and keeps retrying while anything waits. */
    start: run,
    /** After a Send press: schedules the background retries when results are still waiting. */
    async afterSend(summary: FlushSummary): Promise<void> {
      if (summary.remaining === 0 || !next) plan(summary.remaining);
      await publish();
    },
    /** The outbox with the next background attempt. */
    status,
    /** Tells the page about a change made outside a send (resend, delete). */
    publish,
    stop(): void {
      stopped = true;
      cancel?.();
      cancel = undefined;
      next = null;
    },
  };
}

export type RetryLoop = ReturnType<typeof createRetryLoop>;
