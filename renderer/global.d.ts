// window.api is provided by electron/preload.ts (absent in the browser harness, which builds its own).
import type { Api } from '../shared/ipc/api';

declare global {
  interface Window {
    readonly api?: Api;
  }
}
