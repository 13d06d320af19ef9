// PostgreSQL keeps its machines in the submit transaction, so migration 004 must rebuild them from
// the stored results under the counting rules of issue 11 (latest by receive time, row 5 from the
// latest result's findings, row 6 from the latest result) and fill the day counters' last result time.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { openPgStore } from './pg-store';
import { insertResultRow, makeResult, UNITS, withFindings } from '../../test/support/tally/helpers';

describe('PostgreSQL upgrade to migration 004', () => {
  it('rebuilds the machines of a database written under the old rules', async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url)
      throw new Error('TEST_DATABASE_URL is not set: run `source scripts/pg-test.sh && pg_start` first.');
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.query(SCHEMA_MIGRATIONS_DDL);
      for (const m of loadMigrations('postgres').filter((x) => x.version <= 3)) {
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, '']);
      }
      for (const u of UNITS) await c.query('INSERT INTO units VALUES ($1, $2, $3)', [u.code, u.name, '']);
      const [a, b, m3] = [randomUUID(), randomUUID(), randomUUID()];
      // a: a finding, then a "clean re-scan" that still had a finding (old rules: cleaned; new: not).
      // b: a finding, then a result without one whose client day is earlier (old: not cleaned; new: cleaned).
      // m3: cracked once, then not (old: sticky; new: the latest decides), moved from SO to HUYEN.
      const rows = [
        [
          withFindings(makeResult({ installId: a, day: '2026-11-20' }), ['ioc-1']),
          '2026-11-20T01:00:00.000Z',
        ],
        [
          withFindings(makeResult({ installId: a, day: '2026-11-21' }), ['ioc-1'], true),
          '2026-11-21T01:00:00.000Z',
        ],
        [
          withFindings(makeResult({ installId: b, day: '2026-11-22' }), ['ioc-2']),
          '2026-11-22T01:00:00.000Z',
        ],
        [makeResult({ installId: b, day: '2026-11-19' }), '2026-11-23T01:00:00.000Z'],
        [
          makeResult({
            installId: m3,
            counts: {
              connectionsChecked: 1,
              findings: { ip: 0, cidr: 0, domain: 0 },
              crackedSoftwareSigns: 1,
            },
          }),
          '2026-11-20T02:00:00.000Z',
        ],
        [makeResult({ installId: m3, unitCode: 'UB-HUYEN-A' }), '2026-11-21T02:00:00.000Z'],
      ] as const;
      for (const [r, at] of rows) {
        await insertResultRow(c, r, 'h', at);
        // The old layout's counters, as the old code kept them.
        await c.query(
          `INSERT INTO day_counts VALUES ($1, $2, $3, 1) ON CONFLICT (campaign_id, unit_code, day)
           DO UPDATE SET results = day_counts.results + 1`,
          [r.campaignId, r.unitCode, r.day],
        );
      }
    } finally {
      await c.end();
    }
    const store = await openPgStore({ connectionString: url, schema });
    try {
      const agg = await store.aggregates({ campaignId: 'cd-2026' });
      expect(agg.totals.map(({ lastResultAt, ...t }) => ({ ...t, last: lastResultAt }))).toEqual([
        {
          unitCode: 'SO-TTTT',
          results: 5,
          machines: 2,
          withFindings: 2,
          cleaned: 1,
          cracked: 0,
          last: '2026-11-23T01:00:00.000Z',
        },
        {
          unitCode: 'UB-HUYEN-A',
          results: 1,
          machines: 1,
          withFindings: 0,
          cleaned: 0,
          cracked: 0,
          last: '2026-11-21T02:00:00.000Z',
        },
      ]);
    } finally {
      await store.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
