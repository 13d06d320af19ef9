// PostgreSQL store (pg). Each submission is one transaction; PostgreSQL's own group commit
// batches the fsyncs. Concurrent duplicates are settled by the unique submission id: the second
// INSERT waits for the first to commit and then does nothing.
import { HUNT_SUMMARY_COLUMNS, huntSummaryFromRow, type HuntSummaryRow } from './hunt-summary-rows';
import pg from 'pg';
import type { AnonymizedResult } from '../../shared/tally/result';
import { resultHash } from './hash';
import { MACHINE_COLUMNS, MACHINE_CONFLICT_SET, MACHINE_SELECT, machineTotalsSql } from './machine-rules';
import { CAMPAIGN_COLUMNS, CAMPAIGN_UPDATE, campaignFromRow, campaignValues } from './campaign-rows';
import { resultColumns } from './stored-result';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { withResults } from './totals';
import type { AggregateQuery, Aggregates, SubmitOutcome, TallyStore, UnitRow } from './types';

export interface PgStoreOptions {
  connectionString: string;
  /** A schema to work in (created if missing); tests use one per file so they never collide. */
  schema?: string;
  maxConnections?: number;
}

/** Opens the PostgreSQL store and applies pending migrations. */
export async function openPgStore(options: PgStoreOptions): Promise<TallyStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 20,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await migrate(pool);

  const inTx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };

  return {
    kind: 'postgres',
    submit: (r) => inTx((c) => writeOne(c, r)),
    upsertUnits: (units) =>
      inTx(async (c) => {
        let inserted = 0;
        for (const u of units) {
          const res = await c.query<{ inserted: boolean }>(
            `INSERT INTO units (code, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING (xmax = 0) AS inserted`,
            [u.code, u.name, new Date().toISOString()],
          );
          if (res.rows[0]?.inserted) inserted += 1;
        }
        return { inserted, updated: units.length - inserted };
      }),
    async listUnits() {
      return (await pool.query<UnitRow>('SELECT code, name FROM units ORDER BY code')).rows;
    },
    recordCampaign: (campaign, keys) =>
      inTx(async (c) => {
        const res = await c.query<{ inserted: boolean }>(
          `INSERT INTO campaigns (${CAMPAIGN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (id) DO UPDATE SET ${CAMPAIGN_UPDATE} RETURNING (xmax = 0) AS inserted`,
          campaignValues(campaign),
        );
        for (let i = 0; i < keys.length; i += 10_000) {
          await c.query(
            `INSERT INTO campaign_indicators (campaign_id, indicator_key)
             SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING`,
            [campaign.id, keys.slice(i, i + 10_000)],
          );
        }
        return res.rows[0]?.inserted ? 'created' : 'updated';
      }),
    async listCampaigns() {
      const res = await pool.query(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY recorded_at DESC, id`);
      return res.rows.map(campaignFromRow);
    },
    async unknownIndicators(campaignId, ids) {
      if (ids.length === 0) return [];
      const res = await pool.query<{ k: string }>(
        `SELECT k FROM unnest($2::text[]) AS k WHERE NOT EXISTS
           (SELECT 1 FROM campaign_indicators WHERE campaign_id = $1 AND indicator_key = k)`,
        [campaignId, [...new Set(ids)]],
      );
      return res.rows.map((r) => r.k).sort();
    },
    setUnitTokenHash: (unitCode, tokenHash, rotate) =>
      inTx(async (c): Promise<'set' | 'exists' | 'unknown-unit'> => {
        if ((await c.query('SELECT 1 FROM units WHERE code = $1', [unitCode])).rowCount === 0)
          return 'unknown-unit';
        const had = await c.query('SELECT 1 FROM unit_tokens WHERE unit_code = $1 FOR UPDATE', [unitCode]);
        if ((had.rowCount ?? 0) > 0 && !rotate) return 'exists';
        await c.query(
          `INSERT INTO unit_tokens (unit_code, token_hash, created_at) VALUES ($1, $2, $3)
           ON CONFLICT (unit_code) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
          [unitCode, tokenHash, new Date().toISOString()],
        );
        return 'set';
      }),
    async revokeUnitToken(unitCode) {
      return (
        ((await pool.query('DELETE FROM unit_tokens WHERE unit_code = $1', [unitCode])).rowCount ?? 0) > 0
      );
    },
    async unitTokenHashes() {
      const rows = (
        await pool.query<{ token_hash: string; unit_code: string }>(
          'SELECT token_hash, unit_code FROM unit_tokens',
        )
      ).rows;
      return new Map(rows.map((r) => [r.token_hash, r.unit_code]));
    },
    aggregates: (q) => pgAggregates(pool, q),
    submitHuntSummary: (h, receivedAt) =>
      inTx(async (c) => {
        if ((await c.query('SELECT 1 FROM campaigns WHERE id = $1', [h.campaignId])).rowCount === 0)
          return 'unknown-campaign' as const;
        if ((await c.query('SELECT 1 FROM units WHERE code = $1', [h.unitCode])).rowCount === 0)
          return 'unknown-unit' as const;
        const res = await c.query<{ inserted: boolean }>(
          `INSERT INTO hunt_summaries (campaign_id, unit_code, devices, period_start, period_end, received_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (campaign_id, unit_code) DO UPDATE SET devices = excluded.devices,
             period_start = excluded.period_start, period_end = excluded.period_end,
             received_at = excluded.received_at
           RETURNING (xmax = 0) AS inserted`,
          [h.campaignId, h.unitCode, h.devices, h.periodStart, h.periodEnd, receivedAt],
        );
        return res.rows[0]?.inserted ? ('created' as const) : ('replaced' as const);
      }),
    async huntSummaries(campaignId) {
      const res = await pool.query<HuntSummaryRow>(
        `SELECT ${HUNT_SUMMARY_COLUMNS} FROM hunt_summaries WHERE campaign_id = $1 ORDER BY unit_code`,
        [campaignId],
      );
      return res.rows.map(huntSummaryFromRow);
    },
    async resultCount() {
      return Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM results')).rows[0].n);
    },
    async close() {
      await pool.end();
    },
  };
}

