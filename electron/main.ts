// The Electron main process: only glue. It locks to one instance, hardens the session (deny by
// default), serves the renderer on app://sachmadoc with a strict CSP, builds the same services and
// handler table as the browser harness, and registers them on ipcMain with sender checks.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { Session } from 'electron';
import { contentSecurityPolicy, withNonce } from '../shared/ipc/csp';
import { createEmit } from '../shared/ipc/dispatch';
import type { PushChannel } from '../shared/ipc/contract';
import { createLogger, setLogSink } from '../shared/logger';
import { createAppServices } from '../services/app-services';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { openLogFile } from '../services/log-file';
import type { HttpFetch, HttpResponse } from '../services/http-fetch';
import { externalHosts, isAllowedExternal } from '../services/ipc/external';
import { createHandlers, updateFeedAtStart } from '../services/ipc/handlers';
import { startTallyRetries } from '../services/ipc/tally-handlers';
import type { PlatformGlue } from '../services/ipc/handlers';
import { bilingual, translate } from '../shared/i18n';
import { registerIpcHandlers } from './ipc/register';
import { createSettingsStore } from '../services/settings/settings-store';
import type { SettingsStore } from '../services/settings/settings-store';
import { createLastCheckStore } from '../services/scan/last-check';
import { setupPeriodicCheck, type PeriodicGlue } from './periodic-glue';

const APP_ORIGIN = 'app://sachmadoc';
const isDev = !app.isPackaged;
const log = createLogger('main');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// Must happen before "ready": app:// is a standard, secure scheme so origins and CSP 'self' work.
protocol.registerSchemesAsPrivileged([
  // corsEnabled: Vite's <script type="module" crossorigin> is fetched in CORS mode, even same-origin.
  { scheme: 'app', privileges: { standard: true, secure: true, corsEnabled: true } },
]);

let win: BrowserWindow | null = null;
let periodicKeepsRunning = (): boolean => false;

/**
 * The services' fetch in the app (feed, tally): Chromium's network stack through a session of main's
 * own, which resolves the proxy from the Windows system settings (PAC, WPAD) as the browser does. Not
 * the default session: every request there is the renderer's and is cancelled (setupHardening).
 */
function createServicesFetch(): HttpFetch {
  const ses = session.fromPartition('sachmadoc-services');
  ses.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  return async (url, init) =>
    // no-store: the feed's own ETag logic decides what is fresh, never Chromium's cache.
    (await ses.fetch(url, { ...init, redirect: 'follow', cache: 'no-store' })) as unknown as HttpResponse;
}

/** Writes log records to userData/logs/main.log, one JSON object a line, rotated at 5 MB × 3 files. */
function setupLogging(): void {
  const log = openLogFile(join(app.getPath('userData'), 'logs', 'main.log'));
  setLogSink((r) => log.write(r), isDev ? 'debug' : 'info');
}

/** Deny by default: permissions, navigation, new windows, webviews, and any renderer network request. */
function setupHardening(ses: Session): void {
  // Allow-list of permissions: none. The page needs no camera, notifications, clipboard-read...
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);

  // The renderer may load only the app's own files; everything online goes through main.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      details.url.startsWith(`${APP_ORIGIN}/`) || (isDev && details.url.startsWith('devtools://'));
    if (!allowed) log.warn('renderer request cancelled', { url: details.url });
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      log.warn('navigation blocked', { url });
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log.warn('window.open blocked', { url });
      return { action: 'deny' };
    });
  });
}

/**
 * Serves dist/renderer on app://sachmadoc/ with the CSP header; nothing outside that folder. The page
 * needs its own nonce'd scripts, its styles, the data: logo, and nothing else: no network at all
 * (main fetches feeds), no frames, no forms. The same policy is in index.html's meta tag, where
 * connect-src is 'self' for the harness; the header's 'none' is the stricter and both apply.
 */
