// Converting a published feed into every export format, as plain data that can cross a worker
// boundary (bodies as transferable byte arrays, ETags computed beside them). Runs in the export
// worker (export-worker.ts) so a large feed never holds the server's event loop.
import { createHash } from 'node:crypto';
import { validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import { buildExportModel, EXPORT_FORMATS, exportFeed } from '../../shared/export/index';
import type { ExportFormat } from '../../shared/export/index';

/** One generated file: its bytes and strong ETag. */
export interface GeneratedFile {
  name: string;
  body: Uint8Array;
  etag: string;
}

/** What generation gives: every format's files (main file first), or why there are none. */
export type Generated =
  | {
      state: 'ready';
      campaignId: string;
      version: number;
      publishedAt: string;
      formats: { format: ExportFormat; files: GeneratedFile[] }[];
    }
  | { state: 'sample'; version: number }
  | { state: 'invalid'; message: string };

/** Generates every format of a feed's bytes (signature already checked by the caller). */
export function generateAll(bytes: Uint8Array, file: string): Generated {
  const check = validateFeedBytes(bytes, file);
  if (!check.ok) return { state: 'invalid', message: check.error.message };
  const feed = check.feed;
  if (feed.campaign.sample) return { state: 'sample', version: feed.version };
  const model = buildExportModel(feed);
  const encoder = new TextEncoder();
  const formats = EXPORT_FORMATS.map((format) => ({
    format,
    files: exportFeed(feed, format, model).map((r) => {
      // TextEncoder gives each body its own ArrayBuffer, so it can be transferred, not copied.
      const body = encoder.encode(r.text);
      return { name: r.name, body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    }),
  }));
  return {
    state: 'ready',
    campaignId: feed.campaign.id,
    version: feed.version,
    publishedAt: feed.publishedAt,
    formats,
  };
}

/** The byte arrays to transfer with a result. */
export function transferList(g: Generated): ArrayBuffer[] {
  return g.state === 'ready'
    ? g.formats.flatMap((f) => f.files.map((x) => x.body.buffer as ArrayBuffer))
    : [];
}