async function writeOne(c: pg.PoolClient, r: AnonymizedResult): Promise<SubmitOutcome> {
  const unit = await c.query('SELECT 1 FROM units WHERE code = $1', [r.unitCode]);
  if (unit.rowCount === 0) return { status: 'unknown-unit' };
  const hash = resultHash(r);
  const ins = await c.query<{ seq: string }>(
    `INSERT INTO results (submission_id, payload_hash, install_id, campaign_id, unit_code, day, app_version, os_family,
       os_major, connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs, clean_rescan, matched_ids,
       received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (submission_id) DO NOTHING RETURNING seq`,
    [...resultColumns(r, hash, new Date().toISOString())],
  );
  if (ins.rowCount === 0) {
    const prior = await c.query<{ payload_hash: string }>(
      'SELECT payload_hash FROM results WHERE submission_id = $1',
      [r.submissionId],
    );
    return prior.rows[0]?.payload_hash === hash ? { status: 'duplicate' } : { status: 'conflict' };
  }
  // The same rules, from the same row, as SQLite's fold (machine-rules.ts).
  await c.query(
    `INSERT INTO machines (${MACHINE_COLUMNS}) SELECT ${MACHINE_SELECT} FROM results WHERE seq = $1
     ${MACHINE_CONFLICT_SET}`,
    [ins.rows[0].seq],
  );
  await c.query(
    `INSERT INTO day_counts (campaign_id, unit_code, day, results, last_received)
     SELECT campaign_id, unit_code, day, 1, received_at FROM results WHERE seq = $1
     ON CONFLICT (campaign_id, unit_code, day) DO UPDATE SET results = day_counts.results + 1,
       last_received = GREATEST(day_counts.last_received, excluded.last_received)`,
    [ins.rows[0].seq],
  );
  if (r.matchedIndicatorIds.length > 0) {
    // Sorted so concurrent transactions lock counter rows in the same order (no deadlock).
    await c.query(
      `INSERT INTO indicator_counts (campaign_id, unit_code, indicator_id, results)
       SELECT $1, $2, id, 1 FROM unnest($3::text[]) AS id ORDER BY id
       ON CONFLICT (campaign_id, unit_code, indicator_id) DO UPDATE SET results = indicator_counts.results + 1`,
      [r.campaignId, r.unitCode, [...new Set(r.matchedIndicatorIds)].sort()],
    );
  }
  return { status: 'created' };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // Two servers starting at once must not both apply a migration.
    await c.query('SELECT pg_advisory_xact_lock(872354001)');
    await c.query(SCHEMA_MIGRATIONS_DDL);
    const applied = new Set(
      (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of loadMigrations('postgres')) {
      if (applied.has(m.version)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

async function pgAggregates(pool: pg.Pool, q: AggregateQuery): Promise<Aggregates> {
  const params = [q.campaignId, q.unitCode ?? null];
  const where = 'campaign_id = $1 AND ($2::text IS NULL OR unit_code = $2)';
  // One snapshot for the four reads, as SQLite's one read transaction.
  const c = await pool.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const out = await pgAggregateReads(c, q, params, where);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

async function pgAggregateReads(
  pool: pg.PoolClient,
  q: AggregateQuery,
  params: (string | null)[],
  where: string,
): Promise<Aggregates> {
  const [totals, byDay, top, units] = [
    await pool.query(machineTotalsSql('machines', where), params),
    await pool.query(
      `SELECT day, unit_code AS "unitCode", SUM(results) AS results, MAX(last_received) AS "lastReceived"
       FROM day_counts WHERE ${where} GROUP BY day, unit_code ORDER BY day, unit_code`,
      params,
    ),
    await pool.query(
      `SELECT indicator_id AS "indicatorId", SUM(results) AS results FROM indicator_counts WHERE ${where}
       GROUP BY indicator_id ORDER BY results DESC, indicator_id LIMIT $3`,
      [...params, q.topN ?? 10],
    ),
    await pool.query<UnitRow>('SELECT code, name FROM units ORDER BY code'),
  ];
  const days = byDay.rows.map(
    (d: { day: string; unitCode: string; results: string; lastReceived: string }) => ({
      ...d,
      results: Number(d.results),
    }),
  );
  return {
    units: units.rows,
    totals: withResults(totals.rows as Parameters<typeof withResults>[0], days),
    byDay: days.map((d) => ({ day: d.day, unitCode: d.unitCode, results: d.results })),
    topIndicators: top.rows.map((t: { indicatorId: string; results: string }) => ({
      indicatorId: t.indicatorId,
      results: Number(t.results),
    })),
  };
}
