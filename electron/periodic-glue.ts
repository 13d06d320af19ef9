// Electron glue of the optional periodic check: the notification-area icon, the notification, and
// "close hides the window" while the check is on. The schedule itself is a plain service
// (services/scan/periodic-check.ts, tested with a fake clock); nothing here decides anything.
import { app, Menu, Notification, Tray } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Handlers } from '../shared/ipc/dispatch';
import type { Settings } from '../shared/ipc/schemas';
import { decideVerdict } from '../shared/scan/verdict';
import type { Logger } from '../shared/logger';
import { createPeriodicCheck } from '../services/scan/periodic-check';
import type { LastCheckStore } from '../services/scan/last-check';
import { translate } from '../shared/i18n';

export interface PeriodicGlue {
  /** Applies changed settings (on/off, hours, language of the tray menu). */
  apply(settings: Settings): void;
  /** True while closing the window should only hide it (the check is on and the app not quitting). */
  keepsRunning(): boolean;
}

/** Sets up the tray and the periodic check over the handler table; `window()` is the current window. */
export function setupPeriodicCheck(deps: {
  handlers: Handlers;
  lastCheck: LastCheckStore;
  window: () => BrowserWindow | null;
  /** Opens a new window when the last one was closed. */
  reopen: () => void;
  iconPath: string;
  logger: Logger;
}): PeriodicGlue {
  let tray: Tray | null = null;
  let enabled = false;
  let quitting = false;
  let lang: 'vi' | 'en' = 'vi';
  app.on('before-quit', () => (quitting = true));

  const show = () => {
    const w = deps.window();
    if (!w) return deps.reopen();
    w.show();
    w.focus();
  };
  const checker = createPeriodicCheck({
    now: () => Date.now(),
    setTimer: (ms, fn) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    // The same call as the button: it joins a running check, saves "last checked" and tells the page.
    check: async () => {
      const report = await deps.handlers['scan:run']({});
      return { checkedAt: report.scannedAt, state: decideVerdict(report).state };
    },
    lastCheck: () => deps.lastCheck.get(),
    notify: (n) => {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: n.title[lang], body: n.body[lang], icon: deps.iconPath });
      note.on('click', show);
      note.show();
    },
    logger: deps.logger,
  });

  const menu = () =>
    Menu.buildFromTemplate([
      { label: translate(lang, 'msg.app.trayOpen'), click: show },
      { type: 'separator' },
      { label: translate(lang, 'msg.app.trayQuit'), click: () => app.quit() },
    ]);

  return {
    apply(settings) {
      lang = settings.language;
      enabled = settings.periodicCheck?.enabled ?? false;
      void checker.configure(settings.periodicCheck);
      if (enabled && !tray) {
        tray = new Tray(deps.iconPath);
        tray.setToolTip('Sạch Mã Độc');
        tray.on('click', show);
      }
      if (tray && !enabled) {
        tray.destroy();
        tray = null;
      }
      tray?.setContextMenu(menu());
    },
    keepsRunning: () => enabled && !quitting,
  };
}
