// The app's state (zustand). One store per window.api, so component tests build their own over the
// generated mock. Everything main knows arrives through window.api; nothing here reaches for Node.
import { createStore } from 'zustand/vanilla';
import type { ProcessFileInfo, ScanReport } from '../shared/domain';
import { reportWithConnections } from '../shared/processes/process-facts';
import type { Api, IpcResult } from '../shared/ipc/api';
import type { ConnectionRow } from '../shared/ipc/connection-rows';
import { toConnectionRows } from '../shared/ipc/connection-rows';
import type { IpcError } from '../shared/ipc/contract';
import type { CleanupTarget } from './components/cleanup-target';
import type {
  Contacts,
  FeedStatus,
  FeedUpdate,
  LastCheck,
  ScanProgress,
  Settings,
  SettingsPatch,
} from '../shared/ipc/schemas';
import { decideVerdict } from '../shared/scan/verdict';

export const screens = [
  'check',
  'campaign',
  'cracked',
  'details',
  'guided',
  'hunt',
  'cleanup',
  'settings',
] as const;
export type Screen = (typeof screens)[number];

export interface AppState {
  screen: Screen;
  /** Bumped by every move the person makes (go, startCleanup): the new screen's heading takes focus. */
  navSeq: number;
  settings: Settings | null;
  feed: FeedStatus | null;
  feedUpdate: FeedUpdate | null;
  updatingFeed: boolean;
  scanning: boolean;
  progress: ScanProgress | null;
  report: ScanReport | null;
  /** When this machine was last checked and its headline (kept by main across restarts). */
  lastCheck: LastCheck | null;
  /** Who to call: the feed's contact points and the unit's IT contact. */
  contacts: Contacts | null;
  /** Bumped when a check this page started has finished, so the verdict heading takes focus. */
  checkedSeq: number;
  rows: ConnectionRow[];
  /** Company, description and signer per executable path, as main answered for rows on screen. */
  files: Record<string, ProcessFileInfo>;
  /** Paths asked for and not answered yet (shown as pending). */
  filesAsked: Record<string, true>;
  /** Asks main for the file facts of these paths (those not asked before). */
  loadFileInfo: (paths: readonly string[]) => Promise<void>;
  /** The last error a person should see, with where it came from. */
  error: IpcError | null;
  /** The flagged item the guided cleanup works on (chosen in Details or on the cracked screen). */
  cleanupTarget: CleanupTarget | null;
  go: (screen: Screen) => void;
  /** Opens the guided cleanup for a flagged item. */
  startCleanup: (target: CleanupTarget) => void;
  load: () => Promise<void>;
  /** Runs a check; answers its report (null when it failed or one was already running). */
  runScan: () => Promise<ScanReport | null>;
  updateFeed: () => Promise<void>;
  saveSettings: (patch: SettingsPatch) => Promise<boolean>;
  /** Reads the contacts again (after the feed or the IT contact in Settings changed). */
  loadContacts: () => Promise<void>;
  dismissError: () => void;
}

/** Builds the store over an api; `load()` fetches settings, feed and any earlier scan. */
export function createAppStore(api: Api) {
  return createStore<AppState>()((set, get) => {
    const take = <T>(r: IpcResult<T>): T | undefined => {
      if (r.ok) return r.value;
      set({ error: r.error });
      return undefined;
    };
    const setReport = (report: ScanReport | null) =>
      set({ report, rows: report ? toConnectionRows(report) : [] });
    // Windows: paths, parents and disguise flags arrive after the verdict, for the scan on screen.
    api.scan.onProcesses(({ scannedAt, connections }) => {
      const report = get().report;
      if (report?.scannedAt === scannedAt) setReport(reportWithConnections(report, connections));
    });

    return {
      screen: 'campaign',
      navSeq: 0,
      settings: null,
      feed: null,
      feedUpdate: null,
      updatingFeed: false,
      scanning: false,
      progress: null,
      report: null,
      lastCheck: null,
      contacts: null,
      checkedSeq: 0,
      rows: [],
      files: {},
      filesAsked: {},
      error: null,
      cleanupTarget: null,
      go: (screen) => set((s) => ({ screen, navSeq: s.navSeq + 1 })),
      startCleanup: (cleanupTarget) =>
        set((s) => ({ cleanupTarget, screen: 'guided', navSeq: s.navSeq + 1 })),
      dismissError: () => set({ error: null }),
      async load() {
        const [settings, feed, last, lastCheck, contacts] = await Promise.all([
          api.settings.get(),
          api.feed.status(),
          api.scan.last(),
          api.scan.lastCheck(),
          api.app.contacts(),
        ]);
        // Not worth an error banner: without them the home says "never checked" and names nobody.
        const checked = lastCheck.ok ? lastCheck.value : null;
        // First start (never checked here): the campaign introduction; afterwards the home status.
        set({
          settings: take(settings) ?? null,
          feed: take(feed) ?? null,
          lastCheck: checked,
          contacts: contacts.ok ? contacts.value : null,
          screen: checked ? 'check' : 'campaign',
        });
        // Main checks for a newer feed at start-up; its answer may come after this first read.
        api.feed.onChanged((status) => {
          set({ feed: status });
          void get().loadContacts();
        });
        // A check main ran (the periodic check, or another window): "last checked" and its report.
        api.scan.onChecked((check) => {
          set({ lastCheck: check });
          if (get().report?.scannedAt !== check.checkedAt && !get().scanning)
            void api.scan.last().then((r) => {
              if (r.ok && r.value) setReport(r.value);
            });
        });
        const report = take(last);
        if (report) setReport(report);
      },
      async runScan() {
        if (get().scanning) return null;
        set({ scanning: true, progress: { step: 'start', fraction: 0 }, error: null });
        const off = api.scan.onProgress((progress) => set({ progress }));
        try {
          const report = take(await api.scan.run());
          if (report) {
            setReport(report);
            set({ lastCheck: { checkedAt: report.scannedAt, state: decideVerdict(report).state } });
          }
          return report ?? null;
        } finally {
          off();
          set((s) => ({ scanning: false, progress: null, checkedSeq: s.checkedSeq + 1 }));
        }
      },
      async loadFileInfo(paths) {
        const asked = get().filesAsked;
        const wanted = [...new Set(paths)].filter((p) => !asked[p]).slice(0, 200);
        if (wanted.length === 0) return;
        set({ filesAsked: { ...asked, ...Object.fromEntries(wanted.map((p) => [p, true as const])) } });
        const r = await api.scan.fileInfo({ paths: wanted });
        // No answer is no facts: the cells show nothing rather than "reading…" forever.
        const files = r.ok ? r.value.files : {};
        const done = Object.fromEntries(
          wanted.map((p) => [
            p,
            files[p] ?? { company: null, description: null, signer: null, signature: null },
          ]),
        );
        set({ files: { ...get().files, ...done } });
      },
      async updateFeed() {
        set({ updatingFeed: true, feedUpdate: null });
        try {
          const update = take(await api.feed.update());
          if (update) set({ feedUpdate: update, feed: update.status });
        } finally {
          set({ updatingFeed: false });
        }
      },
      async saveSettings(patch) {
        const settings = take(await api.settings.set(patch));
        if (settings) set({ settings, error: null });
        if (settings && 'itContact' in patch) await get().loadContacts();
        return settings !== undefined;
      },
      async loadContacts() {
        const r = await api.app.contacts();
        if (r.ok) set({ contacts: r.value });
      },
    };
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
