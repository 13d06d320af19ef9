// Rows already stored carry the digest of the earlier implementation (createHash): a repeat sent
// after an upgrade must still be recognised as a repeat (200), not as a conflict (409).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resultHash } from './hash';
import { makeResult, withFindings } from '../../test/support/tally/helpers';

describe('resultHash', () => {
  it('gives the digest stored by earlier versions, and differs when the content does', () => {
    const a = makeResult();
    const b = withFindings(a, ['ioc-7'], true);
    for (const r of [a, b])
      expect(resultHash(r)).toBe(createHash('sha256').update(JSON.stringify(r)).digest('base64url'));
    expect(resultHash(a)).not.toBe(resultHash(b));
  });
});
