// The dashboard's numbers for one campaign: exact, per unit too (the dashboard is behind the admin
// token and is what the officials file from), units that sent nothing first.
import type { Aggregates, CampaignRecord } from '../store/types';
import { silentFirst } from './appendix';

export interface DashboardStats {
  generatedAt: string;
  campaign: CampaignRecord;
  /** Every published campaign, for the picker (most recently published first). */
  campaigns: { id: string; nameVi: string }[];
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
    results: number;
    machines: number;
    withFindings: number;
    cleaned: number;
    cracked: number;
    lastResultAt: string | null;
  }[];
  byDay: { day: string; results: number }[];
  topIndicators: { indicatorId: string; results: number }[];
}

/** Turns one campaign's store aggregates into what the dashboard shows. */
export function dashboardStats(
  agg: Aggregates,
  campaign: CampaignRecord,
  campaigns: CampaignRecord[],
  now: Date,
): DashboardStats {
  const byUnit = new Map(agg.totals.map((t) => [t.unitCode, t]));
  const sum = (k: 'results' | 'machines' | 'withFindings' | 'cleaned' | 'cracked') =>
    agg.totals.reduce((a, t) => a + t[k], 0);
  const days = new Map<string, number>();
  for (const d of agg.byDay) days.set(d.day, (days.get(d.day) ?? 0) + d.results);
  return {
    generatedAt: now.toISOString(),
    campaign,
    campaigns: campaigns.map((c) => ({ id: c.id, nameVi: c.nameVi })),
    province: {
      registeredUnits: agg.units.length,
      deployedUnits: agg.units.filter((u) => (byUnit.get(u.code)?.results ?? 0) > 0).length,
      results: sum('results'),
      machines: sum('machines'),
      withFindings: sum('withFindings'),
      cleaned: sum('cleaned'),
      cracked: sum('cracked'),
    },
    units: silentFirst(
      agg.units.map((u) => {
        const t = byUnit.get(u.code);
        return {
          code: u.code,
          name: u.name,
          deployed: (t?.results ?? 0) > 0,
          results: t?.results ?? 0,
          machines: t?.machines ?? 0,
          withFindings: t?.withFindings ?? 0,
          cleaned: t?.cleaned ?? 0,
          cracked: t?.cracked ?? 0,
          lastResultAt: t?.lastResultAt ?? null,
        };
      }),
    ),
    byDay: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, results]) => ({ day, results })),
    topIndicators: agg.topIndicators,
  };
}
