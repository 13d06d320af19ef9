// PostgreSQL store (pg). Submissions are group-committed (issue 18): those that arrive while the
// earlier batches are being written queue up and go together as ONE statement (one round trip,
// its own transaction: results, machines, day and indicator counts all at once, or nothing), and
// every caller's promise resolves only after that statement has committed (synchronous_commit as
// the server sets it: on by default, so a 2xx follows a durable write). A batch holds each
// submission id at most once (a repeat waits for the next batch), so a repeat is decided the same
// way inside a batch as across batches. Concurrent duplicates, from this process or another tally
// on the same database, are settled by the unique submission id: the second INSERT waits for the
// first to commit and then does nothing. Repeat or conflict is decided by comparing the stored
// columns (stored-result.ts), the same rule as SQLite's, whatever the key order of the JSON.
import { HUNT_SUMMARY_COLUMNS, huntSummaryFromRow, type HuntSummaryRow } from './hunt-summary-rows';
import pg from 'pg';
import type { AnonymizedResult } from '../../shared/tally/result';
import { resultHash } from './hash';
import { MACHINE_COLUMNS, MACHINE_CONFLICT_SET, machineTotalsSql } from './machine-rules';
import { CAMPAIGN_COLUMNS, CAMPAIGN_UPDATE, campaignFromRow, campaignValues } from './campaign-rows';
import { resultColumns, sameAsStored, type StoredResultRow } from './stored-result';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrations';
import { withResults } from './totals';
import type { AggregateQuery, Aggregates, SubmitOutcome, TallyStore, UnitRow } from './types';

export interface PgStoreOptions {
  connectionString: string;
  /** A schema to work in (created if missing); tests use one per file so they never collide. */
  schema?: string;
  maxConnections?: number;
  /** Largest number of submissions in one statement (default 500). */
  maxBatch?: number;
  /** Batches written at the same time, each on its own connection (default 4). */
  batchesInFlight?: number;
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
    submit: createBatcher(pool, options.maxBatch ?? 500, options.batchesInFlight ?? 4),
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
      await pool.end();
    },
  };
}

interface Pending {
  result: AnonymizedResult;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * The group-commit queue: `submit` queues, and whenever fewer than `inFlight` batches are being
 * written the queue (up to `maxBatch`, one per submission id) becomes the next batch.
 */
function createBatcher(pool: pg.Pool, maxBatch: number, inFlight: number) {
  let queue: Pending[] = [];
  let running = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate lets every request already parsed in this turn join the same batch.
    setImmediate(pump);
  };
  const pump = () => {
    scheduled = false;
    while (running < inFlight && queue.length > 0) {
      const ids = new Set<string>();
      const batch: Pending[] = [];
      const later: Pending[] = [];
      for (const p of queue) {
        if (batch.length < maxBatch && !ids.has(p.result.submissionId)) {
          ids.add(p.result.submissionId);
          batch.push(p);
        } else later.push(p);
      }
      queue = later;
      running += 1;
      writeBatchRetrying(
        pool,
        batch.map((p) => p.result),
      )
        .then(
          (outcomes) => batch.forEach((p, i) => p.resolve(outcomes[i])),
          (e: unknown) => batch.forEach((p) => p.reject(e)),
        )
        .finally(() => {
          running -= 1;
          if (queue.length > 0) schedule();
        });
    }
  };
  return (result: AnonymizedResult): Promise<SubmitOutcome> =>
    new Promise((resolve, reject) => {
      queue.push({ result, resolve, reject });
      schedule();
    });
}

/**
 * `unknownIndicators`, batched like the writes: the lookups asked for in one turn of the event loop
 * go to the database as one query (one round trip for all the requests being checked at once).
 */
