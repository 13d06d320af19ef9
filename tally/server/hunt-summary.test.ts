// The log hunt's summary on the tally (issue 16): POST /api/v1/hunt-summaries stores counts only,
// per unit and campaign (a later summary replaces the earlier one), in both stores; the appendix
// gains row 7, marked as an addition to the form.
import { describe, expect, it } from 'vitest';
import { huntSummarySchema } from '../../shared/tally/hunt-summary';
import { buildAppendix, HUNT_ROW_LABEL, ROW_LABELS } from '../report/appendix';
import { tallyFixtureForSuite } from '../../test/support/tally/app';
import { CAMPAIGN, STORES, TEST_NOW, unitAuth, UNITS } from '../../test/support/tally/helpers';

const TOKEN = 'test-admin-token-0123456789';
const summary = (over: Record<string, unknown> = {}) => ({
  schema: 1,
  campaignId: CAMPAIGN.id,
  unitCode: 'SO-TTTT',
  devices: 4,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-23',
  ...over,
});

describe.each(STORES)('hunt summaries on %s', (_name, factory) => {
  const t = tallyFixtureForSuite(factory, { adminToken: TOKEN });

  // With the token of the unit the body names, as the app sends it.
  const post = (body: unknown, headers: Record<string, string> = unitAuth(t.tokens, body)) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/hunt-summaries',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });

  it('refuses what is not a summary of a registered unit for a published campaign, storing nothing', async () => {
    const bad = await post(summary({ devices: -1, addresses: ['10.1.2.3'] }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ error: string; message: string }>()).toMatchObject({ error: 'invalid-hunt-summary' });
    expect(bad.json<{ message: string }>().message).toMatch(/chưa lưu gì.*nothing was stored/s);
    const backwards = await post(summary({ periodStart: '2026-11-24' }));
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json<{ issues: { path: string }[] }>().issues[0].path).toBe('periodEnd');
    // The unit's enrolment token decides who may add to its counts: none, 401; another unit's, 403.
    expect((await post(summary(), {})).statusCode).toBe(401);
    const unit = await post(summary({ unitCode: 'NO-SUCH' }), unitAuth(t.tokens, summary()));
    expect(unit.statusCode).toBe(403);
    const campaign = await post(summary({ campaignId: 'sample-2026' }));
    expect(campaign.statusCode).toBe(422);
    expect(campaign.json<{ error: string }>().error).toBe('unknown-campaign');
    expect(await t.store.huntSummaries(CAMPAIGN.id)).toEqual([]);
  });

  it('stores a summary, replaces it with the unit’s next one, and keeps units apart', async () => {
    const first = await post(summary());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ status: 'stored', campaignId: CAMPAIGN.id, unitCode: 'SO-TTTT' });
    const again = await post(summary({ devices: 6, periodEnd: '2026-11-25' }));
    expect(again.statusCode).toBe(200);
    expect(again.json<{ status: string }>().status).toBe('replaced');
    expect(
      (await post(summary({ unitCode: 'BV-TINH', devices: 2, periodStart: '2026-10-20' }))).statusCode,
    ).toBe(201);
    expect(await t.store.huntSummaries(CAMPAIGN.id)).toEqual([
      {
        schema: 1,
        campaignId: CAMPAIGN.id,
        unitCode: 'BV-TINH',
        devices: 2,
        periodStart: '2026-10-20',
        periodEnd: '2026-11-23',
        receivedAt: TEST_NOW.toISOString(),
      },
      {
        schema: 1,
        campaignId: CAMPAIGN.id,
        unitCode: 'SO-TTTT',
        devices: 6,
        periodStart: '2026-11-01',
        periodEnd: '2026-11-25',
        receivedAt: TEST_NOW.toISOString(),
      },
    ]);
  });

  it('adds row 7 to the appendix, marked as an addition to the form, for the province and for one unit', async () => {
    const csv = async (unitCode?: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/reports/csv',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ campaignId: CAMPAIGN.id, ...(unitCode ? { unitCode } : {}) }),
      });
      expect(res.statusCode).toBe(200);
      return res.body;
    };
    const province = await csv();
    expect(province).toContain(
      `7,${HUNT_ROW_LABEL},8,"Bổ sung ngoài mẫu. 2 đơn vị gửi tổng hợp giám sát mạng (nhật ký tường lửa, DNS, proxy); giai đoạn 20/10/2026 – 25/11/2026"`,
    );
    expect(await csv('UB-HUYEN-A')).toContain(
      `7,${HUNT_ROW_LABEL},0,"Bổ sung ngoài mẫu. 0 đơn vị gửi tổng hợp giám sát mạng (nhật ký tường lửa, DNS, proxy)"`,
    );
    expect(await csv('BV-TINH')).toMatch(new RegExp(`7,${HUNT_ROW_LABEL.replace(/[()]/g, '\\$&')},2,`));
  });
});

describe('hunt summary schema and row', () => {
  it('carries counts and days only', () => {
    expect(huntSummarySchema.safeParse(summary()).success).toBe(true);
    expect(huntSummarySchema.safeParse(summary({ devices: 1.5 })).success).toBe(false);
    expect(huntSummarySchema.safeParse(summary({ periodStart: '2026-11-01T00:00:00Z' })).success).toBe(false);
  });

  it('the form’s six rows stay as they are when no summaries are passed', () => {
    const agg = { units: UNITS, totals: [], byDay: [], topIndicators: [] };
    const plain = buildAppendix(agg, { campaign: CAMPAIGN, now: TEST_NOW });
    expect(plain.rows.map((r) => r.label)).toEqual([...ROW_LABELS]);
    const withHunt = buildAppendix(agg, { campaign: CAMPAIGN, now: TEST_NOW, hunt: [] });
    expect(withHunt.rows[6]).toMatchObject({ tt: 7, value: 0, addition: true });
    expect(withHunt.rows[6].label).toContain('bổ sung ngoài mẫu');
  });
});
