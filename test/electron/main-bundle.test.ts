// The bundled main process (dist/app/main.cjs as esbuild builds it) loaded against a recording
// stand-in for the `electron` module: the Electron binary cannot run here, but every hardening
// decision main makes goes through these calls, so they can be checked. The real window is driven
// on Windows CI (app.spec.ts).
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron';
import { invokeChannels } from '../../shared/ipc/contract';
import { BUILD_NONCE } from '../../shared/ipc/csp';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = resolve(import.meta.dirname, '../..');
let dir: string;
const rec = {
  privileged: [] as unknown[],
  handles: new Map<string, Fn>(),
  windows: [] as { options: Record<string, any>; url?: string }[], // eslint-disable-line @typescript-eslint/no-explicit-any
  appEvents: new Map<string, Fn>(),
  permissionRequest: null as Fn | null,
  permissionCheck: null as Fn | null,
  beforeRequest: null as Fn | null,
  protocol: null as Fn | null,
  opened: [] as string[],
  partitions: [] as string[],
};
let windowCreated!: () => void;
const created = new Promise<void>((r) => (windowCreated = r));

function fakeElectron() {
  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = [];
    webContents = { send: () => {} };
    constructor(options: Record<string, unknown>) {
      super();
      rec.windows.push({ options });
      BrowserWindow.all.push(this);
    }
    static getAllWindows = () => BrowserWindow.all;
    loadURL(url: string) {
      rec.windows.at(-1)!.url = url;
      windowCreated();
      return Promise.resolve();
    }
  }
  return {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: Fn) => rec.appEvents.set(event, fn),
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => join(dir, 'paths', name),
      getAppPath: () => join(dir, 'app'),
      getVersion: () => '0.1.0',
      quit: () => {},
      exit: () => {},
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => rec.privileged.push(...list),
      handle: (_scheme: string, fn: Fn) => (rec.protocol = fn),
    },
    session: {
      // Main's own session for the services' requests (the system proxy and PAC).
      fromPartition: (name: string) => (
        rec.partitions.push(name),
        {
          setPermissionRequestHandler: () => {},
          setPermissionCheckHandler: () => {},
          webRequest: { onBeforeRequest: () => {} },
          fetch: () => Promise.reject(new Error('no network in this test')),
        }
      ),
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (rec.permissionCheck = fn),
        webRequest: { onBeforeRequest: (fn: Fn) => (rec.beforeRequest = fn) },
      },
    },
    ipcMain: { handle: (c: string, fn: Fn) => rec.handles.set(c, fn), removeHandler: () => {} },
    BrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    shell: { openExternal: (u: string) => (rec.opened.push(u), Promise.resolve()) },
    clipboard: { writeText: () => Promise.resolve() },
    dialog: { showSaveDialog: () => Promise.resolve({ canceled: true }), showErrorBox: () => {} },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'main-bundle-'));
  mkdirSync(join(dir, 'app', 'dist', 'renderer'), { recursive: true });
  // A junction on Windows: a directory symlink there needs administrator rights or developer mode.
  symlinkSync(
    join(root, 'assets'),
    join(dir, 'app', 'assets'),
    process.platform === 'win32' ? 'junction' : 'dir',
  );
  writeFileSync(
    join(dir, 'app', 'dist', 'renderer', 'index.html'),
    `<script nonce="${BUILD_NONCE}" src="./a.js"></script>`,
  );
  await buildElectron(join(dir, 'out'));
  const electron = fakeElectron();
  const load = (Module as unknown as { _load: Fn })._load;
  (Module as unknown as { _load: Fn })._load = function (request: string, ...rest: unknown[]): unknown {
    return request === 'electron' ? electron : (load.call(this, request, ...rest) as unknown);
  };
  try {
    createRequire(import.meta.url)(join(dir, 'out', 'main.cjs'));
    await created;
  } finally {
    (Module as unknown as { _load: Fn })._load = load;
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled main process', () => {
  it('opens one hardened window on app://sachmadoc, without devtools in a packaged build', () => {
    expect(rec.windows).toHaveLength(1);
    // The services fetch through a session of main's own, not the renderer's default one.
    expect(rec.partitions).toContain('sachmadoc-services');
    const w = rec.windows[0];
    expect(w.url).toBe('app://sachmadoc/index.html');
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String(w.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(rec.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, corsEnabled: true } },
    ]);
    expect(rec.appEvents.has('second-instance')).toBe(true);
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      rec.permissionRequest!({}, p, (v: boolean) => answers.push(v));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(rec.permissionCheck!({}, 'clipboard-sanitized-write')).toBe(false);
  });

  it('cancels every renderer request that is not one of the app files', () => {
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      rec.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('app://sachmadoc/assets/index.js')).toBe(false);
    expect(verdict('https://khonggianmang.vn/')).toBe(true);
    expect(verdict('http://127.0.0.1:8787/api')).toBe(true);
    expect(verdict('file:///C:/Windows/win.ini')).toBe(true);
  });

  it('blocks navigation, redirects, webviews and window.open in every web contents', () => {
    const contents = new EventEmitter() as EventEmitter & {
      setWindowOpenHandler: (fn: Fn) => void;
      open?: Fn;
    };
    contents.setWindowOpenHandler = (fn) => (contents.open = fn);
    rec.appEvents.get('web-contents-created')!({}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, event).toBe(true);
    }
    expect(contents.open!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('serves the page with a fresh nonce in the CSP header and the HTML, and nothing outside it', async () => {
    const res = (await rec.protocol!(new Request('app://sachmadoc/index.html'))) as Response;
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(nonce).not.toBe(BUILD_NONCE);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(await res.text()).toContain(`nonce="${nonce}"`);
    const again = (await rec.protocol!(new Request('app://sachmadoc/index.html'))) as Response;
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
    const escape = (await rec.protocol!(
      new Request('app://sachmadoc/..%2f..%2f..%2fassets%2fkeys%2fagency-2026.pub'),
    )) as Response;
    expect(escape.status).toBe(403);
  });

  it('registers exactly the contract channels, refusing frames that are not the app', async () => {
    expect([...rec.handles.keys()].sort()).toEqual([...invokeChannels].sort());
    const call = rec.handles.get('settings:get')!;
    expect(await call({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await call({ senderFrame: { url: 'app://sachmadoc/index.html' } }, {})).toMatchObject({
      ok: true,
      value: { language: 'vi', sendResults: false },
    });
    const open = await rec.handles.get('app:open-official')!(
      { senderFrame: { url: 'app://sachmadoc/' } },
      { target: 'cleanup-tool' },
    );
    expect(open).toMatchObject({ ok: true, value: { opened: true } });
    expect(rec.opened).toHaveLength(1);
    expect(rec.opened[0]).toMatch(/^https:\/\/khonggianmang\.vn\//);
  });
});
