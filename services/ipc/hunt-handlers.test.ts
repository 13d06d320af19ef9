// The hunt:* handlers over real log files and the real hunt service: progress pushed while
// reading, one hunt at a time, stop, exports of the last result, errors a person can act on.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed, toIndicators } from '../../shared/indicator-formats';
import type { Emit } from '../../shared/ipc/dispatch';
import type { ExportResult } from '../../shared/ipc/schemas';
import { huntReportSchema } from '../../shared/ipc/hunt-schemas';
import { createHuntHandlers } from './hunt-handlers';
import type { PlatformGlue } from './handlers';
import { CAMPAIGN_RECORD } from '../../test/support/campaign';
import { harnessGlue } from '../../test/support/ipc';

const LOGS = resolve(__dirname, '../../test/fixtures/logs');
const feed = toIndicators(parseFeed(readFileSync(resolve(LOGS, 'feed.txt')), 'feed.txt'), 'feed.txt');

function setup(glueExtra: Partial<PlatformGlue> = {}, language?: 'vi' | 'en') {
  const pushed: { channel: string; payload: unknown }[] = [];
  const emit: Emit = (channel, payload) => void pushed.push({ channel, payload });
  const glue: PlatformGlue = {
    runtime: 'harness',
    openInBrowser: () => Promise.resolve(false),
    copyText: () => Promise.resolve(false),
    saveExport: (f): Promise<ExportResult> => Promise.resolve({ kind: 'download', ...f }),
    ...glueExtra,
  };
  const h = createHuntHandlers({
    indicators: () =>
      Promise.resolve({
        indicators: feed,
        allow: [],
        feeds: [{ source: 'feed.txt', indicators: feed.length }],
        warnings: [],
      }),
    glue,
    emit,
    now: () => new Date('2026-11-23T03:00:00Z'),
    workers: 1,
    ...(language ? { language: () => Promise.resolve(language) } : {}),
  });
  return { h, pushed };
}

