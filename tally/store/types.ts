// One storage interface, two implementations (SQLite embedded, PostgreSQL when DATABASE_URL is
// set). The server, the CLI and the reports see only this; the test suite runs against both.
import type { HuntSummary, StoredHuntSummary } from '../../shared/tally/hunt-summary';
import type { AnonymizedResult } from '../../shared/tally/result';

/** What happened to one submission. Only `created` changed the database. */
export type SubmitOutcome =
  | { status: 'created' }
  /** The same submission id with the same content was stored before: an idempotent repeat. */
  | { status: 'duplicate' }
  /** The same submission id with different content: refused, the first one stands. */
  | { status: 'conflict' }
  | { status: 'unknown-unit' };

/** A campaign the agency published a signed feed to (`tally feed publish`). */
export interface CampaignRecord {
  id: string;
  nameVi: string;
  nameEn: string;
  /** The letter that launched it, e.g. "1298/CATTT-NCSC"; empty when the feed names none. */
  letter: string;
  startsOn: string;
  endsOn: string;
  reportDeadline: string;
  feedVersion: number;
  /** The feed's own publishedAt. */
  feedPublishedAt: string;
  /** When this tally recorded (last published) it. */
  recordedAt: string;
}

export interface UnitRow {
  code: string;
  name: string;
}

/** Machine counts of one unit under the counting rules (machine-rules.ts). */
export interface UnitTotals {
  unitCode: string;
  results: number;
  /** Server receive time (ISO) of the unit's last result; null when it sent none. */
  lastResultAt: string | null;
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
  /** Every count is for one campaign. */
  campaignId: string;
  unitCode?: string;
  topN?: number;
}

/** What became of a hunt summary. */
export type HuntSummaryOutcome = 'created' | 'replaced' | 'unknown-unit' | 'unknown-campaign';

export interface TallyStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores a validated result; resolves only after the row is committed (durable). */
  submit(result: AnonymizedResult): Promise<SubmitOutcome>;
  /** Adds units or renames existing ones; never deletes. */
  upsertUnits(units: UnitRow[]): Promise<{ inserted: number; updated: number }>;
  listUnits(): Promise<UnitRow[]>;
  /** Records a published campaign (or updates it) and adds its feed's indicator keys. */
  recordCampaign(c: CampaignRecord, indicatorKeys: string[]): Promise<'created' | 'updated'>;
  /** Every recorded campaign, the most recently recorded first. */
  listCampaigns(): Promise<CampaignRecord[]>;
  /** The ids among `ids` that are not indicator keys of the campaign's published feeds. */
  unknownIndicators(campaignId: string, ids: string[]): Promise<string[]>;
  aggregates(query: AggregateQuery): Promise<Aggregates>;
  /**
   * Sets a unit's enrolment token (its SHA-256, hex). Without `rotate` an existing token stays and
   * the answer is 'exists'; with it the old token stops working.
   */
  setUnitTokenHash(
    unitCode: string,
    tokenHash: string,
    rotate: boolean,
  ): Promise<'set' | 'exists' | 'unknown-unit'>;
  /** Removes a unit's token (true when it had one): its machines can no longer submit. */
  revokeUnitToken(unitCode: string): Promise<boolean>;
  /** Every enrolled unit: token hash → unit code. */
  unitTokenHashes(): Promise<Map<string, string>>;
  /** Whether the store can do its work now; `problems` in words, for /healthz and the log. */
  health?(): { ok: boolean; problems: string[] };
  /** Stores a unit's hunt summary for a campaign, replacing its earlier one; committed before it resolves. */
  submitHuntSummary(s: HuntSummary, receivedAt: string): Promise<HuntSummaryOutcome>;
  /** The campaign's hunt summaries, one per unit that sent one, by unit code. */
  huntSummaries(campaignId: string): Promise<StoredHuntSummary[]>;
  /** Number of stored results (tests check that bad input leaves it unchanged). */
  resultCount(): Promise<number>;
  close(): Promise<void>;
}
