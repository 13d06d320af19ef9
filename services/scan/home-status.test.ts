// What the home status and "who to call" read from main (issue 15), over the real services and
// files: the last check is kept on disk and pushed after every check; the contacts come from the
// feed in use and the unit's IT contact from Settings, else the installer-deployed unit.json; the
// feed address built into this copy is shown, and "update now" without any address says so by code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../app-services';
import { createHandlers } from '../ipc/handlers';
import { builtInFeedUrl } from '../feed/default-url';
import { createLastCheckStore } from './last-check';
import { createSettingsStore } from '../settings/settings-store';
import type { ScanReport } from '../../shared/domain';
import { dispatch } from '../../shared/ipc/dispatch';
import { createLogger } from '../../shared/logger';

const root = fileURLToPath(new URL('../..', import.meta.url));
const logger = createLogger('test');
const CONTACTS = {
  authority: {
    name: 'Nguyễn Thị Thanh Huyền',
    unit: 'Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC)',
    phone: '0964326245',
    email: 'ntthuyen@mic.gov.vn',
  },
  province: { name: 'Ngô Xuân Hòa', unit: 'Phòng Công nghệ thông tin', phone: '0946522999' },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'home-status-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function feedFile(contacts?: unknown): string {
  const file = join(dir, 'feed.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'sachmadoc-campaign-feed',
      formatVersion: 1,
      campaign: {
        id: 'thu-nghiem',
        name: { vi: 'Thử nghiệm', en: 'Test' },
        authority: { vi: 'Cục An toàn thông tin', en: 'Authority of Information Security' },
        startsOn: '2026-08-23',
        endsOn: '2026-12-31',
        reportDeadline: '2026-12-15',
        infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
        cleanupToolUrl: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu',
      },
      version: 3,
      publishedAt: '2026-11-20T08:00:00Z',
      indicators: [{ type: 'ip', value: '203.0.113.9' }],
      ...(contacts ? { contacts } : {}),
    }),
  );
  return file;
}

async function handlersOver(opts: { feed?: string; env?: Record<string, string | undefined> }) {
  const pushes: { channel: string; payload: unknown }[] = [];
  const services = await createAppServices({
    dataDir: dir,
    assetsDir: join(root, 'assets'),
    appVersion: '0.1.0',
    logger,
    env: opts.env ?? {},
    ...(opts.feed ? { feedFile: opts.feed } : {}),
  });
  const report: ScanReport = {
    scannedAt: '2026-12-02T07:30:00.000Z',
    findings: [],
    connections: [],
    feeds: [{ source: 'feed.json', indicators: 1 }],
    warnings: [],
  };
  const handlers = createHandlers({
    version: '0.1.0',
    platform: 'linux',
    services: { ...services, scan: () => Promise.resolve(report) },
    settings: createSettingsStore({ file: join(dir, 'settings.json'), logger }),
    lastCheck: createLastCheckStore({ file: join(dir, 'last-check.json'), logger }),
    emit: (channel, payload) => pushes.push({ channel, payload }),
    glue: {
      runtime: 'harness',
      openInBrowser: () => Promise.resolve(false),
      copyText: () => Promise.resolve(false),
      saveExport: (f) => Promise.resolve({ kind: 'download', ...f }),
    },
  });
  return { call: (c: string, p: unknown = {}) => dispatch(handlers, c, p), pushes };
}

describe('the last check (home status)', () => {
  it('is kept on disk after every check, pushed to the page, and read back after a restart', async () => {
    const first = await handlersOver({ feed: feedFile() });
    expect(await first.call('scan:last-check')).toEqual({ ok: true, value: null });
    await first.call('scan:run');
    const saved = { checkedAt: '2026-12-02T07:30:00.000Z', state: 'clean' };
    expect(first.pushes).toContainEqual({ channel: 'scan:checked', payload: saved });
    expect(JSON.parse(readFileSync(join(dir, 'last-check.json'), 'utf8'))).toEqual(saved);
    const restarted = await handlersOver({ feed: feedFile() });
    expect(await restarted.call('scan:last-check')).toEqual({ ok: true, value: saved });
  });
});

describe('who to call', () => {
  it('gives the feed contact points and the installer-deployed IT contact; one typed in Settings wins', async () => {
    const unitJson = join(dir, 'unit.json');
    writeFileSync(unitJson, JSON.stringify({ itContact: { name: 'Trần Văn Minh', unit: 'Tổ CNTT' } }));
    const h = await handlersOver({ feed: feedFile(CONTACTS), env: { SACHMADOC_UNIT_CONFIG: unitJson } });
    expect(await h.call('app:contacts')).toEqual({
      ok: true,
      value: {
        authority: CONTACTS.authority,
        province: CONTACTS.province,
        it: { name: 'Trần Văn Minh', unit: 'Tổ CNTT' },
        itFrom: 'installer',
      },
    });
    const mine = { name: 'Lê Thị Thu', unit: 'Phòng Hành chính', email: 'thu.lt@soctrang.gov.vn' };
    await h.call('settings:set', { itContact: mine });
    const r = (await h.call('app:contacts')) as { ok: true; value: { it: unknown; itFrom: string } };
    expect(r.value.it).toEqual(mine);
    expect(r.value.itFrom).toBe('settings');
  });

  it('has nobody when the feed carries no contacts and none is set; refuses a contact without a name', async () => {
    const h = await handlersOver({ feed: feedFile() });
    expect(await h.call('app:contacts')).toEqual({
      ok: true,
      value: { authority: null, province: null, it: null, itFrom: null },
    });
    const bad = (await h.call('settings:set', { itContact: { name: '', unit: 'Tổ CNTT' } })) as {
      ok: boolean;
    };
    expect(bad.ok).toBe(false);
  });
});

describe('the feed address', () => {
  it('is the built-in one when set at build (or in the environment), shown in the feed status', async () => {
    expect(builtInFeedUrl({ SACHMADOC_FEED_URL: 'https://tally.sotttt.gov.vn/feed/latest.json' })).toBe(
      'https://tally.sotttt.gov.vn/feed/latest.json',
    );
    expect(builtInFeedUrl({ SACHMADOC_FEED_URL: 'not a url' })).toBe('');
    expect(builtInFeedUrl({})).toBe('');
    const h = await handlersOver({
      env: { SACHMADOC_FEED_URL: 'https://tally.sotttt.gov.vn/feed/latest.json' },
    });
    const status = (await h.call('feed:status')) as { ok: true; value: { defaultUrl: string } };
    expect(status.value.defaultUrl).toBe('https://tally.sotttt.gov.vn/feed/latest.json');
  });

  it('"update now" with no address anywhere answers the code the page words ("no-url")', async () => {
    const h = await handlersOver({});
    const r = (await h.call('feed:update')) as { ok: true; value: { outcome: string; code: string } };
    expect(r.value.outcome).toBe('failed');
    expect(r.value.code).toBe('no-url');
  });
});
