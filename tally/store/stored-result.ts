// SQLite keeps every field of a result in its own column, so a repeated submission id can be
// compared with what was stored without a hash computed on every insert.
import type { AnonymizedResult } from '../../shared/tally/result';

/** The columns of `results` that hold a submission's content. */
export interface StoredResultRow {
  install_id: string;
  campaign_id: string;
  unit_code: string;
  day: string;
  app_version: string;
  os_family: string;
  os_major: string;
  connections_checked: number;
  findings_ip: number;
  findings_cidr: number;
  findings_domain: number;
  cracked_signs: number;
  clean_rescan: number | null;
  matched_ids: string;
}

/** True when a stored row holds exactly this result (same id assumed: the row was found by it). */
export function sameAsStored(row: StoredResultRow, r: AnonymizedResult): boolean {
  const clean = r.cleanRescan === null ? null : r.cleanRescan ? 1 : 0;
  return (
    row.install_id === r.installId &&
    row.campaign_id === r.campaignId &&
    row.unit_code === r.unitCode &&
    row.day === r.day &&
    row.app_version === r.appVersion &&
    row.os_family === r.os.family &&
    row.os_major === r.os.major &&
    row.connections_checked === r.counts.connectionsChecked &&
    row.findings_ip === r.counts.findings.ip &&
    row.findings_cidr === r.counts.findings.cidr &&
    row.findings_domain === r.counts.findings.domain &&
    row.cracked_signs === r.counts.crackedSoftwareSigns &&
    row.clean_rescan === clean &&
    row.matched_ids === JSON.stringify(r.matchedIndicatorIds)
  );
}

/**
 * The values of one results row, in the column order both stores insert them (submission_id,
 * payload_hash, install_id, campaign_id, unit_code, day, app_version, os_family, os_major,
 * connections_checked, findings_ip, findings_cidr, findings_domain, cracked_signs, clean_rescan,
 * matched_ids, received_at).
 */
export function resultColumns(r: AnonymizedResult, payloadHash: string, receivedAt: string) {
  return [
    r.submissionId,
    payloadHash,
    r.installId,
    r.campaignId,
    r.unitCode,
    r.day,
    r.appVersion,
    r.os.family,
    r.os.major,
    r.counts.connectionsChecked,
    r.counts.findings.ip,
    r.counts.findings.cidr,
    r.counts.findings.domain,
    r.counts.crackedSoftwareSigns,
    r.cleanRescan === null ? null : r.cleanRescan ? 1 : 0,
    JSON.stringify(r.matchedIndicatorIds),
    receivedAt,
  ] as const;
}
