// GET /feed/export/{format} (and /feed/export/{format}/{file} for a format's extra files): the
// published campaign feed as each product's blocklist, so a FortiGate, pfSense or a cron `curl`
// polls one URL. Exports are generated once per published feed (all formats at once, the first
// time the feed's bytes are seen after a publish) and served from memory with a strong ETag;
// If-None-Match answers 304, so a device sees no change when nothing changed. Only a feed whose
// signature holds against the pinned keys is converted. The bundled sample,
// or any feed marked sample, is never served: a gateway must not block documentation addresses.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger } from '../../shared/logger';
import { validateFeedBytes } from '../../shared/feed/validate-feed';
import {
  buildExportModel,
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  exportFeed,
  isExportFormat,
} from '../../shared/export/index';
import type { ExportFormat, ExportModel } from '../../shared/export/index';
import { loadPinnedKeys } from '../../electron/services/feed/keys';
import type { PinnedKey } from '../../electron/services/feed/keys';
import { verifyFeed } from '../../electron/services/feed/verify-feed';

const log = createLogger('tally-export');

interface Served {
  body: Buffer;
  etag: string;
}

/** The exports of one published feed. */
export interface ExportSet {
  campaignId: string;
  version: number;
  publishedAt: string;
  model: ExportModel;
  files: Map<ExportFormat, Map<string, Served>>;
  /** The main file name of each format. */
  main: Map<ExportFormat, string>;
}

type Current =
  | { state: 'ready'; set: ExportSet }
  | { state: 'none' }
  | { state: 'sample'; version: number }
  | { state: 'invalid'; message: string };

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Generates every format of a feed's bytes (what a publish hook calls). Yields to the event loop
 * between formats, so result submissions keep flowing while a large feed is converted.
 */
