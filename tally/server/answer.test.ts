// Issue 14: every refusal or failure of the tally's API carries the catalogue message it says
// ({code, params}) beside the stable `error` and the bilingual `message` older clients read, so a
// client words it in its reader's language; the dashboard and its blocklists page are served in
// Vietnamese, or English with ?lang=en, from the same catalogue.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasText, setProcessWording, translate, word } from '../../shared/i18n';
import {
  recordTestCampaign,
  sqliteFactory,
  TEST_NOW,
  UNITS,
  type StoreHandle,
} from '../../test/support/tally/helpers';
import { errorAnswer } from './answer';
import { buildTallyApp } from './app';

describe('errorAnswer', () => {
  it('words the key in both languages, keeps the parameters and puts the raw detail after the words', () => {
    const a = errorAnswer('unknown-unit', 'tally.server.unknownUnit', { unit: 'SO-X' }, 'line 2');
    expect(a).toEqual({
      error: 'unknown-unit',
      code: 'tally.server.unknownUnit',
      params: { unit: 'SO-X' },
      message: 'Không có đơn vị "SO-X". / No unit "SO-X".\nline 2',
    });
  });
  it('stays in both languages when the process speaks one (serve --lang en)', () => {
    setProcessWording('en');
    try {
      expect(errorAnswer('rate-limited', 'tally.server.rateLimited').message).toBe(
        'Gửi quá nhanh; hãy thử lại sau. / Too many requests; try again later.',
      );
    } finally {
      setProcessWording('both');
    }
  });
});

describe('the API answers with catalogue messages (SQLite)', () => {
  let h: StoreHandle;
  let app: FastifyInstance;
  let dataDir: string;
  const ADMIN = 'admin-token-for-answer-tests';
  beforeAll(async () => {
    h = await sqliteFactory();
    dataDir = mkdtempSync(join(tmpdir(), 'tally-answer-'));
    await h.store.upsertUnits(UNITS);
    await recordTestCampaign(h.store);
    app = await buildTallyApp({
      store: h.store,
      adminToken: ADMIN,
      dataDir,
      bundledFeed: '/nonexistent',
      rateLimit: { max: 100_000, timeWindowMs: 60_000 },
      now: () => TEST_NOW,
    });
  });
  afterAll(async () => {
    await app.close();
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives code and params that word to the same message, for each kind of refusal', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    const answers = [
      await app.inject({ method: 'GET', url: '/api/admin/stats' }),
      await app.inject({ method: 'POST', url: '/api/v1/results', payload: {} }),
      await app.inject({ method: 'GET', url: '/feed/export/no-such-format' }),
      await app.inject({ method: 'POST', url: '/api/admin/reports/pdf', headers: admin, payload: {} }),
      await app.inject({
        method: 'POST',
        url: '/api/admin/units/import',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: 'code,name\nBAD CODE,Tên\n',
      }),
      await app.inject({ method: 'GET', url: '/api/admin/stats?campaignId=khong-co', headers: admin }),
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
    const vi = await app.inject({ method: 'GET', url: '/dashboard/' });
    const en = await app.inject({ method: 'GET', url: '/dashboard/?lang=en' });
    expect(vi.body).toContain('<h2 id="login-title">Đăng nhập quản trị</h2>');
    expect(en.body).toContain('<h2 id="login-title">Administrator sign-in</h2>');
    expect(en.body).toContain('<html lang="en">');
    const page = await app.inject({ method: 'GET', url: '/dashboard/exports/?lang=en' });
    expect(page.body).toContain('<h2 id="g-firewall">Firewalls</h2>');
    expect(page.body).toContain('No list of malicious addresses is published');
    const trang = await app.inject({ method: 'GET', url: '/dashboard/exports/' });
    expect(trang.body).toContain('<h2 id="g-firewall">Tường lửa</h2>');
  });
});
