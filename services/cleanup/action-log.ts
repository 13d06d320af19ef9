// The action log: every proposal, run, refusal and failure, with time and arguments, in order.
import type { ActionLogEntry } from './types';

/** An append-only action log. */
export interface ActionLog {
  add(entry: Omit<ActionLogEntry, 'time'>): ActionLogEntry;
  entries(): readonly ActionLogEntry[];
}

/**
 * Creates an action log stamped by `clock` (injected so tests and reports agree on times); `sink`
 * gets every entry as it is added (the durable log on disk), before the step goes on.
 */
export function createActionLog(
  clock: () => Date = () => new Date(),
  sink?: (entry: ActionLogEntry) => void,
): ActionLog {
  const list: ActionLogEntry[] = [];
  return {
    add(entry) {
      const full = { time: clock().toISOString(), ...entry };
      sink?.(full);
      list.push(Object.freeze(full));
      return full;
    },
    entries: () => list.slice(),
  };
}
