// One repeat rule for both stores (issue 14): a repeat is the same submission id with the same
// field values, compared field by field (stored-result.ts), whatever order the keys of the JSON
// came in. PostgreSQL used to hash JSON.stringify of the object, so the same result with its keys
// in another order (another client version, another schema order) was refused as a conflict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnonymizedResult } from '../../shared/tally/result';
import {
  makeResult,
  recordTestCampaign,
  STORES,
  UNITS,
  withFindings,
  type StoreHandle,
} from '../../test/support/tally/helpers';

/** The same value with every object's keys in reverse order. */
function reversedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversedKeys) as T;
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .reverse()
        .map(([k, x]) => [k, reversedKeys(x)]),
    ) as T;
  return v;
}

describe.each(STORES)('repeat detection on %s', (_name, factory) => {
  let h: StoreHandle;
  beforeAll(async () => {
    h = await factory();
    await h.store.upsertUnits(UNITS);
    await recordTestCampaign(h.store);
  });
  afterAll(() => h.dispose());

  it('takes the same result with its keys reordered for a repeat, across batches and within one', async () => {
    const r: AnonymizedResult = withFindings(
      makeResult({ unitCode: UNITS[1].code }),
      ['ioc-1', 'ioc-2'],
      true,
    );
    expect(JSON.stringify(reversedKeys(r))).not.toBe(JSON.stringify(r));
    expect(await h.store.submit(r)).toEqual({ status: 'created' });
    expect(await h.store.submit(reversedKeys(r))).toEqual({ status: 'duplicate' });
    // A different value is still a conflict, in either key order.
    expect(await h.store.submit(reversedKeys({ ...r, day: '2026-11-21' }))).toEqual({ status: 'conflict' });
    const s = makeResult({ unitCode: UNITS[2].code });
    const together = await Promise.all([h.store.submit(reversedKeys(s)), h.store.submit(s)]);
    expect(together).toEqual([{ status: 'created' }, { status: 'duplicate' }]);
    expect(await h.store.resultCount()).toBe(2);
  });
});
