// A submission id sent again must be a repeat (200) only when every field is the same; any other
// difference is a conflict (409). Both stores must agree: SQLite compares the stored columns,
// PostgreSQL a digest.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnonymizedResult } from '../../shared/tally/result';
import { makeResult, STORES, UNITS, type StoreHandle } from '../../test/support/tally/helpers';

const base = makeResult({
  matchedIndicatorIds: ['ioc-1', 'ioc-2'],
  counts: { connectionsChecked: 42, findings: { ip: 1, cidr: 1, domain: 0 }, crackedSoftwareSigns: 0 },
  cleanRescan: false,
});

/** One variant per field of the result, each differing from `base` in that field only. */
const variants: [string, AnonymizedResult][] = [
  ['installId', { ...base, installId: makeResult().installId }],
  ['campaignId', { ...base, campaignId: 'cd-2027' }],
  ['unitCode', { ...base, unitCode: UNITS[1].code }],
  ['day', { ...base, day: '2026-11-21' }],
  ['appVersion', { ...base, appVersion: '0.1.1' }],
  ['os.family', { ...base, os: { ...base.os, family: 'linux' } }],
  ['os.major', { ...base, os: { ...base.os, major: '11' } }],
  ['connectionsChecked', { ...base, counts: { ...base.counts, connectionsChecked: 43 } }],
  ['findings.ip', { ...base, counts: { ...base.counts, findings: { ...base.counts.findings, ip: 2 } } }],
  ['findings.cidr', { ...base, counts: { ...base.counts, findings: { ...base.counts.findings, cidr: 0 } } }],
  [
    'findings.domain',
    { ...base, counts: { ...base.counts, findings: { ...base.counts.findings, domain: 1 } } },
  ],
  ['crackedSoftwareSigns', { ...base, counts: { ...base.counts, crackedSoftwareSigns: 1 } }],
  ['cleanRescan true', { ...base, cleanRescan: true }],
  ['cleanRescan null', { ...base, cleanRescan: null }],
  ['matchedIndicatorIds order', { ...base, matchedIndicatorIds: ['ioc-2', 'ioc-1'] }],
  ['matchedIndicatorIds shorter', { ...base, matchedIndicatorIds: ['ioc-1'] }],
];

describe.each(STORES)('%s store: repeat or conflict', (_name, factory) => {
  let h: StoreHandle | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('answers a repeat only for identical content and a conflict for any field that differs', async () => {
    h = await factory();
    await h.store.upsertUnits(UNITS);
    expect(await h.store.submit(base)).toEqual({ status: 'created' });
    expect(await h.store.submit(structuredClone(base))).toEqual({ status: 'duplicate' });
    for (const [field, v] of variants) {
      expect({ field, outcome: await h.store.submit(v) }).toEqual({ field, outcome: { status: 'conflict' } });
    }
    expect(await h.store.resultCount()).toBe(1);
    const totals = (await h.store.aggregates({ campaignId: base.campaignId })).totals;
    expect(totals.map((t) => [t.unitCode, t.results, t.machines])).toEqual([[base.unitCode, 1, 1]]);
  });
});
