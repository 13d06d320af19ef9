// A repeat must be told apart from a different result that reuses a submission id.
import { hash } from 'node:crypto';
import type { AnonymizedResult } from '../../shared/tally/result';

/**
 * SHA-256 of the result as the schema orders it: the digest PostgreSQL's payload_hash has always
 * held. It no longer decides anything (both stores compare the stored columns: stored-result.ts,
 * key order plays no part); it is still written so that an older tally on the same database, during
 * an upgrade of several instances, still tells a repeat of a new row from a conflict.
 */
export function resultHash(r: AnonymizedResult): string {
  // One-shot: no Hash object per result (the same digest as createHash, Node 20.12+).
  return hash('sha256', JSON.stringify(r), 'base64url');
}

/** 1 when a result reports any campaign finding. */
export function hasFinding(r: AnonymizedResult): number {
  const f = r.counts.findings;
  return f.ip + f.cidr + f.domain > 0 ? 1 : 0;
}
