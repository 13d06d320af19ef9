// A repeat must be told apart from a different result that reuses a submission id.
import { hash } from 'node:crypto';
import type { AnonymizedResult } from '../../shared/tally/result';

/** SHA-256 of the result as the schema orders it, so equal results hash equally. */
export function resultHash(r: AnonymizedResult): string {
  // One-shot: no Hash object per result (the same digest as createHash, Node 20.12+).
  return hash('sha256', JSON.stringify(r), 'base64url');
}

/** 1 when a result reports any campaign finding. */
export function hasFinding(r: AnonymizedResult): number {
  const f = r.counts.findings;
  return f.ip + f.cidr + f.domain > 0 ? 1 : 0;
}
