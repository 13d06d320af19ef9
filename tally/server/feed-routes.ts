// Serves the signed campaign feed: the data dir's copy (published by the agency) wins over the
// bundled sample. Bytes are served as stored, since the signature covers exactly those bytes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { errorAnswer } from './answer';

export interface FeedLocation {
  /** Directory holding latest.json and latest.json.sig (TALLY_DATA_DIR/feed). */
  dataFeedDir: string;
  /** The bundled sample: assets/feed/sample-feed.json and .sig. */
  bundledFeed: string;
}

async function readFirst(paths: string[]): Promise<Buffer | undefined> {
  for (const p of paths) {
    try {
      return await readFile(p);
    } catch {
      // Missing here: try the next place.
    }
  }
  return undefined;
}

/** Registers GET /feed/latest.json and /feed/latest.json.sig with ETag / If-None-Match. */
export function registerFeedRoutes(app: FastifyInstance, loc: FeedLocation): void {
  const serve = (name: string, bundled: string, type: string) =>
    app.get(`/feed/${name}`, async (req, reply) => {
      // The pair must come from one place: a data-dir feed with the bundled signature never verifies.
      const fromData = await readFirst([join(loc.dataFeedDir, 'latest.json')]);
      const body = fromData ? await readFirst([join(loc.dataFeedDir, name)]) : await readFirst([bundled]);
      if (!body) return reply.code(404).send(errorAnswer('no-feed', 'tally.server.noFeed'));
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
        return reply.code(304).send();
      return reply.type(type).send(body);
    });
  serve('latest.json', loc.bundledFeed, 'application/json; charset=utf-8');
  serve('latest.json.sig', `${loc.bundledFeed}.sig`, 'text/plain; charset=utf-8');
}