function createIndicatorLookup(pool: pg.Pool) {
  let asked: {
    campaignId: string;
    ids: string[];
    resolve: (u: string[]) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const run = async () => {
    const batch = asked;
    asked = [];
    const campaigns: string[] = [];
    const keys: string[] = [];
    for (const a of batch)
      for (const k of new Set(a.ids)) {
        campaigns.push(a.campaignId);
        keys.push(k);
      }
    try {
      const res = await pool.query<{ c: string; k: string }>(
        `SELECT DISTINCT c, k FROM unnest($1::text[], $2::text[]) AS t(c, k) WHERE NOT EXISTS
           (SELECT 1 FROM campaign_indicators WHERE campaign_id = t.c AND indicator_key = t.k)`,
        [campaigns, keys],
      );
      const unknown = new Set(res.rows.map((r) => `${r.c}\n${r.k}`));
      for (const a of batch)
        a.resolve([...new Set(a.ids)].filter((k) => unknown.has(`${a.campaignId}\n${k}`)).sort());
    } catch (e) {
      for (const a of batch) a.reject(e);
    }
  };
  return (campaignId: string, ids: string[]): Promise<string[]> => {
    if (ids.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (asked.length === 0) setImmediate(() => void run());
      asked.push({ campaignId, ids, resolve, reject });
    });
  };
}

/** Deadlock and serialization failures roll the whole statement back: it is simply run again. */
async function writeBatchRetrying(pool: pg.Pool, batch: AnonymizedResult[]): Promise<SubmitOutcome[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await writeBatch(pool, batch);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw e;
    }
  }
}

const STORED_COLUMNS = `install_id, campaign_id, unit_code, day, app_version, os_family, os_major,
  connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs, clean_rescan, matched_ids`;
const RESULT_COLUMNS = `submission_id, payload_hash, ${STORED_COLUMNS}, received_at`;
const FINDING = 'CASE WHEN findings_ip + findings_cidr + findings_domain > 0 THEN 1 ELSE 0 END';

/**
 * One statement for the whole batch (autocommit: committed when it returns). Results are
 * inserted in arrival order, so their seq breaks a tie in receive time as SQLite's does (the
 * machine's latest result); every counter is written in key order, so that concurrent batches lock
 * those rows in the same order (two batches holding the same new submission ids in opposite orders
 * can still deadlock: PostgreSQL aborts one, and it is run again). `prior` is the statement's
 * snapshot: results stored before it began.
 */
const BATCH_SQL = `WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::text[], $10::int[], $11::int[], $12::int[], $13::int[], $14::int[], $15::int[], $16::text[])
    WITH ORDINALITY AS t(${RESULT_COLUMNS.replace(', received_at', '')}, ord)
), checked AS (
  SELECT input.*, EXISTS (SELECT 1 FROM units WHERE units.code = input.unit_code) AS unit_ok FROM input
), ins AS (
  INSERT INTO results (${RESULT_COLUMNS})
  SELECT ${RESULT_COLUMNS.replace(', received_at', '')}, $17 FROM checked WHERE unit_ok ORDER BY ord
  ON CONFLICT (submission_id) DO NOTHING
  RETURNING seq, submission_id, campaign_id, install_id, unit_code, day, received_at, matched_ids,
    ${FINDING} AS finding, CASE WHEN cracked_signs > 0 THEN 1 ELSE 0 END AS cracked
), m AS (
  INSERT INTO machines (${MACHINE_COLUMNS})
  SELECT DISTINCT ON (campaign_id, install_id) campaign_id, install_id, unit_code,
    MAX(finding) OVER (PARTITION BY campaign_id, install_id), finding, cracked, received_at, seq
  FROM ins ORDER BY campaign_id, install_id, received_at DESC, seq DESC
  ${MACHINE_CONFLICT_SET}
), d AS (
  INSERT INTO day_counts (campaign_id, unit_code, day, results, last_received)
  SELECT campaign_id, unit_code, day, COUNT(*), MAX(received_at) FROM ins
  GROUP BY campaign_id, unit_code, day ORDER BY campaign_id, unit_code, day
  ON CONFLICT (campaign_id, unit_code, day) DO UPDATE SET results = day_counts.results + excluded.results,
    last_received = GREATEST(day_counts.last_received, excluded.last_received)
), ic AS (
  INSERT INTO indicator_counts (campaign_id, unit_code, indicator_id, results)
  SELECT campaign_id, unit_code, id, COUNT(*) FROM (
    SELECT DISTINCT ins.seq, ins.campaign_id, ins.unit_code, id
    FROM ins, jsonb_array_elements_text(ins.matched_ids::jsonb) AS id) AS per_result
  GROUP BY campaign_id, unit_code, id ORDER BY campaign_id, unit_code, id
  ON CONFLICT (campaign_id, unit_code, indicator_id) DO UPDATE SET results = indicator_counts.results + excluded.results
)
SELECT checked.ord, checked.unit_ok, ins.seq IS NOT NULL AS created, prior.seq IS NOT NULL AS had_prior,
  ${STORED_COLUMNS.split(',')
    .map((c) => `prior.${c.trim()}`)
    .join(', ')}
FROM checked LEFT JOIN ins ON ins.submission_id = checked.submission_id
  LEFT JOIN results AS prior ON prior.submission_id = checked.submission_id
ORDER BY checked.ord`;

