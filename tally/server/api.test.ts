// The results API and the counting rules, run against both stores (same tests, SQLite and PostgreSQL).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasText, translate, word } from '../../shared/i18n';
import type { DashboardStats } from '../report/stats';
import { openTallyFixture, tallyFixtureForSuite } from '../../test/support/tally/app';
import {
  CAMPAIGN,
  makeResult,
  sqliteFactory,
  STORES,
  unitAuth,
  UNITS,
  withFindings,
} from '../../test/support/tally/helpers';

const TOKEN = 'test-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

describe.each(STORES)('tally API on %s', (_name, factory) => {
  const t = tallyFixtureForSuite(factory, { adminToken: TOKEN });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/results',
      // An enrolled sender (SO-TTTT unless the body names another unit): these tests check the body.
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.tokens['SO-TTTT']}`,
        ...unitAuth(t.tokens, body),
        ...headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stats = async (unitCode?: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/stats${unitCode ? `?unitCode=${unitCode}` : ''}`,
      headers: auth,
    });
    expect(res.statusCode).toBe(200);
    return res.json<DashboardStats>();
  };

  it('lists the registered units publicly (code and name only) for the unit picker of the app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(200);
    const units = res.json<{ code: string; name: string }[]>();
    expect(units.map((u) => u.code).sort()).toEqual(UNITS.map((u) => u.code).sort());
    for (const u of units) expect(Object.keys(u).sort()).toEqual(['code', 'name']);
  });

  it('stores a result once: 201 the first time, 200 for a repeat', async () => {
    const before = await t.store.resultCount();
    const r = makeResult();
    const first = await post(r);
    expect(first.statusCode).toBe(201);
    const again = await post(r);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'already-stored', submissionId: r.submissionId });
    expect(await t.store.resultCount()).toBe(before + 1);
  });

  it('sends the hardening headers on results, errors and admin answers', async () => {
    const answers = [
      await post(makeResult()),
      await post('{not json'),
      await t.app.inject({ method: 'GET', url: '/api/admin/stats' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([201, 400, 401]);
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('counts concurrent duplicates once', async () => {
    const before = await t.store.resultCount();
    const r = makeResult({ unitCode: 'BV-TINH' });
    const codes = (await Promise.all(Array.from({ length: 16 }, () => post(r))))
      .map((x) => x.statusCode)
      .sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(15);
    expect(await t.store.resultCount()).toBe(before + 1);
  });

  it('refuses a reused submission id with different content (409) and keeps the first', async () => {
    const r = makeResult();
    expect((await post(r)).statusCode).toBe(201);
    const before = await t.store.resultCount();
    const res = await post({ ...r, cleanRescan: true });
    expect(res.statusCode).toBe(409);
    expect(await t.store.resultCount()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"schema": 1,', 400],
    ['an empty body', '', 400],
    [
      'wrong types',
      {
        ...makeResult(),
        counts: {
          connectionsChecked: 'many',
          findings: { ip: 0, cidr: 0, domain: 0 },
          crackedSoftwareSigns: 0,
        },
      },
      422,
    ],
    ['an extra field', { ...makeResult(), hostName: 'DESKTOP-NGUYENVANA' }, 422],
    ['a missing field', (({ day: _d, ...rest }) => rest)(makeResult()), 422],
    ['a JSON array', [makeResult()], 422],
    // No token can name an unregistered unit: the sender's (SO-TTTT's) token is another unit's.
    ['an unknown unit', makeResult({ unitCode: 'KHONG-CO' }), 403],
    [
      'a huge body',
      {
        ...makeResult(),
        matchedIndicatorIds: Array.from({ length: 400 }, (_, i) => `ioc-${i}-${'x'.repeat(60)}`),
      },
      413,
    ],
  ])('rejects %s and leaves the database unchanged', async (_what, body, status) => {
    const before = await t.store.resultCount();
    const res = await post(body);
    expect(res.statusCode).toBe(status);
    expect(res.json<{ message: string }>().message.length).toBeGreaterThan(10);
    expect(await t.store.resultCount()).toBe(before);
  });

  it('says which field is wrong', async () => {
    const res = await post({ ...makeResult(), day: '20/11/2026' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toContain('day');
  });

  it('rejects a body that is not JSON', async () => {
    const res = await post('schema=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
  });

  it('applies the counting rules per machine, per unit and for the province, with exact numbers', async () => {
    const unit = 'UB-HUYEN-A';
    const base = await stats();
    const m1 = crypto.randomUUID();
    const m2 = crypto.randomUUID();
    const m3 = crypto.randomUUID();
    const m4 = crypto.randomUUID();
    const seq = [
      // m1: a finding, then a result without one: checked once, with findings, cleaned.
      withFindings(makeResult({ unitCode: unit, installId: m1, day: '2026-11-20' }), ['ioc-1', 'ioc-2']),
      makeResult({ unitCode: unit, installId: m1, day: '2026-11-21', cleanRescan: null }),
      // m2: its latest result still has a finding, even though it says "clean re-scan": never clean.
      withFindings(makeResult({ unitCode: unit, installId: m2, day: '2026-11-20' }), ['ioc-1'], false),
      withFindings(makeResult({ unitCode: unit, installId: m2, day: '2026-11-22' }), ['ioc-1'], true),
      // m3: cracked-software signs once, then none (the crack was removed): row 6 follows the latest.
      makeResult({
        unitCode: unit,
        installId: m3,
        counts: { connectionsChecked: 3, findings: { ip: 0, cidr: 0, domain: 0 }, crackedSoftwareSigns: 2 },
      }),
      makeResult({ unitCode: unit, installId: m3, day: '2026-11-23' }),
      // m4: clean re-scan without any finding does not count as cleaned; its signs do count.
      makeResult({
        unitCode: unit,
        installId: m4,
        cleanRescan: true,
        counts: { connectionsChecked: 9, findings: { ip: 0, cidr: 0, domain: 0 }, crackedSoftwareSigns: 1 },
      }),
    ];
    for (const r of seq) expect((await post(r)).statusCode).toBe(201);
    const s = await stats();
    expect(s.campaign.id).toBe(CAMPAIGN.id);
    expect(s.province.machines - base.province.machines).toBe(4);
    expect(s.province.withFindings - base.province.withFindings).toBe(2);
    expect(s.province.cleaned - base.province.cleaned).toBe(1);
    expect(s.province.cracked - base.province.cracked).toBe(1);
    expect(s.province.results - base.province.results).toBe(7);
    // Exact per-unit numbers, small ones included.
    const row = s.units.find((u) => u.code === unit)!;
    expect(row).toMatchObject({
      machines: 4,
      withFindings: 2,
      cleaned: 1,
      cracked: 1,
      results: 7,
      deployed: true,
    });
    expect(row.lastResultAt).not.toBeNull();
    expect(s.topIndicators[0]).toEqual({ indicatorId: 'ioc-1', results: 3 });
    // The per-day histogram adds up to the results.
    expect(s.byDay.reduce((n, d) => n + d.results, 0)).toBe(s.province.results);
  });

  it('decides "latest" by the server receive time, not the day the client wrote', async () => {
    const unit = 'BV-TINH';
    const base = await stats();
    const m = crypto.randomUUID();
    // Clean first (the client's clock says the 25th), then a finding dated the 24th arrives later:
    // the machine is not clean now, whatever day its client wrote.
    expect(
      (await post(withFindings(makeResult({ unitCode: unit, installId: m, day: '2026-11-23' }), ['ioc-9'])))
        .statusCode,
    ).toBe(201);
    expect((await post(makeResult({ unitCode: unit, installId: m, day: '2026-11-25' }))).statusCode).toBe(
      201,
    );
    expect((await stats()).province.cleaned - base.province.cleaned).toBe(1);
    expect(
      (await post(withFindings(makeResult({ unitCode: unit, installId: m, day: '2026-11-24' }), ['ioc-9'])))
        .statusCode,
    ).toBe(201);
    expect((await stats()).province.cleaned - base.province.cleaned).toBe(0);
  });

  it('counts a machine that changed unit once, in its latest unit; a unit that sent anything is deployed', async () => {
    const base = await stats();
    const m = crypto.randomUUID();
    expect(
      (await post(withFindings(makeResult({ unitCode: 'SO-TTTT', installId: m }), ['ioc-a']))).statusCode,
    ).toBe(201);
    expect((await post(makeResult({ unitCode: 'BV-TINH', installId: m }))).statusCode).toBe(201);
    const s = await stats();
    expect(s.province.machines - base.province.machines).toBe(1);
    const unitOf = (code: string, st: DashboardStats) => st.units.find((u) => u.code === code)!;
    expect(unitOf('BV-TINH', s).machines - unitOf('BV-TINH', base).machines).toBe(1);
    expect(unitOf('SO-TTTT', s).machines - unitOf('SO-TTTT', base).machines).toBe(0);
    expect(unitOf('SO-TTTT', s).deployed).toBe(true);
    expect(s.province.cleaned - base.province.cleaned).toBe(1);
  });

  it.each([
    ['the sample campaign', makeResult({ campaignId: 'lam-sach-ma-doc-mau' }), 'unknown-campaign'],
    ['an unpublished campaign', makeResult({ campaignId: 'cd-2099' }), 'unknown-campaign'],
    ['a day in the future', makeResult({ day: '2026-11-28' }), 'future-day'],
    ['the year 2099', makeResult({ day: '2099-01-01' }), 'future-day'],
    ['a day before the campaign', makeResult({ day: '2026-08-21' }), 'outside-campaign'],
    [
      'more indicators than findings',
      { ...makeResult(), matchedIndicatorIds: ['ioc-1'] },
      'implausible-counts',
    ],
    [
      'an indicator not in the feed',
      withFindings(makeResult(), ['ioc-1', 'ioc-not-ours']),
      'unknown-indicators',
    ],
  ])('refuses %s with 422 and stores nothing', async (_what, body, error) => {
    const before = await t.store.resultCount();
    const res = await post(body);
    expect(res.statusCode).toBe(422);
    const answer = res.json<{
      error: string;
      code: string;
      params: Record<string, string | number>;
      message: string;
    }>();
    expect(answer.error).toBe(error);
    // The app words the refusal from its catalogue key; older apps still read the bilingual message.
    expect(answer.code).toBe(`msg.tally.refusal.${error}`);
    expect(answer.message).toBe(
      `${translate('vi', answer.code, answer.params)} / ${translate('en', answer.code, answer.params)}`,
    );
    expect(translate('vi', answer.code, answer.params)).not.toContain('msg.');
    expect(await t.store.resultCount()).toBe(before);
  });

  it('refuses a result that does not match the schema with its code, and the schema error for IT', async () => {
    const res = await post({ ...makeResult(), findings: 'many' });
    expect(res.statusCode).toBe(422);
    const answer = res.json<{ error: string; code: string; params: object; message: string }>();
    expect(answer).toMatchObject({
      error: 'invalid-result',
      code: 'msg.tally.refusal.invalid-result',
      params: {},
    });
    expect(
      answer.message.startsWith(`${translate('vi', answer.code)} / ${translate('en', answer.code)}\n`),
    ).toBe(true);
  });

  it('reports one unit with its exact numbers, for the campaign asked for, naming it', async () => {
    const unit = 'BV-TINH';
    const m = crypto.randomUUID();
    const base = (await stats()).units.find((u) => u.code === unit)!;
    expect(
      (await post(withFindings(makeResult({ unitCode: unit, installId: m }), ['ioc-b']))).statusCode,
    ).toBe(201);
    expect((await post(makeResult({ unitCode: unit, installId: m }))).statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/reports/csv',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ campaignId: CAMPAIGN.id, unitCode: unit }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`phu-luc-${CAMPAIGN.id}-don-vi-${unit}-`);
    const csv = res.body;
    expect(csv).toContain(`Chiến dịch,${CAMPAIGN.nameVi} (${CAMPAIGN.id})`);
    expect(csv).toContain(`3,Tổng số máy tính được kiểm tra,${base.machines + 1},`);
    expect(csv).toContain(
      `4,Tổng số máy tính có kết nối đến địa chỉ độc hại của chiến dịch,${base.withFindings + 1},`,
    );
    expect(csv).toContain(
      `5,Tổng số máy tính đã được làm sạch (kiểm tra lại không còn kết nối),${base.cleaned + 1},`,
    );
  });

  it('answers 404 with a message for a campaign that is not published', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats?campaignId=cd-2099',
      headers: auth,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: string; message: string }>()).toMatchObject({ error: 'unknown-campaign' });
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/admin/reports/docx',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ campaignId: 'cd-2099' }),
    });
    expect(report.statusCode).toBe(404);
  });

  it('accepts the day before the campaign and tomorrow by the server clock (clock skew)', async () => {
    expect((await post(makeResult({ day: '2026-08-22' }))).statusCode).toBe(201);
    expect((await post(makeResult({ day: '2026-11-27' }))).statusCode).toBe(201);
  });

  it.each([
    ['GET', '/api/admin/stats'],
    ['GET', '/api/admin/units'],
    ['GET', '/api/admin/campaigns'],
    ['POST', '/api/admin/units/import'],
    ['POST', '/api/admin/reports/docx'],
    ['POST', '/api/admin/reports/csv'],
  ] as const)('answers 401 to %s %s without the admin token or with a wrong one', async (method, url) => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }]) {
      const res = await t.app.inject({ method, url, headers });
      expect(res.statusCode).toBe(401);
    }
  });

  it('imports units from CSV, all or nothing, naming the bad lines', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/units/import',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'code,name\nPHONG-GD,Phòng Giáo dục\nbad code,X\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ message: string }>().message).toContain('units.csv:3');
    expect((await t.store.listUnits()).map((u) => u.code)).not.toContain('PHONG-GD');
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/admin/units/import',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: '\uFEFFcode,name\r\nPHONG-GD,"Phòng Giáo dục, huyện A"\r\n',
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ inserted: 1, updated: 0 });
    expect(await t.store.listUnits()).toContainEqual({ code: 'PHONG-GD', name: 'Phòng Giáo dục, huyện A' });
    expect((await stats()).province.registeredUnits).toBe(4);
  });

  it('serves the feed with an ETag and 304, preferring the data directory over the bundled sample', async () => {
    mkdirSync(join(t.dataDir, 'bundled'), { recursive: true });
    writeFileSync(join(t.dataDir, 'bundled', 'sample-feed.json'), '{"sample":true}');
    writeFileSync(join(t.dataDir, 'bundled', 'sample-feed.json.sig'), 'SIG-SAMPLE');
    const first = await t.app.inject({ method: 'GET', url: '/feed/latest.json' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe('{"sample":true}');
    const etag = first.headers.etag as string;
    expect(
      (await t.app.inject({ method: 'GET', url: '/feed/latest.json', headers: { 'if-none-match': etag } }))
        .statusCode,
    ).toBe(304);
    expect((await t.app.inject({ method: 'GET', url: '/feed/latest.json.sig' })).body).toBe('SIG-SAMPLE');
    mkdirSync(join(t.dataDir, 'feed'), { recursive: true });
    writeFileSync(join(t.dataDir, 'feed', 'latest.json'), '{"version":2}');
    writeFileSync(join(t.dataDir, 'feed', 'latest.json.sig'), 'SIG-2');
    const fresh = await t.app.inject({
      method: 'GET',
      url: '/feed/latest.json',
      headers: { 'if-none-match': etag },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toBe('{"version":2}');
    expect((await t.app.inject({ method: 'GET', url: '/feed/latest.json.sig' })).body).toBe('SIG-2');
  });

  it('gives code and params that word to the same message, for each kind of refusal', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/admin/stats' }),
      await t.app.inject({ method: 'POST', url: '/api/v1/results', payload: {} }),
      await t.app.inject({ method: 'GET', url: '/feed/export/no-such-format' }),
      await t.app.inject({ method: 'POST', url: '/api/admin/reports/pdf', headers: auth, payload: {} }),
      await t.app.inject({
        method: 'POST',
        url: '/api/admin/units/import',
        headers: { ...auth, 'content-type': 'text/csv' },
        payload: 'code,name\nBAD CODE,Tên\n',
      }),
      await t.app.inject({ method: 'GET', url: '/api/admin/stats?campaignId=khong-co', headers: auth }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 404, 404, 422, 404]);
    for (const r of answers) {
      const body = r.json<{
        error: string;
        code: string;
        params?: Record<string, string>;
        message: string;
      }>();
      expect(typeof body.error).toBe('string');
      expect(hasText(body.code), body.code).toBe(true);
      expect(body.message).toContain(translate('en', body.code, body.params));
      expect(body.message).toContain(translate('vi', body.code, body.params).split('\n')[0]);
    }
    const csv = answers[4].json<{ issues: { line: number; text: { code: string } }[]; message: string }>();
    expect(csv.issues[0]).toMatchObject({ line: 2, text: { code: 'tally.units.badCode' } });
    expect(csv.message).toContain(`units.csv:2: ${word(csv.issues[0].text, 'both')}`);
  });

  it('serves the dashboard and the blocklists page in Vietnamese, or English with ?lang=en', async () => {
    const vi = await t.app.inject({ method: 'GET', url: '/dashboard/' });
    const en = await t.app.inject({ method: 'GET', url: '/dashboard/?lang=en' });
    expect(vi.body).toContain('<h2 id="login-title">Đăng nhập quản trị</h2>');
    expect(en.body).toContain('<h2 id="login-title">Administrator sign-in</h2>');
    expect(en.body).toContain('<html lang="en">');
    const page = await t.app.inject({ method: 'GET', url: '/dashboard/exports/?lang=en' });
    expect(page.body).toContain('<h2 id="g-firewall">Firewalls</h2>');
    expect(page.body).toContain('<title>Sạch Mã Độc — Blocklists for network devices</title>');
    const trang = await t.app.inject({ method: 'GET', url: '/dashboard/exports/' });
    expect(trang.body).toContain('<h2 id="g-firewall">Tường lửa</h2>');
  });
});

