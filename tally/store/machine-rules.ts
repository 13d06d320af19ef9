// The counting rules of issue 5 as one upsert per result, shared by both dialects (PostgreSQL runs
// it in the submit transaction, SQLite when it folds new results into its counts): a machine is
// counted once per campaign; findings and cracked-software signs are sticky; the unit and the
// clean re-scan follow the machine's latest result (by day, then by arrival).
import type { AnonymizedResult } from '../../shared/tally/result';
import { hasFinding } from './hash';

const newer = `(excluded.last_day > machines.last_day OR (excluded.last_day = machines.last_day AND excluded.last_seq > machines.last_seq))`;

/** The ON CONFLICT clause of the machines upsert (valid in SQLite and PostgreSQL). */
export const MACHINE_CONFLICT_SET = `ON CONFLICT (campaign_id, install_id) DO UPDATE SET
    had_finding = CASE WHEN excluded.had_finding > machines.had_finding THEN excluded.had_finding ELSE machines.had_finding END,
    cracked = CASE WHEN excluded.cracked > machines.cracked THEN excluded.cracked ELSE machines.cracked END,
    unit_code = CASE WHEN ${newer} THEN excluded.unit_code ELSE machines.unit_code END,
    last_clean = CASE WHEN ${newer} THEN excluded.last_clean ELSE machines.last_clean END,
    last_seq = CASE WHEN ${newer} THEN excluded.last_seq ELSE machines.last_seq END,
    last_day = CASE WHEN ${newer} THEN excluded.last_day ELSE machines.last_day END`;

/** Column values of the machines upsert for one result stored at sequence number `seq`. */
export function machineParams(r: AnonymizedResult, seq: number) {
  return {
    campaignId: r.campaignId,
    installId: r.installId,
    unitCode: r.unitCode,
    hadFinding: hasFinding(r),
    cracked: r.counts.crackedSoftwareSigns > 0 ? 1 : 0,
    day: r.day,
    seq,
    clean: r.cleanRescan === true ? 1 : 0,
  };
}
