// Hands a file the harness returned to the browser as a download (Electron saves through main).
import type { TFunction } from 'i18next';
import type { IpcResult } from '../../shared/ipc/api';
import type { ExportResult } from '../../shared/ipc/schemas';

/** Starts a browser download of `content`. */
export function download(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Finishes an export answered by main (saved, cancelled, or a download for the harness); returns the note to show. */
export function deliverExport(r: IpcResult<ExportResult>, t: TFunction): string {
  if (!r.ok) return `${r.error.message}${r.error.hint ? ` ${r.error.hint}` : ''}`;
  const v = r.value;
  if (v.kind === 'download') {
    download(v.fileName, v.mimeType, v.content);
    return t('details.downloaded', { name: v.fileName });
  }
  return v.kind === 'saved' ? t('details.exported', { path: v.path }) : t('details.cancelled');
}