function setupAppProtocol(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = resolve(
      rendererDir,
      `.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`,
    );
    if (url.host !== 'sachmadoc' || !file.startsWith(rendererDir + sep))
      return new Response('forbidden', { status: 403 });
    try {
      const nonce = randomBytes(16).toString('base64');
      const bytes = await readFile(file);
      const body = extname(file) === '.html' ? withNonce(bytes.toString('utf8'), nonce) : bytes;
      return new Response(body, {
        headers: {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': contentSecurityPolicy(nonce, "'none'"),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/** What only Electron can do for the handlers: the browser, the clipboard, the save dialog. */
function electronGlue(settings: SettingsStore, allowedHosts: () => Promise<Set<string>>): PlatformGlue {
  return {
    runtime: 'electron',
    async openInBrowser(url) {
      // Checked again here: this is the last step before leaving the app. Reviewed for
      // electronegativity: the URL never comes from the page, only from the signed feed, and only
      // https to a host on the feed's allow-list passes isAllowedExternal().
      if (!isAllowedExternal(url, await allowedHosts())) return false;
      await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      return true;
    },
    async copyText(text) {
      await clipboard.writeText(text);
      return true;
    },
    async saveExport({ fileName, content }) {
      const path = await askSavePath(settings, fileName);
      if (path === null) return { kind: 'cancelled' };
      await writeFileAtomic(path, content);
      return { kind: 'saved', path };
    },
    async savePdf({ fileName, html }) {
      const path = await askSavePath(settings, fileName);
      if (path === null) return { kind: 'cancelled' };
      await writeFileAtomic(path, await printHtmlToPdf(html));
      return { kind: 'saved', path };
    },
    async pickLogPaths(folders) {
      const options = {
        properties: [folders ? 'openDirectory' : 'openFile', 'multiSelections'] as (
          'openDirectory' | 'openFile' | 'multiSelections'
        )[],
      };
      const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return choice.canceled ? [] : choice.filePaths;
    },
  };
}

/** The save dialog for an export or the evidence report; null when cancelled. */
async function askSavePath(settings: SettingsStore, fileName: string): Promise<string | null> {
  const language = (await settings.get()).language === 'en' ? 'en' : 'vi';
  const t = (key: string) => translate(language, key);
  const ext = extname(fileName).slice(1);
  const names: Record<string, string> = {
    csv: t('dialogs.csv'),
    json: t('dialogs.json'),
    html: t('dialogs.html'),
    pdf: t('dialogs.pdf'),
  };
  const options = {
    title: fileName.startsWith('sachmadoc-evidence-') ? t('dialogs.reportTitle') : t('dialogs.exportTitle'),
    defaultPath: join(app.getPath('documents'), fileName),
    filters: [{ name: names[ext] ?? ext, extensions: [ext] }],
  };
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

/**
 * Prints the evidence report (self-contained HTML: no script, no external resource) to PDF in a
 * hidden window of its own in-memory session, with JavaScript off and every request refused but the
 * report itself, and closes it afterwards.
 */
async function printHtmlToPdf(html: string): Promise<Buffer> {
  const ses = session.fromPartition('sachmadoc-print');
  ses.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  );
  const printer = new BrowserWindow({
    show: false,
    webPreferences: {
      session: ses,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    },
  });
  try {
    await printer.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  } finally {
    printer.destroy();
  }
}

function createWindow(appDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Sạch Mã Độc',
    icon: join(appDir, 'assets', 'icon.png'),
    webPreferences: {
      // Reviewed for electronegativity: our own bundled, sandboxed, context-isolated preload; it
      // exposes one frozen window.api derived from the IPC contract (no ipcRenderer, no generic send).
      preload: join(appDir, 'dist', 'app', 'preload.cjs') /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      devTools: isDev,
    },
  });
  window.once('ready-to-show', () => window.show());
  // With the periodic check on, closing the window leaves the app in the notification area.
  window.on('close', (event) => {
    if (!periodicKeepsRunning()) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => (win = null));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  setupLogging();
  const appDir = app.getAppPath();
  const assetsDir = join(appDir, 'assets');
  // Services that locate assets from their own source path are told where the packaged ones are.
  process.env.SACHMADOC_ASSETS_DIR = assetsDir;
  if (!isDev) Menu.setApplicationMenu(null);
  setupHardening(session.defaultSession);
  setupAppProtocol(join(appDir, 'dist', 'renderer'));

  const userData = app.getPath('userData');
  const savedSettings = createSettingsStore({
    file: join(userData, 'settings.json'),
    logger: createLogger('settings'),
  });
  let periodic: PeriodicGlue | null = null;
  // Every saved change reaches the periodic check (on/off, hours) and the tray's language.
  const settings: SettingsStore = {
    get: () => savedSettings.get(),
    async set(patch) {
      const next = await savedSettings.set(patch);
      periodic?.apply(next);
      return next;
    },
  };
  const lastCheck = createLastCheckStore({
    file: join(userData, 'last-check.json'),
    logger: createLogger('scan'),
  });
  const services = await createAppServices({
    appVersion: app.getVersion(),
    dataDir: userData,
    assetsDir,
    // "Lưu dữ liệu cho cán bộ CNTT": a folder IT staff find (Documents\SachMaDoc), not the app's data.
    capturesDir: join(app.getPath('documents'), 'SachMaDoc'),
    logger: createLogger('services'),
    // Renderers, the GPU helper and utility processes: the terminate guard refuses every one.
    ownProcessTree: () => app.getAppMetrics().map((m) => m.pid),
    // Chromium's network stack: the Windows system proxy, PAC scripts and WPAD, as the browser uses.
    fetch: createServicesFetch(),
  });
  const emit = createEmit(
    (channel: PushChannel, payload) => win?.webContents.send(channel, payload),
    (channel, error) => log.error('push refused', { channel, error: String(error) }),
  );
  const handlers = createHandlers({
    version: app.getVersion(),
    platform: process.platform,
    services,
    settings,
    lastCheck,
    emit,
    glue: electronGlue(settings, async () => externalHosts((await services.feedStatus()).campaign)),
  });
  registerIpcHandlers(ipcMain, handlers, { appOrigin: APP_ORIGIN, logger: createLogger('ipc') });
  updateFeedAtStart(handlers, createLogger('feed'));
  void startTallyRetries({ services, settings, emit }, createLogger('tally'));

  win = createWindow(appDir);
  periodic = setupPeriodicCheck({
    handlers,
    lastCheck,
    window: () => win,
    reopen: () => (win = createWindow(appDir)),
    iconPath: join(appDir, 'assets', 'icon.png'),
    logger: createLogger('periodic'),
  });
  periodic.apply(await settings.get());
  periodicKeepsRunning = () => periodic?.keepsRunning() ?? false;
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(appDir);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    log.error('start failed', { error: String(error) });
    dialog.showErrorBox(bilingual('app.name'), bilingual('msg.app.cannotStart', { error: String(error) }));
    app.exit(1);
  });
}