type BatchRow = StoredResultRow & { ord: string; unit_ok: boolean; created: boolean; had_prior: boolean };

/** Writes a batch whose submission ids are all different; one outcome per result, in order. */
async function writeBatch(pool: pg.Pool, batch: AnonymizedResult[]): Promise<SubmitOutcome[]> {
  const receivedAt = new Date().toISOString();
  const columns: unknown[][] = Array.from({ length: 16 }, () => []);
  for (const r of batch) {
    const row = resultColumns(r, resultHash(r), receivedAt);
    for (let i = 0; i < 16; i += 1) columns[i].push(row[i]);
  }
  const res = await pool.query<BatchRow>(BATCH_SQL, [...columns, receivedAt]);
  const outcomes: SubmitOutcome[] = [];
  // Repeats of a submission another transaction committed while this statement waited for it:
  // the statement's snapshot is older than that row, so it is read again.
  const unseen: number[] = [];
  for (const row of res.rows) {
    const i = Number(row.ord) - 1;
    const r = batch[i];
    if (!row.unit_ok) outcomes[i] = { status: 'unknown-unit' };
    else if (row.created) outcomes[i] = { status: 'created' };
    else if (row.had_prior) outcomes[i] = repeatOrConflict(row, r);
    else unseen.push(i);
  }
  if (unseen.length > 0) {
    const prior = await pool.query<StoredResultRow & { submission_id: string }>(
      `SELECT submission_id, ${STORED_COLUMNS} FROM results WHERE submission_id = ANY($1::text[])`,
      [unseen.map((i) => batch[i].submissionId)],
    );
    const byId = new Map(prior.rows.map((p) => [p.submission_id, p]));
    // Not there at all: the other transaction rolled back after this statement skipped the row.
    // Those are written again, on their own (the rest of this batch is committed and answered).
    const gone: number[] = [];
    for (const i of unseen) {
      const p = byId.get(batch[i].submissionId);
      if (p) outcomes[i] = repeatOrConflict(p, batch[i]);
      else gone.push(i);
    }
    if (gone.length > 0) {
      const again = await writeBatchRetrying(
        pool,
        gone.map((i) => batch[i]),
      );
      gone.forEach((i, k) => (outcomes[i] = again[k]));
    }
  }
  return outcomes;
}

/** The same submission id was stored before: the same content is a repeat, anything else a conflict. */
function repeatOrConflict(stored: StoredResultRow, r: AnonymizedResult): SubmitOutcome {
  return sameAsStored(stored, r) ? { status: 'duplicate' } : { status: 'conflict' };
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
