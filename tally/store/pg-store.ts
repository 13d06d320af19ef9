// PostgreSQL store (pg). Submissions are group-committed (issue 18): those that arrive while the
// earlier batches are being written queue up and go together as ONE statement (one round trip,
// its own transaction: results, machines, day and indicator counts all at once, or nothing), and
// every caller's promise resolves only after that statement has committed (synchronous_commit as
// the server sets it: on by default, so a 2xx follows a durable write). A batch holds each
// submission id at most once (a repeat waits for the next batch), so a repeat is decided the same
// way inside a batch as across batches. Concurrent duplicates, from this process or another tally
// on the same database, are settled by the unique submission id: the second INSERT waits for the
// first to commit and then does nothing. Repeat or conflict is decided by comparing the stored
// columns (stored-result.ts), the same rule as SQLite's, whatever the key order of the JSON. The
// queue, the batch statement and the indicator check are in pg-writer.ts.
import { HUNT_SUMMARY_COLUMNS, huntSummaryFromRow, type HuntSummaryRow } from './hunt-summary-rows';
import pg from 'pg';
import { machineTotalsSql } from './machine-rules';
import { CAMPAIGN_COLUMNS, CAMPAIGN_UPDATE, campaignFromRow, campaignValues } from './campaign-rows';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { createBatcher, createIndicatorLookup, type BatchTiming } from './pg-writer';
import { withResults } from './totals';
import type { AggregateQuery, Aggregates, TallyStore, UnitRow } from './types';

export interface PgStoreOptions {
  connectionString: string;
  /** A schema to work in (created if missing); tests use one per file so they never collide. */
  schema?: string;
  maxConnections?: number;
  /** Largest number of submissions in one statement (default 500). */
  maxBatch?: number;
  /** Batches written at the same time, each on its own connection (default 4). */
  batchesInFlight?: number;
  /** Called after each batch is written (the benchmark's latency breakdown); nothing by default. */
  onBatch?: (b: BatchTiming) => void;
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

  const inTx = <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => transaction(pool, 'BEGIN', fn);

  const batcher = createBatcher(pool, options.maxBatch ?? 500, options.batchesInFlight ?? 4, options.onBatch);
  return {
    kind: 'postgres',
    submit: batcher.submit,
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
    unknownIndicators: createIndicatorLookup(pool),
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
      // What is queued was validated and may have been answered soon: write it, then close.
      await batcher.drain();
      await pool.end();
    },
  };
}

/** Runs `fn` on one pooled connection inside `begin` … COMMIT; ROLLBACK when it throws. */
async function transaction<T>(
  pool: pg.Pool,
  begin: string,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query(begin);
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

function migrate(pool: pg.Pool): Promise<void> {
  return transaction(pool, 'BEGIN', async (c) => {
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
  });
}

async function pgAggregates(pool: pg.Pool, q: AggregateQuery): Promise<Aggregates> {
  const params = [q.campaignId, q.unitCode ?? null];
  const where = 'campaign_id = $1 AND ($2::text IS NULL OR unit_code = $2)';
  // One snapshot for the four reads, as SQLite's one read transaction.
  return transaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (c) =>
    pgAggregateReads(c, q, params, where),
  );
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
