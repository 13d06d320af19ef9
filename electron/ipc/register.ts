// Main's side of the contract: one ipcMain.handle per invoke channel of the table. Every call is
// checked for its sender (a frame showing our own page) before its payload is even validated, then
// goes through the shared dispatch (schema validation, tagged errors). Written against a minimal
// ipcMain shape so it runs in unit tests without Electron.
import type { IpcResult } from '../../shared/ipc/api';
import { invokeChannels } from '../../shared/ipc/contract';
import type { Handlers } from '../../shared/ipc/dispatch';
import { dispatch } from '../../shared/ipc/dispatch';
import type { Logger } from '../../shared/logger';

/** The part of an IpcMainInvokeEvent we read. */
export interface SenderEvent {
  senderFrame: { url: string } | null;
}
/** The part of ipcMain we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** True when `url` is a page of the app itself (the app:// origin that main serves the renderer on). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    // Compare scheme and host, not URL.origin: a custom scheme's origin is the opaque "null" in Node,
    // which would make every custom-scheme URL look the same.
    const u = new URL(url);
    const app = new URL(appOrigin);
    return u.protocol === app.protocol && u.host === app.host && u.host !== '';
  } catch {
    return false;
  }
}

/** Registers every invoke channel; returns a function that removes them again. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  opts: { appOrigin: string; logger: Logger },
): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, async (event, payload): Promise<IpcResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url, opts.appOrigin)) {
        opts.logger.warn('IPC call from a frame that is not the app refused', { channel, url });
        return {
          ok: false,
          error: { code: 'forbidden-sender', message: `refused: ${channel} from ${url || 'unknown frame'}` },
        };
      }
      return dispatch(handlers, channel, payload, (c, error) =>
        opts.logger.error('IPC handler failed', { channel: c, error: String(error) }),
      );
    });
  }
  return () => invokeChannels.forEach((c) => ipcMain.removeHandler(c));
}
