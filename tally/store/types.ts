// One storage interface, two implementations (SQLite embedded, PostgreSQL when DATABASE_URL is
// set). The server, the CLI and the reports see only this; the test suite runs against both.
import type { AnonymizedResult } from '../../shared/tally/result';

/** What happened to one submission. Only `created` changed the database. */
export type SubmitOutcome =
  | { status: 'created' }
  /** The same submission id with the same content was stored before: an idempotent repeat. */
  | { status: 'duplicate' }
  /** The same submission id with different content: refused, the first one stands. */
  | { status: 'conflict' }
  | { status: 'unknown-unit' };

export interface UnitRow {
  code: string;
  name: string;
}

/** Machine counts of one unit under the counting rules of issue 5. */
export interface UnitTotals {
  unitCode: string;
  results: number;
  machines: number;
  withFindings: number;
  cleaned: number;
  cracked: number;
}

export interface DayCount {
  day: string;
  unitCode: string;
  results: number;
}

export interface IndicatorCount {
  indicatorId: string;
  results: number;
}

export interface Aggregates {
  units: UnitRow[];
  totals: UnitTotals[];
  byDay: DayCount[];
  topIndicators: IndicatorCount[];
}

export interface AggregateQuery {
  campaignId?: string;
  unitCode?: string;
  topN?: number;
}

export interface TallyStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores a validated result; resolves only after the row is committed (durable). */
  submit(result: AnonymizedResult): Promise<SubmitOutcome>;
  /** Adds units or renames existing ones; never deletes. */
  upsertUnits(units: UnitRow[]): Promise<{ inserted: number; updated: number }>;
  listUnits(): Promise<UnitRow[]>;
  aggregates(query: AggregateQuery): Promise<Aggregates>;
  /** Whether the store can do its work now; `problems` in words, for /healthz and the log. */
  health?(): { ok: boolean; problems: string[] };
  /** Number of stored results (tests check that bad input leaves it unchanged). */
  resultCount(): Promise<number>;
  close(): Promise<void>;
}
