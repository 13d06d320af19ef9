// The dashboard flags a unit whose daily count jumps abnormally (a leaked token used to add forged
// machines), from the stored results themselves.
import { describe, expect, it } from 'vitest';
import { unitJumps } from './jumps';
import { dashboardStats } from './stats';
import {
  CAMPAIGN,
  makeResult,
  recordTestCampaign,
  sqliteFactory,
  UNITS,
} from '../../test/support/tally/helpers';

describe('abnormal jumps per unit', () => {
  it('flags a day at ≥ 4× the unit’s usual day (and ≥ 20), not a steady unit or a small wobble', () => {
    const steady = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((day, i) => ({
      day,
      unitCode: 'SO-TTTT',
      results: [10, 12, 9, 11, 14][i],
    }));
    const burst = [
      { day: '2026-11-16', unitCode: 'BV-TINH', results: 8 },
      { day: '2026-11-17', unitCode: 'BV-TINH', results: 6 },
      { day: '2026-11-18', unitCode: 'BV-TINH', results: 7 },
      { day: '2026-11-19', unitCode: 'BV-TINH', results: 600 },
    ];
    const small = [
      { day: '2026-11-16', unitCode: 'UB-HUYEN-A', results: 1 },
      { day: '2026-11-17', unitCode: 'UB-HUYEN-A', results: 1 },
      { day: '2026-11-18', unitCode: 'UB-HUYEN-A', results: 2 },
      { day: '2026-11-19', unitCode: 'UB-HUYEN-A', results: 9 },
    ];
    expect(unitJumps([...steady, ...burst, ...small])).toEqual([
      { unitCode: 'BV-TINH', day: '2026-11-19', results: 600, typical: 7 },
    ]);
    // Too little history to call anything abnormal: a unit's first days are its roll-out.
    expect(unitJumps(burst.slice(1))).toEqual([]);
  });

  it('reaches the dashboard numbers from stored results', async () => {
    const h = await sqliteFactory();
    try {
      await h.store.upsertUnits(UNITS);
      await recordTestCampaign(h.store);
      const days = ['2026-11-16', '2026-11-17', '2026-11-18'];
      for (const day of days)
        for (let i = 0; i < 3; i++) await h.store.submit(makeResult({ unitCode: 'BV-TINH', day }));
      for (let i = 0; i < 40; i++)
        await h.store.submit(makeResult({ unitCode: 'BV-TINH', day: '2026-11-19' }));
      const stats = dashboardStats(
        await h.store.aggregates({ campaignId: CAMPAIGN.id }),
        CAMPAIGN,
        [CAMPAIGN],
        new Date('2026-11-19T12:00:00Z'),
      );
      expect(stats.jumps).toEqual([{ unitCode: 'BV-TINH', day: '2026-11-19', results: 40, typical: 3 }]);
    } finally {
      await h.dispose();
    }
  });
});
