// The counting rules of the appendix (issue 11), in ONE place for both stores: PostgreSQL applies
// the machines upsert to each result in its submit transaction, SQLite when it folds new results
// into its counts; both read the totals with the same SELECT.
//
// - A machine is an install id within one campaign; it belongs to the unit of its latest result.
// - "Latest" is the server's receive time (`received_at`), ties broken by arrival order (`seq`);
//   the client's `day` plays no part in it, so a result dated in the future cannot stay latest.
// - Row 4, with malicious connections: at least one result had a finding of kind ip, cidr or domain
//   (sticky).
// - Row 5, cleaned: in row 4 and its latest result has no such finding, however it was cleaned.
//   `cleanRescan` is stored as information only; a result with findings is never clean.
// - Row 6, cracked-software signs: its latest result has crackedSoftwareSigns > 0.

/** SQL (SQLite and PostgreSQL) for "this result row has a finding", as 0 or 1. */
const FINDING = 'CASE WHEN findings_ip + findings_cidr + findings_domain > 0 THEN 1 ELSE 0 END';
const CRACKED = 'CASE WHEN cracked_signs > 0 THEN 1 ELSE 0 END';

/** Columns of the machines table in the order of MACHINE_SELECT. */
export const MACHINE_COLUMNS =
  'campaign_id, install_id, unit_code, had_finding, last_finding, cracked, last_received, last_seq';

/** The machines columns computed from a `results` row (alias-free, for INSERT … SELECT). */
export const MACHINE_SELECT = `campaign_id, install_id, unit_code, ${FINDING}, ${FINDING}, ${CRACKED}, received_at, seq`;

const newer = `(excluded.last_received > machines.last_received OR (excluded.last_received = machines.last_received AND excluded.last_seq > machines.last_seq))`;
const latest = (column: string) =>
  `${column} = CASE WHEN ${newer} THEN excluded.${column} ELSE machines.${column} END`;

/** The ON CONFLICT clause of the machines upsert (valid in SQLite and PostgreSQL). */
export const MACHINE_CONFLICT_SET = `ON CONFLICT (campaign_id, install_id) DO UPDATE SET
    had_finding = CASE WHEN excluded.had_finding > machines.had_finding THEN excluded.had_finding ELSE machines.had_finding END,
    ${['unit_code', 'last_finding', 'cracked', 'last_received', 'last_seq'].map(latest).join(',\n    ')}`;

/**
 * Per-unit machine totals from the machines table (both dialects): `where` filters machines.
 * Column aliases are quoted so PostgreSQL keeps their case.
 */
export function machineTotalsSql(machinesTable: string, where: string): string {
  return `SELECT unit_code AS "unitCode", COUNT(*) AS machines, SUM(had_finding) AS "withFindings",
      SUM(had_finding * (1 - last_finding)) AS cleaned, SUM(cracked) AS cracked
    FROM ${machinesTable} WHERE ${where} GROUP BY unit_code`;
}

/** The machines DDL (both dialects); `table` may carry a schema prefix. */
export function machinesDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  campaign_id TEXT NOT NULL,
  install_id TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  had_finding INTEGER NOT NULL,
  last_finding INTEGER NOT NULL,
  cracked INTEGER NOT NULL,
  last_received TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, install_id)
)`;
}
