// The domain services the app needs, behind small adapters: the scan engine (electron/services/scan)
// and the campaign feed store (electron/services/feed). Electron's main and the browser harness both
// build them here, so the renderer sees the same real services in both.
import type { ScanReport } from '../shared/domain';
import type { FeedStatus, FeedUpdate, ScanProgress } from '../shared/ipc/schemas';

/** What the IPC handlers call. */
export interface AppServices {
  scan(opts: { onProgress: (p: ScanProgress) => void }): Promise<ScanReport>;
  feedStatus(): Promise<FeedStatus>;
  /** Fetches the feed from `url` (or the service's default); never throws for network trouble. */
  updateFeed(url: string | undefined): Promise<FeedUpdate>;
}
