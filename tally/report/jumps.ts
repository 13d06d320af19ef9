// Units whose daily count jumps abnormally: the dashboard flags them so the administrator checks
// them (a leaked or misused enrolment token, a script submitting forged machines). A flag is a
// prompt to look, not a verdict: a unit that really deploys to all its PCs on one day is flagged too.
import type { DayCount } from '../store/types';

/** One flagged day of one unit. */
export interface UnitJump {
  unitCode: string;
  day: string;
  results: number;
  /** The unit's usual day: the median of its earlier days. */
  typical: number;
}

export const JUMP_RULE = {
  /** Earlier days with results needed before a day can be abnormal. */
  minHistoryDays: 3,
  /** A day is abnormal at this many times the unit's median day… */
  factor: 4,
  /** …and at least this many results (small units vary a lot). */
  minResults: 20,
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Every (unit, day) whose count is ≥ factor × the unit's median of earlier days (and ≥ minResults). */
export function unitJumps(byDay: readonly DayCount[], rule = JUMP_RULE): UnitJump[] {
  const perUnit = new Map<string, DayCount[]>();
  for (const d of byDay) perUnit.set(d.unitCode, [...(perUnit.get(d.unitCode) ?? []), d]);
  const jumps: UnitJump[] = [];
  for (const [unitCode, days] of perUnit) {
    const sorted = days.filter((d) => d.results > 0).sort((a, b) => a.day.localeCompare(b.day));
    sorted.forEach((d, i) => {
      if (i < rule.minHistoryDays) return;
      const typical = median(sorted.slice(0, i).map((x) => x.results));
      if (d.results >= rule.minResults && d.results >= rule.factor * typical)
        jumps.push({ unitCode, day: d.day, results: d.results, typical });
    });
  }
  return jumps.sort((a, b) => b.day.localeCompare(a.day) || a.unitCode.localeCompare(b.unitCode));
}
