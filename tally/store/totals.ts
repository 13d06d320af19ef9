// Shared by both stores' aggregate reads.
import type { Aggregates } from './types';

/** Adds each unit's number of results (from the per-day counters) to its machine totals. */
export function withResults(
  totals: Omit<Aggregates['totals'][number], 'results'>[],
  byDay: Aggregates['byDay'],
): Aggregates['totals'] {
  const results = new Map<string, number>();
  for (const d of byDay) results.set(d.unitCode, (results.get(d.unitCode) ?? 0) + Number(d.results));
  return totals.map((t) => ({
    unitCode: t.unitCode,
    results: results.get(t.unitCode) ?? 0,
    machines: Number(t.machines),
    withFindings: Number(t.withFindings),
    cleaned: Number(t.cleaned),
    cracked: Number(t.cracked),
  }));
}
