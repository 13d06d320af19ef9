// Shared by both stores' aggregate reads.
import type { Aggregates } from './types';

type MachineTotals = Omit<Aggregates['totals'][number], 'results' | 'lastResultAt'>;

/** Adds each unit's number of results and last result time (from the per-day counters) to its machine totals. */
export function withResults(
  totals: MachineTotals[],
  byDay: (Aggregates['byDay'][number] & { lastReceived: string })[],
): Aggregates['totals'] {
  const results = new Map<string, { n: number; last: string }>();
  for (const d of byDay) {
    const r = results.get(d.unitCode) ?? { n: 0, last: '' };
    r.n += Number(d.results);
    if (d.lastReceived > r.last) r.last = d.lastReceived;
    results.set(d.unitCode, r);
  }
  const units = new Set([...totals.map((t) => t.unitCode), ...results.keys()]);
  const byUnit = new Map(totals.map((t) => [t.unitCode, t]));
  return [...units].sort().map((unitCode) => {
    const t = byUnit.get(unitCode);
    const r = results.get(unitCode);
    return {
      unitCode,
      results: r?.n ?? 0,
      lastResultAt: r && r.last !== '' ? r.last : null,
      machines: Number(t?.machines ?? 0),
      withFindings: Number(t?.withFindings ?? 0),
      cleaned: Number(t?.cleaned ?? 0),
      cracked: Number(t?.cracked ?? 0),
    };
  });
}