export async function generateExports(bytes: Uint8Array, file: string): Promise<Current> {
  const check = validateFeedBytes(bytes, file);
  if (!check.ok) return { state: 'invalid', message: check.error.message };
  const feed = check.feed;
  if (feed.campaign.sample) return { state: 'sample', version: feed.version };
  await turn();
  const model = buildExportModel(feed);
  const files = new Map<ExportFormat, Map<string, Served>>();
  const main = new Map<ExportFormat, string>();
  for (const f of EXPORT_FORMATS) {
    await turn();
    const out = new Map<string, Served>();
    const rendered = exportFeed(feed, f, model);
    for (const r of rendered) {
      const body = Buffer.from(r.text, 'utf8');
      out.set(r.name, { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` });
    }
    files.set(f, out);
    main.set(f, rendered[0].name);
  }
  return {
    state: 'ready',
    set: {
      campaignId: feed.campaign.id,
      version: feed.version,
      publishedAt: feed.publishedAt,
      model,
      files,
      main,
    },
  };
}

/** Keeps the exports of the data directory's latest.json, regenerated when its bytes change. */
export class ExportCache {
  private key = '';
  private current: Current = { state: 'none' };
  private pending: Promise<Current> | undefined;

  private keys: PinnedKey[] | undefined;

  /** `keysDir`: the pinned public keys (assets/keys); devices block only what the agency signed. */
  constructor(
    private readonly feedFile: string,
    private readonly keysDir: string,
  ) {}

  /** The exports of the feed published now (cheap when the file has not changed). */
  async get(): Promise<Current> {
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<Current> {
    let key: string;
    try {
      const s = await stat(this.feedFile);
      const sig = await stat(`${this.feedFile}.sig`).catch(() => undefined);
      key = `${s.size}:${s.mtimeMs}:${s.ino}:${sig ? `${sig.size}:${sig.mtimeMs}` : '-'}`;
    } catch {
      this.key = '';
      this.current = { state: 'none' };
      return this.current;
    }
    if (key === this.key) return this.current;
    const bytes = await readFile(this.feedFile);
    const sig = await readFile(`${this.feedFile}.sig`).catch(() => undefined);
    this.key = key;
    // A published sample is refused as such (409) whatever its signature.
    const parsed = validateFeedBytes(bytes, this.feedFile);
    if (parsed.ok && parsed.feed.campaign.sample) {
      this.current = { state: 'sample', version: parsed.feed.version };
      return this.current;
    }
    if (!sig) {
      this.current = {
        state: 'invalid',
        message: `${this.feedFile}.sig: không có chữ ký; hãy công bố lại bằng "tally feed publish" / no signature; publish again with "tally feed publish"`,
      };
      return this.current;
    }
    this.keys ??= await loadPinnedKeys(this.keysDir);
    const verified = verifyFeed(bytes, sig, this.keys, this.feedFile);
    if (!verified.ok) {
      this.current = { state: 'invalid', message: verified.error.message };
      return this.current;
    }
    this.current = await generateExports(bytes, this.feedFile);
    if (this.current.state === 'ready')
      log.info('exports generated', {
        campaign: this.current.set.campaignId,
        version: this.current.set.version,
      });
    return this.current;
  }
}

function refusal(reply: FastifyReply, c: Exclude<Current, { state: 'ready' }>) {
  if (c.state === 'sample')
    return reply.code(409).send({
      error: 'sample-feed',
      message:
        "Nguồn cấp đang công bố là MẪU (địa chỉ tài liệu); không xuất danh sách chặn từ nguồn cấp mẫu. Hãy công bố nguồn cấp thật của chiến dịch. / The published feed is the SAMPLE; blocklists are not served from it. Publish the campaign's real feed.",
    });
  if (c.state === 'invalid')
    return reply.code(503).send({
      error: 'feed-invalid',
      message: `Nguồn cấp đã công bố không đọc được / the published feed cannot be read: ${c.message}`,
    });
  return reply.code(404).send({
    error: 'no-feed',
    message:
      'Chưa công bố nguồn cấp chiến dịch; danh sách chặn sẽ có sau khi công bố. / No campaign feed is published yet; blocklists appear once one is.',
  });
}

function send(req: FastifyRequest, reply: FastifyReply, served: Served, type: string, name: string) {
  reply
    .header('etag', served.etag)
    .header('cache-control', 'no-cache')
    .header('content-disposition', `inline; filename="${name}"`);
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === served.etag))
    return reply.code(304).send();
  return reply.type(type).send(served.body);
}

function unknownFormat(reply: FastifyReply, format: string) {
  return reply.code(404).send({
    error: 'unknown-format',
    message: `Không có định dạng "${format}" / no format "${format}"; có / available: ${EXPORT_FORMATS.join(', ')}`,
  });
}

/** Registers GET /feed/export/{format} and /feed/export/{format}/{file}. */
export function registerExportRoutes(app: FastifyInstance, cache: ExportCache): void {
  app.get<{ Params: { format: string } }>('/feed/export/:format', async (req, reply) => {
    const { format } = req.params;
    if (!isExportFormat(format)) return unknownFormat(reply, format);
    const c = await cache.get();
    if (c.state !== 'ready') return refusal(reply, c);
    const name = c.set.main.get(format) ?? '';
    const served = c.set.files.get(format)?.get(name);
    if (!served) return unknownFormat(reply, format);
    return send(req, reply, served, EXPORT_FORMAT_INFO[format].contentType, name);
  });
  app.get<{ Params: { format: string; file: string } }>('/feed/export/:format/:file', async (req, reply) => {
    const { format, file } = req.params;
    if (!isExportFormat(format)) return unknownFormat(reply, format);
    const c = await cache.get();
    if (c.state !== 'ready') return refusal(reply, c);
    const served = c.set.files.get(format)?.get(file);
    if (!served)
      return reply.code(404).send({
        error: 'unknown-file',
        message: `Định dạng ${format} không có tệp "${file}" / format ${format} has no file "${file}"; có / available: ${[...(c.set.files.get(format)?.keys() ?? [])].join(', ')}`,
      });
    return send(req, reply, served, EXPORT_FORMAT_INFO[format].contentType, file);
  });
}

/** Where the published feed lives in the data directory. */
export function publishedFeedFile(dataDir: string): string {
  return join(dataDir, 'feed', 'latest.json');
}
