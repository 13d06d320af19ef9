// The dashboard's numbers: province totals exact, per-unit breakdowns suppressed under 5.
import type { Aggregates } from '../store/types';
import type { Shown } from './appendix';
import { suppress } from './appendix';
import { unitJumps, type UnitJump } from './jumps';

export interface DashboardStats {
  generatedAt: string;
  province: {
    registeredUnits: number;
    deployedUnits: number;
    results: number;
    machines: number;
    withFindings: number;
    cleaned: number;
    cracked: number;
  };
  units: {
    code: string;
    name: string;
    deployed: boolean;
    results: Shown;
    machines: Shown;
    withFindings: Shown;
    cleaned: Shown;
    cracked: Shown;
  }[];
  byDay: { day: string; results: number }[];
  topIndicators: { indicatorId: string; results: number }[];
  /** Units whose daily count jumped abnormally (jumps.ts): for the administrator to check. */
  jumps: UnitJump[];
}

/** Turns store aggregates into what the dashboard shows. */
export function dashboardStats(agg: Aggregates, now: Date): DashboardStats {
  const byUnit = new Map(agg.totals.map((t) => [t.unitCode, t]));
  const sum = (k: 'results' | 'machines' | 'withFindings' | 'cleaned' | 'cracked') =>
    agg.totals.reduce((a, t) => a + t[k], 0);
  const days = new Map<string, number>();
  for (const d of agg.byDay) days.set(d.day, (days.get(d.day) ?? 0) + d.results);
  return {
    generatedAt: now.toISOString(),
    province: {
      registeredUnits: agg.units.length,
      deployedUnits: agg.units.filter((u) => (byUnit.get(u.code)?.results ?? 0) > 0).length,
      results: sum('results'),
      machines: sum('machines'),
      withFindings: sum('withFindings'),
      cleaned: sum('cleaned'),
      cracked: sum('cracked'),
    },
    units: agg.units.map((u) => {
      const t = byUnit.get(u.code);
      return {
        code: u.code,
        name: u.name,
        deployed: (t?.results ?? 0) > 0,
        results: suppress(t?.results ?? 0),
        machines: suppress(t?.machines ?? 0),
        withFindings: suppress(t?.withFindings ?? 0),
        cleaned: suppress(t?.cleaned ?? 0),
        cracked: suppress(t?.cracked ?? 0),
      };
    }),
    byDay: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, results]) => ({ day, results })),
    topIndicators: agg.topIndicators,
    jumps: unitJumps(agg.byDay),
  };
}
