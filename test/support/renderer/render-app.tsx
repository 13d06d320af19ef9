// Renders the whole app over a window.api mock generated from the contract.
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Connection, ScanReport } from '../../../shared/domain';
import type { Handlers } from '../../../shared/ipc/dispatch';
import { createMockApi } from '../mock-api';
import type { FeedStatus, Settings } from '../../../shared/ipc/schemas';
import { App } from '../../../renderer/App';
import { AppContext } from '../../../renderer/app-context';
import { createI18n } from '../../../renderer/i18n';
import { createAppStore } from '../../../renderer/store';
import { connection } from '../../support/connection';
import { campaign } from '../../support/campaign';

export const defaultSettings: Settings = {
  language: 'vi',
  feedUrl: '',
  tallyUrl: '',
  unitCode: '',
  sendResults: false,
};

export const feedStatus: FeedStatus = {
  campaign: campaign(),
  version: 3,
  publishedAt: '2026-11-20T08:00:00Z',
  source: 'https://khonggianmang.vn/feed/latest.json',
  lastChecked: '2026-11-23T08:00:00Z',
  indicatorCount: 1200,
};

/** A connection with sensible defaults. */
export const conn = (over: Partial<Connection> = {}): Connection =>
  connection({ processPath: 'C:\\Program Files\\Google\\Chrome\\chrome.exe', ...over });

/** The cracked-software activator the screens flag: KMSELDI.exe (pid 4242) talking to 203.0.113.9:8080. */
export const kmsActivator = (over: Partial<Connection> = {}): Connection =>
  conn({
    pid: 4242,
    processName: 'KMSELDI.exe',
    remoteAddress: '203.0.113.9',
    remotePort: 8080,
    services: ['KMSELDI'],
    ...over,
  });

/** svchost.exe (pid 840) listening on 0.0.0.0:135 for RpcSs: a LISTEN row every Windows has. */
export const rpcListen = (over: Partial<Connection> = {}): Connection =>
  conn({
    pid: 840,
    processName: 'svchost.exe',
    state: 'LISTEN',
    localAddress: '0.0.0.0',
    localPort: 135,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    services: ['RpcSs'],
    ...over,
  });

/** A report where `flagged` connections hit a campaign IP. */
export function reportOf(clean: Connection[], flagged: Connection[] = []): ScanReport {
  return {
    scannedAt: '2026-11-23T09:00:00.000Z',
    connections: [...clean, ...flagged],
    findings: flagged.map((c) => ({
      indicator: c.remoteAddress,
      kind: 'ip' as const,
      via: 'connection' as const,
      source: 'campaign',
      connection: c,
    })),
    feeds: [{ source: 'campaign', indicators: 1200, version: 3 }],
    warnings: [],
  };
}

/** Renders <App/> with the given handlers (settings, feed and last scan default to sensible values). */
export async function renderApp(overrides: Partial<Handlers> = {}) {
  const mock = createMockApi({
    'settings:get': () => defaultSettings,
    'feed:status': () => feedStatus,
    'scan:last': () => null,
    'scan:last-check': () => null,
    'app:contacts': () => ({ authority: null, province: null, it: null, itFrom: null }),
    ...overrides,
  });
  const store = createAppStore(mock.api);
  await store.getState().load();
  const i18n = createI18n('vi');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <AppContext value={{ store, api: mock.api }}>
        <App />
      </AppContext>
    </I18nextProvider>,
  );
  return { ...view, mock, store, i18n };
}
