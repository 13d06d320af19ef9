// PostgreSQL's write path (issue 18): the group-commit queue, the one statement that writes a
// batch, and the indicator check of the results route, batched and remembered.
import type pg from 'pg';
import type { AnonymizedResult } from '../../shared/tally/result';
import { resultHash } from './hash';
import { MACHINE_COLUMNS, MACHINE_CONFLICT_SET } from './machine-rules';
import { resultColumns, sameAsStored, type StoredResultRow } from './stored-result';
import type { SubmitOutcome } from './types';

/** One written batch: its size, how long each submission queued before it started, and the write. */
export interface BatchTiming {
  size: number;
  queuedMs: number[];
  writeMs: number;
}

interface Pending {
  result: AnonymizedResult;
  /** performance.now() when it was queued. */
  at: number;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * The group-commit queue: `submit` queues, and whenever fewer than `inFlight` batches are being
 * written the queue (up to `maxBatch`, one per submission id) becomes the next batch. `drain`
 * resolves once everything queued has been written (before the pool is closed).
 */
export function createBatcher(
  pool: pg.Pool,
  maxBatch: number,
  inFlight: number,
  onBatch: ((b: BatchTiming) => void) | undefined,
) {
  let queue: Pending[] = [];
  let running = 0;
  let scheduled = false;
  let idle: (() => void)[] = [];
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
      const started = performance.now();
      writeBatchRetrying(
        pool,
        batch.map((p) => p.result),
      )
        .then(
          (outcomes) => {
            onBatch?.({
              size: batch.length,
              queuedMs: batch.map((p) => started - p.at),
              writeMs: performance.now() - started,
            });
            batch.forEach((p, i) => p.resolve(outcomes[i]));
          },
          (e: unknown) => batch.forEach((p) => p.reject(e)),
        )
        .finally(() => {
          running -= 1;
          if (queue.length > 0) schedule();
          else if (running === 0) {
            for (const done of idle) done();
            idle = [];
          }
        });
    }
  };
  return {
    submit: (result: AnonymizedResult): Promise<SubmitOutcome> =>
      new Promise((resolve, reject) => {
        queue.push({ result, at: performance.now(), resolve, reject });
        schedule();
      }),
    drain: (): Promise<void> =>
      queue.length === 0 && running === 0 ? Promise.resolve() : new Promise((r) => idle.push(r)),
  };
}

/** At most this many (campaign, indicator) pairs are remembered as published (about 10 MB). */
const KNOWN_INDICATORS_MAX = 100_000;

/**
 * `unknownIndicators`, batched like the writes: the lookups asked for in one turn of the event loop
 * go to the database as one query (one round trip for all the requests being checked at once).
 * A pair found once is remembered: a campaign's indicators are only ever added (a publish adds
 * them, nothing removes them), so it stays published, and the next result that lists it needs no
 * round trip at all. A pair not found is asked again every time (a publish may add it meanwhile).
 */
export function createIndicatorLookup(pool: pg.Pool) {
  const known = new Set<string>();
  const pair = (campaignId: string, id: string) => `${campaignId}\n${id}`;
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
      for (const k of a.ids) {
        campaigns.push(a.campaignId);
        keys.push(k);
      }
    try {
      const res = await pool.query<{ c: string; k: string }>(
        `SELECT DISTINCT c, k FROM unnest($1::text[], $2::text[]) AS t(c, k) WHERE NOT EXISTS
           (SELECT 1 FROM campaign_indicators WHERE campaign_id = t.c AND indicator_key = t.k)`,
        [campaigns, keys],
      );
      const unknown = new Set(res.rows.map((r) => pair(r.c, r.k)));
      if (known.size + keys.length > KNOWN_INDICATORS_MAX) known.clear();
      for (let i = 0; i < keys.length; i += 1) {
        const p = pair(campaigns[i], keys[i]);
        if (!unknown.has(p)) known.add(p);
      }
      for (const a of batch) a.resolve(a.ids.filter((k) => unknown.has(pair(a.campaignId, k))).sort());
    } catch (e) {
      for (const a of batch) a.reject(e);
    }
  };
  return (campaignId: string, ids: string[]): Promise<string[]> => {
    const ask = [...new Set(ids)].filter((k) => !known.has(pair(campaignId, k)));
    if (ask.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (asked.length === 0) setImmediate(() => void run());
      asked.push({ campaignId, ids: ask, resolve, reject });
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
