// The indicator check of the results route on PostgreSQL (pg-writer.ts): the lookups of one turn
// are one query, a published (campaign, indicator) pair is remembered (a campaign's indicators are
// only ever added), and a pair not published is asked again every time, so a later publish counts.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createIndicatorLookup } from './pg-writer';

/** A pool that answers the lookup from a set of published `campaign:indicator` pairs, and records each query. */
function fakePool(published: Set<string>) {
  const queries: string[][] = [];
  const query = (_sql: string, [campaigns, keys]: [string[], string[]]) => {
    queries.push(keys.map((k, i) => `${campaigns[i]}:${k}`));
    const rows = keys.map((k, i) => ({ c: campaigns[i], k })).filter((r) => !published.has(`${r.c}:${r.k}`));
    return Promise.resolve({ rows });
  };
  return { pool: { query } as unknown as pg.Pool, queries };
}

describe('PostgreSQL indicator check', () => {
  it('asks for a published pair once, and for a pair not published every time', async () => {
    const published = new Set(['cd-2026:ioc-1']);
    const { pool, queries } = fakePool(published);
    const unknown = createIndicatorLookup(pool);
    expect(await unknown('cd-2026', ['ioc-x', 'ioc-1', 'ioc-1'])).toEqual(['ioc-x']);
    expect(queries).toEqual([['cd-2026:ioc-x', 'cd-2026:ioc-1']]);
    // Known now: answered without the database.
    expect(await unknown('cd-2026', ['ioc-1'])).toEqual([]);
    expect(queries).toHaveLength(1);
    // Not published: asked again, only that one; once the agency publishes it, it counts.
    expect(await unknown('cd-2026', ['ioc-1', 'ioc-x'])).toEqual(['ioc-x']);
    expect(queries[1]).toEqual(['cd-2026:ioc-x']);
    published.add('cd-2026:ioc-x');
    expect(await unknown('cd-2026', ['ioc-x'])).toEqual([]);
    // A pair belongs to its campaign: the same id in another campaign is asked for.
    expect(await unknown('cd-2027', ['ioc-1'])).toEqual(['ioc-1']);
    expect(queries).toHaveLength(4);
  });

  it('lookups of the same turn share one query', async () => {
    const { pool, queries } = fakePool(new Set(['cd-2026:ioc-1', 'cd-2026:ioc-2']));
    const unknown = createIndicatorLookup(pool);
    const answers = await Promise.all([
      unknown('cd-2026', ['ioc-1']),
      unknown('cd-2026', ['ioc-2', 'ioc-z', 'ioc-y']),
      unknown('cd-2026', []),
    ]);
    expect(answers).toEqual([[], ['ioc-y', 'ioc-z'], []]);
    expect(queries).toHaveLength(1);
  });
});
