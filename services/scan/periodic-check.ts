// The optional periodic check (off by default): while the app stays in the notification area it
// checks again every N hours and tells the person only when something is found. This is the whole
// schedule; Electron's tray and notification glue in main.ts only supplies the timer, the check and
// the notification. The next check is counted from the last one (kept on disk), so restarting the
// app neither skips a check nor runs one early.
import type { LastCheck, PeriodicCheck } from '../../shared/ipc/schemas';
import type { Logger } from '../../shared/logger';
import type { VerdictState } from '../../shared/scan/verdict';
import { textPair } from '../../shared/i18n';

const HOUR_MS = 3_600_000;
/** A check that fails (netstat missing, the PC asleep) is tried again this much later. */
export const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

/** What the person is told after a check that found something. */
export interface PeriodicNotice {
  state: Exclude<VerdictState, 'clean' | 'sample'>;
  title: { vi: string; en: string };
  body: { vi: string; en: string };
}

export interface PeriodicCheckDeps {
  /** Milliseconds since the epoch (tests pass a fake clock). */
  now: () => number;
  /** Calls `fn` after `ms`; returns a cancel function. */
  setTimer: (ms: number, fn: () => void) => () => void;
  /** Runs one check (joins a check already running) and answers its time and headline. */
  check: () => Promise<LastCheck>;
  /** The last check on this machine, whoever started it (null: never). */
  lastCheck: () => Promise<LastCheck | null>;
  notify: (notice: PeriodicNotice) => void;
  logger: Logger;
}

export interface PeriodicChecker {
  /** Applies the setting: schedules the next check, or stops. */
  configure(setting: PeriodicCheck | undefined): Promise<void>;
  /** When the next check runs (ms since the epoch), or null when off. */
  nextAt(): number | null;
  stop(): void;
}

const NOTICES: Record<PeriodicNotice['state'], Omit<PeriodicNotice, 'state'>> = {
  infected: {
    title: textPair('msg.scan.periodic.findingTitle'),
    body: textPair('msg.scan.periodic.findingBody'),
  },
  recent: {
    title: textPair('msg.scan.periodic.recentTitle'),
    body: textPair('msg.scan.periodic.recentBody'),
  },
  cracked: {
    title: textPair('msg.scan.periodic.signsTitle'),
    body: textPair('msg.scan.periodic.signsBody'),
  },
};

/** The periodic checker; off until `configure` turns it on. */
export function createPeriodicCheck(deps: PeriodicCheckDeps): PeriodicChecker {
  let cancel: (() => void) | null = null;
  let next: number | null = null;
  let setting: PeriodicCheck | undefined;
  // Bumped by every configure/stop, so a check that finishes after the setting changed schedules nothing.
  let generation = 0;

  const clear = () => {
    cancel?.();
    cancel = null;
    next = null;
  };
  const schedule = (at: number, gen: number) => {
    clear();
    next = at;
    cancel = deps.setTimer(Math.max(0, at - deps.now()), () => void fire(gen));
  };

  async function fire(gen: number): Promise<void> {
    if (gen !== generation || !setting?.enabled) return;
    cancel = null;
    let delay = setting.hours * HOUR_MS;
    try {
      const result = await deps.check();
      if (result.state !== 'clean' && result.state !== 'sample')
        deps.notify({ state: result.state, ...NOTICES[result.state] });
    } catch (e) {
      deps.logger.warn('periodic check failed; trying again later', { error: String(e) });
      delay = Math.min(delay, RETRY_AFTER_FAILURE_MS);
    }
    if (gen === generation && setting?.enabled) schedule(deps.now() + delay, gen);
  }

  return {
    async configure(next) {
      const gen = ++generation;
      setting = next;
      clear();
      if (!next?.enabled) return;
      const last = await deps.lastCheck().catch(() => null);
      if (gen !== generation) return;
      const lastAt = last ? Date.parse(last.checkedAt) : NaN;
      const due = Number.isFinite(lastAt) ? lastAt + next.hours * HOUR_MS : deps.now();
      schedule(Math.max(due, deps.now()), gen);
    },
    nextAt: () => next,
    stop() {
      generation++;
      setting = undefined;
      clear();
    },
  };
}