describe('hunt:* handlers', () => {
  it('runs over files, pushes progress in bytes and lines, and returns the contract shape', async () => {
    const { h, pushed } = setup();
    const report = await h['hunt:run']({
      paths: [resolve(LOGS, 'pfirewall.log'), resolve(LOGS, 'access.log')],
    });
    expect(huntReportSchema.parse(report).devices.map((d) => d.address)).toEqual([
      '10.1.2.3',
      '10.1.4.20',
      '10.1.4.21',
      '10.1.4.23',
      '2001:db8:1::20',
    ]);
    const progress = pushed.filter((p) => p.channel === 'hunt:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0].payload).toMatchObject({ files: 2, totalBytes: expect.any(Number) as number });
  });

  it('exports the last result as the leaders’ HTML, CSV and JSON; says so when there is none yet', async () => {
    const { h } = setup();
    await expect(Promise.resolve(h['hunt:export']({ format: 'html' }))).rejects.toThrow(
      /Chưa có kết quả giám sát/,
    );
    await h['hunt:run']({ paths: [resolve(LOGS, 'dnsmasq.log')] });
    const html = (await h['hunt:export']({ format: 'html' })) as Extract<ExportResult, { kind: 'download' }>;
    expect(html.fileName).toBe('sachmadoc-giam-sat-mang-20261123-030000.html');
    expect(html.content).toContain('Báo cáo giám sát mạng');
    const csv = (await h['hunt:export']({ format: 'csv' })) as Extract<ExportResult, { kind: 'download' }>;
    expect(csv.content).toContain('192.168.1.80');
  });

  it('writes the HTML report in the language the person chose in the app', async () => {
    const { h } = setup({}, 'en');
    await h['hunt:run']({ paths: [resolve(LOGS, 'dnsmasq.log')] });
    const html = (await h['hunt:export']({ format: 'html' })) as Extract<ExportResult, { kind: 'download' }>;
    expect(html.content).toContain('<html lang="en"');
    expect(html.content).not.toContain('Báo cáo giám sát mạng');
  });

  it('stops a running hunt, and refuses a second one while the first runs', async () => {
    const { h } = setup();
    const first = Promise.resolve(h['hunt:run']({ paths: [resolve(LOGS, 'mixed')] }));
    await expect(Promise.resolve(h['hunt:run']({ paths: [resolve(LOGS, 'mixed')] }))).rejects.toThrow(
      /Đang đọc nhật ký/,
    );
    expect(await h['hunt:cancel']({})).toEqual({ cancelled: true });
    await expect(first).rejects.toThrow(/Đã dừng/);
    expect(await h['hunt:cancel']({})).toEqual({ cancelled: false });
  });

  it('reads the period, and says how to type it when it cannot', async () => {
    const { h } = setup();
    const r = await h['hunt:run']({ paths: [resolve(LOGS, 'pfirewall.log')], since: '2026-11-23 08:16' });
    expect(r.devices.flatMap((d) => d.indicators.map((i) => i.indicator)).sort()).toEqual([
      '198.51.100.0/24',
      '2001:db8:bad::/48',
    ]);
    await expect(
      Promise.resolve(h['hunt:run']({ paths: [resolve(LOGS, 'pfirewall.log')], until: 'hôm qua' })),
    ).rejects.toThrow(/“Đến” \(hôm qua\).*“To” time \(hôm qua\)/);
  });

  it('opens the dialog where the host has one', async () => {
    expect(await setup().h['hunt:pick']({ folders: true })).toEqual({ supported: false, paths: [] });
    const withDialog = setup({
      pickLogPaths: (folders) => Promise.resolve([folders ? 'D:\\logs' : 'D:\\logs\\pfirewall.log']),
    });
    expect(await withDialog.h['hunt:pick']({ folders: true })).toEqual({
      supported: true,
      paths: ['D:\\logs'],
    });
  });
});

describe('hunt:summary and hunt:summary-send', () => {
  it('shows exactly what is sent, says why nothing can be sent, and sends it to a real tally', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { default: nodeFetch } = await import('node-fetch');
    const { buildTallyApp } = await import('../../tally/server/app');
    const { openSqliteStore } = await import('../../tally/store/sqlite-store');
    const { sendHuntSummary } = await import('../tally-client/hunt-summary');
    const dir = mkdtempSync(join(tmpdir(), 'hunt-summary-'));
    const store = openSqliteStore({ file: join(dir, 'tally.sqlite') });
    await store.upsertUnits([{ code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' }]);
    const { hashUnitToken, newUnitToken } = await import('../../tally/server/unit-auth');
    const unitToken = newUnitToken();
    await store.setUnitTokenHash('SO-TTTT', hashUnitToken(unitToken), true);
    await store.recordCampaign(CAMPAIGN_RECORD, []);
    const app = await buildTallyApp({
      store,
      adminToken: 'test-admin-token-0123456789',
      dataDir: dir,
      bundledFeed: join(dir, 'sample-feed.json'),
      rateLimit: { max: 1000, timeWindowMs: 60_000 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const target = {
      campaignId: 'cd-2026',
      sample: false,
      unitCode: 'SO-TTTT',
      tallyUrl: `http://127.0.0.1:${port}`,
    };
    try {
      const h = createHuntHandlers({
        indicators: () =>
          Promise.resolve({
            indicators: feed,
            allow: [],
            feeds: [{ source: 'feed.txt', indicators: feed.length }],
            warnings: [],
          }),
        glue: harnessGlue(),
        emit: () => undefined,
        now: () => new Date('2026-11-23T03:00:00Z'),
        workers: 1,
        summaryTarget: () => Promise.resolve({ ...target }),
        sendSummary: (url, s) => sendHuntSummary(url, s, nodeFetch, { unitToken }),
      });
      expect(await h['hunt:summary']({})).toEqual({ summary: null, missing: 'hunt' });
      await expect(h['hunt:summary-send']({})).rejects.toThrow(/chưa gửi gì.*nothing was sent/s);
      const report = await h['hunt:run']({
        paths: [resolve(LOGS, 'pfirewall.log'), resolve(LOGS, 'access.log')],
      });
      const preview = await h['hunt:summary']({});
      expect(preview).toEqual({
        summary: {
          schema: 1,
          campaignId: 'cd-2026',
          unitCode: 'SO-TTTT',
          devices: report.devices.length,
          periodStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
          periodEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
        },
        missing: null,
      });
      // What was shown is what is sent and stored.
      const sent = await h['hunt:summary-send']({});
      expect(sent).toEqual({ status: 'stored', summary: preview.summary });
      const [stored] = await store.huntSummaries('cd-2026');
      expect({ ...stored, receivedAt: undefined }).toEqual({ ...preview.summary, receivedAt: undefined });
      expect((await h['hunt:summary-send']({})).status).toBe('replaced');
      target.sample = true;
      expect((await h['hunt:summary']({})).missing).toBe('sample');
      await expect(h['hunt:summary-send']({})).rejects.toThrow(/MẪU.*SAMPLE/s);
      target.sample = false;
      target.unitCode = '';
      expect((await h['hunt:summary']({})).missing).toBe('unit');
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
