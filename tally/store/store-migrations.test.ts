// Migrations on both stores: applied once, recorded, and reopening changes nothing.
import { describe, expect, it } from 'vitest';
import { loadMigrations } from './migrations';
import { CAMPAIGN, makeResult, STORES, UNITS } from '../../test/support/tally/helpers';

describe('migrations', () => {
  it('are numbered the same for both dialects', () => {
    const names = (d: 'sqlite' | 'postgres') => loadMigrations(d).map((m) => `${m.version}:${m.name}`);
    expect(names('sqlite')).toEqual(names('postgres'));
    expect(loadMigrations('sqlite')[0].version).toBe(1);
  });
});

describe.each(STORES)('store on %s', (_name, factory) => {
  it('stores, counts and lists the same way', async () => {
    const h = await factory();
    try {
      expect(await h.store.upsertUnits(UNITS)).toEqual({ inserted: 3, updated: 0 });
      expect(await h.store.upsertUnits([{ code: 'SO-TTTT', name: 'Sở TT&TT' }])).toEqual({
        inserted: 0,
        updated: 1,
      });
      expect((await h.store.listUnits()).find((u) => u.code === 'SO-TTTT')!.name).toBe('Sở TT&TT');
      const r = makeResult();
      expect(await h.store.submit(r)).toEqual({ status: 'created' });
      expect(await h.store.submit(r)).toEqual({ status: 'duplicate' });
      expect(await h.store.submit({ ...r, appVersion: '9.9.9' })).toEqual({ status: 'conflict' });
      expect(await h.store.submit(makeResult({ unitCode: 'KHONG-CO' }))).toEqual({ status: 'unknown-unit' });
      expect(await h.store.resultCount()).toBe(1);
      const agg = await h.store.aggregates({ campaignId: 'other-campaign' });
      expect(agg.totals).toEqual([]);
      expect((await h.store.aggregates({ campaignId: 'cd-2026' })).totals).toEqual([
        {
          unitCode: 'SO-TTTT',
          results: 1,
          lastResultAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          machines: 1,
          withFindings: 0,
          cleaned: 0,
          cracked: 0,
        },
      ]);
    } finally {
      await h.dispose();
    }
  });

  it('records campaigns: created, then updated by a newer feed, whose indicator ids add to the old ones', async () => {
    const h = await factory();
    try {
      expect(await h.store.listCampaigns()).toEqual([]);
      expect(await h.store.recordCampaign(CAMPAIGN, ['ioc-1', 'ip:203.0.113.7'])).toBe('created');
      const newer = {
        ...CAMPAIGN,
        feedVersion: 4,
        endsOn: '2027-01-31',
        recordedAt: '2026-10-01T00:00:00.000Z',
      };
      expect(await h.store.recordCampaign(newer, ['ioc-2'])).toBe('updated');
      const other = { ...CAMPAIGN, id: 'cd-2027', recordedAt: '2026-12-01T00:00:00.000Z' };
      await h.store.recordCampaign(other, []);
      expect(await h.store.listCampaigns()).toEqual([other, newer]);
      expect(
        await h.store.unknownIndicators('cd-2026', ['ioc-2', 'ioc-1', 'ioc-x', 'ip:203.0.113.7']),
      ).toEqual(['ioc-x']);
      expect(await h.store.unknownIndicators('cd-2027', ['ioc-1'])).toEqual(['ioc-1']);
    } finally {
      await h.dispose();
    }
  });
});
