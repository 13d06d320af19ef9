// What only the host (Electron's main or the browser harness) can do for the handler table. Its own
// module, so the domain handlers (cleanup, hunt) use it without importing handlers.ts, which imports them.
import type { ExportResult } from '../../shared/ipc/schemas';

/** What only the host (Electron or the harness) can do. */
export interface PlatformGlue {
  runtime: 'electron' | 'harness';
  /** Opens an already allow-listed https URL in the default browser; false when it cannot. */
  openInBrowser(url: string): Promise<boolean>;
  /** Puts text on the system clipboard; false when the host has no clipboard (the page copies). */
  copyText(text: string): Promise<boolean>;
  /** Lets the person save an export: a save dialog (Electron) or a download (harness). */
  saveExport(file: { fileName: string; mimeType: string; content: string }): Promise<ExportResult>;
  /** Prints the evidence report's HTML to PDF and lets the person save it (Electron only). */
  savePdf?(file: { fileName: string; html: string }): Promise<ExportResult>;
  /** An open dialog for log files (or folders), several at once (Electron only). */
  pickLogPaths?(folders: boolean): Promise<string[]>;
}
