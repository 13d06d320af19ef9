// GET /feed/export/{format} (and /feed/export/{format}/{file} for a format's extra files): the
// published campaign feed as each product's blocklist, so a FortiGate, pfSense or a cron `curl`
// polls one URL. Exports are generated once per published feed (all formats at once, in a worker
// thread, the first time the feed's bytes are seen after a publish) and served from memory with a
// strong ETag;
// If-None-Match answers 304, so a device sees no change when nothing changed. Only a feed whose
// signature holds against the pinned keys is converted. The bundled sample,
// or any feed marked sample, is never served: a gateway must not block documentation addresses.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger } from '../../shared/logger';
import { validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, isExportFormat } from '../../shared/export/index';
import type { ExportFormat } from '../../shared/export/index';
import type { Generated } from './export-generate';
import { loadPinnedKeys } from '../../node-shared/feed/keys';
import type { PinnedKey } from '../../node-shared/feed/keys';
import { verifyFeed } from '../../node-shared/feed/verify-feed';
import { word } from '../../shared/i18n';
import { errorAnswer, exportFailed } from './answer';

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
  files: Map<ExportFormat, Map<string, Served>>;
  /** The main file name of each format. */
  main: Map<ExportFormat, string>;
}

type Current =
  | { state: 'ready'; set: ExportSet }
  | { state: 'none' }
  | { state: 'sample'; version: number }
  | { state: 'invalid'; message: string };

/** Runs generateAll in a worker thread: a feed of 450,000 indicators takes tens of seconds. */
export function generateInWorker(bytes: Uint8Array, file: string): Promise<Generated> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./export-worker.mjs', import.meta.url), {
      workerData: { bytes, file },
    });
    let done = false;
    const finish = (g: Generated) => {
      if (done) return;
      done = true;
      resolve(g);
      void worker.terminate();
    };
    worker.once('message', (g: Generated) => finish(g));
    worker.once('error', (e) => finish({ state: 'invalid', message: exportFailed(String(e)) }));
    worker.once('exit', (code) => finish({ state: 'invalid', message: exportFailed(`worker exit ${code}`) }));
  });
}

function toCurrent(g: Generated): Current {
  if (g.state !== 'ready') return g;
  const files = new Map<ExportFormat, Map<string, Served>>();
  const main = new Map<ExportFormat, string>();
  for (const f of g.formats) {
    files.set(
      f.format,
      new Map(
        f.files.map((x) => [
          x.name,
          { body: Buffer.from(x.body.buffer, x.body.byteOffset, x.body.byteLength), etag: x.etag },
        ]),
      ),
    );
    main.set(f.format, f.files[0].name);
  }
  return {
    state: 'ready',
    set: { campaignId: g.campaignId, version: g.version, publishedAt: g.publishedAt, files, main },
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
        message: word(
          {
            code: 'tally.server.exportNoSignature',
            params: { file: `${this.feedFile}.sig`, command: 'tally feed publish' },
          },
          'both',
        ),
      };
      return this.current;
    }
    this.keys ??= await loadPinnedKeys(this.keysDir);
    const verified = verifyFeed(bytes, sig, this.keys, this.feedFile);
    if (!verified.ok) {
      this.current = { state: 'invalid', message: verified.error.message };
      return this.current;
    }
    this.current = toCurrent(await generateInWorker(bytes, this.feedFile));
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
    return reply.code(409).send(errorAnswer('sample-feed', 'tally.server.exportSample'));
  if (c.state === 'invalid')
    return reply
      .code(503)
      .send(errorAnswer('feed-invalid', 'tally.server.exportInvalid', undefined, c.message));
  return reply.code(404).send(errorAnswer('no-feed', 'tally.server.exportNoFeed'));
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
  return reply.code(404).send(
    errorAnswer('unknown-format', 'tally.server.unknownExportFormat', {
      format,
      available: EXPORT_FORMATS.join(', '),
    }),
  );
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
      return reply.code(404).send(
        errorAnswer('unknown-file', 'tally.server.unknownExportFile', {
          format,
          file,
          available: [...(c.set.files.get(format)?.keys() ?? [])].join(', '),
        }),
      );
    return send(req, reply, served, EXPORT_FORMAT_INFO[format].contentType, file);
  });
}

/** Where the published feed lives in the data directory. */
export function publishedFeedFile(dataDir: string): string {
  return join(dataDir, 'feed', 'latest.json');
}
