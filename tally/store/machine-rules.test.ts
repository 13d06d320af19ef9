// hasFinding (issue 19: each comparison here survived a planted mutant).
import { describe, expect, it } from 'vitest';
import { hasFinding } from './hash';
import { makeResult } from '../../test/support/tally/helpers';

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
