// The column values of the machines upsert (PostgreSQL's submit path) and hasFinding (issue 19:
// each comparison here survived a planted mutant).
import { describe, expect, it } from 'vitest';
import { hasFinding } from '../../../tally/store/hash';
import { machineParams } from '../../../tally/store/machine-rules';
import { makeResult } from './helpers';

const counts = (ip: number, cidr: number, domain: number, crackedSoftwareSigns = 0) => ({
  connectionsChecked: 10,
  findings: { ip, cidr, domain },
  crackedSoftwareSigns,
});

describe('hasFinding', () => {
  it.each([
    [0, 0, 0, 0],
    [1, 0, 0, 1],
    [0, 1, 0, 1],
    [0, 0, 1, 1],
    [2, 3, 0, 1],
    [1, 0, 1, 1],
    [0, 2, 1, 1],
  ])('ip %i, cidr %i, domain %i → %i', (ip, cidr, domain, expected) => {
    expect(hasFinding(makeResult({ counts: counts(ip, cidr, domain) }))).toBe(expected);
  });
});

describe('machineParams', () => {
  it('maps a result and its sequence number to the upsert columns', () => {
    const r = makeResult({
      unitCode: 'UB-HUYEN-A',
      day: '2026-11-21',
      cleanRescan: true,
      counts: counts(0, 0, 2, 3),
    });
    expect(machineParams(r, 17)).toEqual({
      campaignId: 'cd-2026',
      installId: r.installId,
      unitCode: 'UB-HUYEN-A',
      hadFinding: 1,
      cracked: 1,
      day: '2026-11-21',
      seq: 17,
      clean: 1,
    });
  });

  it('a result without signs, findings or a clean re-scan is 0 in each', () => {
    for (const cleanRescan of [null, false] as const) {
      const p = machineParams(makeResult({ cleanRescan, counts: counts(0, 0, 0, 0) }), 1);
      expect([p.hadFinding, p.cracked, p.clean]).toEqual([0, 0, 0]);
    }
    expect(machineParams(makeResult({ counts: counts(0, 0, 0, 1) }), 2).cracked).toBe(1);
  });
});
