// The preload: exposes exactly one frozen `window.api`, built from the contract table. No raw
// ipcRenderer and no generic send reach the page; each function speaks to one fixed channel.
// Runs sandboxed, so it is bundled (scripts/build-electron.ts) and needs only `electron`.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { IpcResult } from '../shared/ipc/api';
import { buildApi } from '../shared/ipc/api';

const api = buildApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request) as Promise<IpcResult<unknown>>,
  subscribe(channel, listener) {
    // The event object (with its sender) never reaches the page: only the payload.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
});

contextBridge.exposeInMainWorld('api', api);
