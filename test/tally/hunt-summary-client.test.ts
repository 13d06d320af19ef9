// The app's side of the hunt summary: built from a real hunt report (counts and days only), sent
// over a real loopback socket to a real tally (SQLite), refusals worded for the IT officer.
import type { AddressInfo } from 'node:net';
import fetch from 'node-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../services/tally-client/client';
import { sendHuntSummary } from '../../services/tally-client/hunt-summary';
import { huntSummaryOf } from '../../shared/tally/hunt-summary';
import { fixture, huntText } from '../support/hunt/helpers';
import { tallyFixtureForSuite } from '../support/tally/app';
import { CAMPAIGN, sqliteFactory } from '../support/tally/helpers';

const realFetch = fetch as unknown as FetchLike;

describe('hunt summary from the app', () => {
  const t = tallyFixtureForSuite(sqliteFactory, { adminToken: 'test-admin-token-0123456789' });
  let endpoint: string;

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/`;
  });

  it('summarises a hunt as the device count and the days of the contacts found, or the chosen period', () => {
    const { report } = huntText('pfirewall.log', fixture('pfirewall.log'));
    expect(report.devices.length).toBeGreaterThan(0);
    const s = huntSummaryOf(report, CAMPAIGN.id, 'SO-TTTT');
    expect(Object.keys(s).sort()).toEqual([
      'campaignId',
      'devices',
      'periodEnd',
      'periodStart',
      'schema',
      'unitCode',
    ]);
    expect(s.devices).toBe(report.devices.length);
    const days = report.devices
      .flatMap((d) => [d.firstSeen!, d.lastSeen!])
      .map((t) => t.slice(0, 10))
      .sort();
    expect([s.periodStart, s.periodEnd]).toEqual([days[0], days[days.length - 1]]);
    const chosen = huntSummaryOf(
      { ...report, since: '2026-11-01T00:00:00+07:00', until: '2026-11-30T23:59:59+07:00' },
      CAMPAIGN.id,
      'SO-TTTT',
    );
    expect([chosen.periodStart, chosen.periodEnd]).toEqual(['2026-11-01', '2026-11-30']);
    const none = huntSummaryOf(
      { huntedAt: '2026-12-02T09:00:00+07:00', devices: [] },
      CAMPAIGN.id,
      'SO-TTTT',
    );
    expect(none).toMatchObject({ devices: 0, periodStart: '2026-12-02', periodEnd: '2026-12-02' });
  });

  it('sends it to the tally over a socket: stored, then replaced; a refusal says what and what to do', async () => {
    const s = huntSummaryOf(
      { huntedAt: '2026-11-24T09:00:00+07:00', devices: [{ firstSeen: '2026-11-20T08:00:00+07:00' }] },
      CAMPAIGN.id,
      'BV-TINH',
    );
    const auth = { unitToken: t.tokens['BV-TINH'] };
    expect(await sendHuntSummary(endpoint, s, realFetch, auth)).toEqual({ status: 'stored' });
    expect(await sendHuntSummary(endpoint, { ...s, devices: 3 }, realFetch, auth)).toEqual({
      status: 'replaced',
    });
    expect((await t.store.huntSummaries(CAMPAIGN.id)).map((r) => [r.unitCode, r.devices])).toEqual([
      ['BV-TINH', 3],
    ]);
    // Without the unit's enrolment token the tally refuses, and the person is told so.
    const refused = sendHuntSummary(endpoint, s, realFetch);
    await expect(refused).rejects.toThrow(/was not sent/);
    await expect(refused).rejects.toMatchObject({
      hint: expect.stringMatching(/mã đăng ký.*enrolment token/s),
    });
    await expect(sendHuntSummary('http://127.0.0.1:1', s, realFetch)).rejects.toThrow(
      /Không gửi được.*was not sent/s,
    );
  });
});