/** A SQLite-backed app with a tight rate limit, and a sender of fresh results from one address. */
async function rateLimited(max: number, trustProxy?: string[]) {
  const { store, app, tokens, ...fixture } = await openTallyFixture(sqliteFactory, {
    adminToken: TOKEN,
    rateLimit: { max, timeWindowMs: 60_000 },
    // The per-address limit alone (the per-unit one has its own test in unit-auth.test.ts).
    unitRateLimit: { max: 100_000, timeWindowMs: 60_000 },
    ...(trustProxy ? { trustProxy } : {}),
  });
  const send = (remoteAddress: string, forwardedFor?: string) => {
    const body = makeResult();
    return app.inject({
      method: 'POST',
      url: '/api/v1/results',
      headers: {
        'content-type': 'application/json',
        ...unitAuth(tokens, body),
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      payload: JSON.stringify(body),
      remoteAddress,
    });
  };
  return { store, send, dispose: () => fixture.close() };
}

describe('rate limit', () => {
  it('answers 429 past the per-address limit, without storing', async () => {
    const { store, send, dispose } = await rateLimited(3);
    try {
      const codes = [];
      for (let i = 0; i < 5; i += 1) codes.push((await send('127.0.0.9')).statusCode);
      expect(codes).toEqual([201, 201, 201, 429, 429]);
      expect(await store.resultCount()).toBe(3);
      expect((await send('127.0.0.10')).statusCode).toBe(201);
    } finally {
      await dispose();
    }
  });
});

describe('rate limit behind a trusted proxy', () => {
  it('keys on the forwarded client address only when the proxy is trusted', async () => {
    const { send, dispose } = await rateLimited(1, ['127.0.0.1']);
    try {
      // Two offices behind the proxy: one bucket each.
      expect((await send('127.0.0.1', '203.0.113.1')).statusCode).toBe(201);
      expect((await send('127.0.0.1', '203.0.113.2')).statusCode).toBe(201);
      expect((await send('127.0.0.1', '203.0.113.1')).statusCode).toBe(429);
      // An untrusted peer cannot pick its own bucket by sending the header.
      expect((await send('127.0.0.77', '203.0.113.3')).statusCode).toBe(201);
      expect((await send('127.0.0.77', '203.0.113.4')).statusCode).toBe(429);
    } finally {
      await dispose();
    }
  });
});
