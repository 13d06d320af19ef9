import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../shared/domain';
import { dispatch } from '../../shared/ipc/dispatch';
import type { ScanProgress } from '../../shared/ipc/schemas';
import { createLogger } from '../../shared/logger';
import { buildAnonymizedResult } from '../../shared/tally/result';
import type { AppServices } from '../app-services';
import { createSettingsStore } from '../settings/settings-store';
import type { LogRecord } from '../../shared/logger';
import { setLogSink } from '../../shared/logger';
import { createHandlers, updateFeedAtStart } from './handlers';
import { campaign } from '../../test/support/campaign';
import { harnessGlue, unusedServices } from '../../test/support/ipc';

const report: ScanReport = {
  scannedAt: '2026-11-23T09:00:00.000Z',
  connections: [],
  findings: [],
  feeds: [],
  warnings: [],
};

const anonymized = buildAnonymizedResult({
  report,
  campaignId: 'lam-sach-ma-doc',
  unitCode: 'SO-TTTT',
  installId: '3f1c2a4e-8b7d-4c6e-9a1b-2c3d4e5f6a7b',
  submissionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  appVersion: '0.1.0',
  os: { family: 'windows', major: '10' },
  cleanRescan: null,
  crackedSoftwareSigns: 0,
  now: new Date('2026-11-23T10:00:00Z'),
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'handlers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(services: Partial<AppServices> = {}) {
  const pushed: ScanProgress[] = [];
  const feedPushes: unknown[] = [];
  const sent: string[] = [];
  let scans = 0;
  const handlers = createHandlers({
    version: '0.1.0',
    platform: 'win32',
    settings: createSettingsStore({ file: join(dir, 'settings.json'), logger: createLogger('t') }),
    emit: (channel, payload) => {
      if (channel === 'scan:progress') pushed.push(payload as ScanProgress);
      else feedPushes.push(payload);
    },
    now: () => new Date('2026-11-23T10:20:30Z'),
    glue: harnessGlue(),
    services: unusedServices({
      scan: ({ onProgress }) => {
        scans += 1;
        onProgress({ step: 'connections', fraction: 0.2 });
        return Promise.resolve(report);
      },
      tallyPreview: () => Promise.resolve({ result: anonymized, pending: 2 }),
      tallySend: () => (
        sent.push('sent'),
        Promise.resolve({ submissionId: 'x', delivered: 1, rejected: 0, remaining: 0 })
      ),
      ...services,
    }),
  });
  return {
    call: (c: string, p: unknown = {}) => dispatch(handlers, c, p),
    handlers,
    pushed,
    feedPushes,
    sent,
    scans: () => scans,
  };
}

describe('app handlers', () => {
  it('runs one scan for two quick presses, pushes its progress, and keeps it for details and export', async () => {
    const h = setup();
    expect(await h.call('scan:last')).toEqual({ ok: true, value: null });
    const [a, b] = await Promise.all([h.call('scan:run'), h.call('scan:run')]);
    expect(a).toEqual(b);
    expect(h.scans()).toBe(1);
    expect(h.pushed).toEqual([{ step: 'connections', fraction: 0.2 }]);
    expect(await h.call('scan:last')).toMatchObject({ ok: true, value: { scannedAt: report.scannedAt } });
    expect(await h.call('export:connections', { format: 'json' })).toMatchObject({
      ok: true,
      value: { kind: 'download', fileName: 'sachmadoc-connections-20261123-102030.json' },
    });
  });

  it('refuses to export before any check, saying what to do', async () => {
    const r = await setup().call('export:connections', { format: 'csv' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'user-error', hint: expect.stringContaining('Kiểm tra ngay') },
    });
  });

  it('sends to the tally only with consent, an address and a unit, checked in main', async () => {
    const h = setup();
    await h.call('scan:run');
    const refused = await h.call('tally:send');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'user-error',
        message: expect.stringContaining('chưa đồng ý'),
        // Worded in the page's language from the catalogue, not from this bilingual message.
        text: { code: 'msg.tally.noConsent' },
        hintText: { code: 'msg.tally.noConsentHint' },
      },
    });
    await h.call('settings:set', { sendResults: true });
    expect(await h.call('tally:send')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('mã đơn vị') },
    });
    expect(h.sent).toEqual([]);
    await h.call('settings:set', { tallyUrl: 'https://tally.example.gov.vn', unitCode: 'SO-TTTT' });
    expect(await h.call('tally:send')).toMatchObject({ ok: true, value: { delivered: 1 } });
    expect(h.sent).toEqual(['sent']);
  });

  it('hands the unit enrolment token from Settings to the tally client', async () => {
    const tokens: (string | null | undefined)[] = [];
    const h = setup({
      tallySend: (_r, _u, _url, _c, unitToken) => (
        tokens.push(unitToken),
        Promise.resolve({ submissionId: 'x', delivered: 1, rejected: 0, remaining: 0 })
      ),
    });
    await h.call('scan:run');
    await h.call('settings:set', {
      sendResults: true,
      tallyUrl: 'https://tally.example.gov.vn',
      unitCode: 'SO-TTTT',
    });
    await h.call('tally:send');
    await h.call('settings:set', { unitToken: 'smd-unit-0123456789abcdefghijklmnop' });
    await h.call('tally:send');
    expect(tokens).toEqual([null, 'smd-unit-0123456789abcdefghijklmnop']);
    expect(await h.call('settings:set', { unitToken: 'has spaces in it, not a token' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('previews nothing until there is a check and a unit code', async () => {
    const h = setup();
    expect(await h.call('tally:preview')).toEqual({
      ok: true,
      value: { result: null, missing: 'scan', pending: 0 },
    });
    await h.call('scan:run');
    expect(await h.call('tally:preview')).toMatchObject({ ok: true, value: { missing: 'unit' } });
    await h.call('settings:set', { unitCode: 'SO-TTTT' });
    expect(await h.call('tally:preview')).toEqual({
      ok: true,
      value: { result: anonymized, pending: 2, missing: null },
    });
  });
});

describe('tally units', () => {
  it('asks the tally saved in Settings for its units, and says what to do when there is none', async () => {
    const asked: string[] = [];
    const h = setup({
      tallyUnits: (url) => {
        asked.push(url);
        return Promise.resolve([{ code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' }]);
      },
    });
    expect(await h.call('tally:units')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/no tally address/) as unknown },
    });
    await h.call('settings:set', { tallyUrl: 'https://tally.daklak.gov.vn' });
    expect(await h.call('tally:units')).toEqual({
      ok: true,
      value: [{ code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' }],
    });
    expect(asked).toEqual(['https://tally.daklak.gov.vn']);
  });
});

describe('feed updates', () => {
  const status = {
    campaign: campaign({ name: { vi: 'Chiến dịch', en: 'Campaign' } }),
    version: 8,
    publishedAt: '2026-11-22T00:00:00Z',
    source: 'https://tally.example/feed/latest.json',
    lastChecked: '2026-11-23T10:00:00Z',
    indicatorCount: 12,
  };

  it('checks the saved feed URL once at start-up and tells the page the feed in use', async () => {
    const urls: (string | undefined)[] = [];
    const h = setup({
      updateFeed: (url) => {
        urls.push(url);
        return Promise.resolve({ outcome: 'updated' as const, status });
      },
    });
    await h.call('settings:set', { feedUrl: 'https://tally.example/feed/latest.json' });
    const records: LogRecord[] = [];
    const logged = new Promise<void>((resolve) =>
      setLogSink((r) => {
        records.push(r);
        if (r.scope === 'feed') resolve();
      }, 'info'),
    );
    updateFeedAtStart(h.handlers, createLogger('feed'));
    await logged;
    setLogSink(() => {}, 'info');
    expect(urls).toEqual(['https://tally.example/feed/latest.json']);
    expect(h.feedPushes).toEqual([status]);
    expect(records.find((r) => r.scope === 'feed')).toMatchObject({
      level: 'info',
      data: { outcome: 'updated' },
    });
  });

  it('logs a failed start-up check instead of failing the app', async () => {
    const h = setup({ updateFeed: () => Promise.reject(new Error('offline')) });
    const logged = new Promise<LogRecord>((resolve) =>
      setLogSink((r) => {
        if (r.scope === 'feed') resolve(r);
      }, 'info'),
    );
    updateFeedAtStart(h.handlers, createLogger('feed'));
    expect(await logged).toMatchObject({ level: 'warn', data: { error: 'Error: offline' } });
    setLogSink(() => {}, 'info');
    expect(h.feedPushes).toEqual([]);
  });
});
