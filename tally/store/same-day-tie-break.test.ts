// Issue 19: the counting rules' tie-break (tally/store/machine-rules.ts). Results of one machine on
// the same day: the later arrival decides the unit and the state. Since issue 11 "latest" is the
// server's arrival order, whatever the client's day, and "cleaned" means the latest result has no
// finding. A planted `excluded.last_seq < machines.last_seq` (or a tie-break dropped) survived every test.
import { describe, expect, it } from 'vitest';
import { makeResult, STORES, UNITS, withFindings } from '../../test/support/tally/helpers';

const [SO, HUYEN] = [UNITS[0].code, UNITS[1].code];

describe.each(STORES)('same-day tie-break (%s)', (_name, factory) => {
  it("the later arrival decides unit and state, both ways, whatever the client's day", async () => {
    const h = await factory();
    const store = h.store;
    try {
      await store.upsertUnits(UNITS);
      const installId = crypto.randomUUID();
      const day = '2026-11-20';
      const totals = async () => {
        const rows = (await store.aggregates({ campaignId: 'cd-2026' })).totals;
        const of = (unit: string) => {
          const t = rows.find((r) => r.unitCode === unit);
          return { machines: t?.machines ?? 0, cleaned: t?.cleaned ?? 0, withFindings: t?.withFindings ?? 0 };
        };
        return { [SO]: of(SO), [HUYEN]: of(HUYEN) };
      };

      await store.submit(withFindings(makeResult({ installId, unitCode: SO, day }), ['ioc-a']));
      await store.submit(makeResult({ installId, unitCode: HUYEN, day, cleanRescan: true }));
      expect(await totals()).toEqual({
        [SO]: { machines: 0, cleaned: 0, withFindings: 0 },
        [HUYEN]: { machines: 1, cleaned: 1, withFindings: 1 },
      });

      // A third result the same day, back in SO and with a finding again: it decides again.
      await store.submit(withFindings(makeResult({ installId, unitCode: SO, day }), ['ioc-b']));
      expect(await totals()).toEqual({
        [SO]: { machines: 1, cleaned: 0, withFindings: 1 },
        [HUYEN]: { machines: 0, cleaned: 0, withFindings: 0 },
      });

      // An earlier client day arriving last still decides: the server's order, not the client's clock.
      await store.submit(makeResult({ installId, unitCode: HUYEN, day: '2026-11-19' }));
      expect(await totals()).toEqual({
        [SO]: { machines: 0, cleaned: 0, withFindings: 0 },
        [HUYEN]: { machines: 1, cleaned: 1, withFindings: 1 },
      });
    } finally {
      await h.dispose();
    }
  });
});
