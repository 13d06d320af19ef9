// Read side of the SQLite store: the dashboard's and the reports' aggregates. Runs on the reader
// thread in production so a scan of many machines never stalls the HTTP thread.
import type Database from 'better-sqlite3';
import type { AggregateQuery, Aggregates, UnitRow } from './types';

/** Aggregates for the dashboard and the reports, read from the maintained tables. */
export function sqliteAggregates(db: Database.Database, q: AggregateQuery): Aggregates {
  const p = { campaign: q.campaignId ?? null, unit: q.unitCode ?? null, top: q.topN ?? 10 };
  const where = '(@campaign IS NULL OR campaign_id = @campaign) AND (@unit IS NULL OR unit_code = @unit)';
  const totals = db
    .prepare(
      `SELECT unit_code AS unitCode, COUNT(*) AS machines, SUM(had_finding) AS withFindings,
        SUM(had_finding * last_clean) AS cleaned, SUM(cracked) AS cracked
      FROM machines WHERE ${where} GROUP BY unit_code`,
    )
    .all(p) as Omit<Aggregates['totals'][number], 'results'>[];
  const byDay = db
    .prepare(
      `SELECT day, unit_code AS unitCode, SUM(results) AS results FROM day_counts WHERE ${where}
      GROUP BY day, unit_code ORDER BY day, unit_code`,
    )
    .all(p) as Aggregates['byDay'];
  const topIndicators = db
    .prepare(
      `SELECT indicator_id AS indicatorId, SUM(results) AS results FROM indicator_counts WHERE ${where}
      GROUP BY indicator_id ORDER BY results DESC, indicator_id LIMIT @top`,
    )
    .all(p) as Aggregates['topIndicators'];
  const units = db.prepare<[], UnitRow>('SELECT code, name FROM units ORDER BY code').all();
  return { units, totals: withResults(totals, byDay), byDay, topIndicators };
}

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
