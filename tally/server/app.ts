// The tally's Fastify application: results in, feed out, admin API and dashboard. Built as a
// function of its dependencies so tests run it on loopback with either store.
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { createLogger } from '../../shared/logger';
import type { TallyStore } from '../store/types';
import { registerAdminRoutes } from './admin-routes';
import { registerDashboard } from './dashboard-routes';
import { registerFeedRoutes } from './feed-routes';
import { registerHuntSummaryRoute } from './hunt-summary-route';
import { registerResultsRoute } from './results-route';
import { registerUnitsRoute } from './units-route';

const log = createLogger('tally');

export interface TallyAppOptions {
  store: TallyStore;
  adminToken: string | undefined;
  dataDir: string;
  /** The bundled sample feed (assets/feed/sample-feed.json); its .sig sits beside it. */
  bundledFeed: string;
  rateLimit: { max: number; timeWindowMs: number };
  /** Proxies whose X-Forwarded-For names the client (for the rate limit); none by default. */
  trustProxy?: string[];
  now?: () => Date;
}

/** Builds the tally server (not listening yet). */
export async function buildTallyApp(o: TallyAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: true,
    ...(o.trustProxy && o.trustProxy.length > 0 ? { trustProxy: o.trustProxy } : {}),
  });
  await app.register(rateLimit, { global: false });

  // Callback style: an async hook costs a promise and a microtask turn on every response.
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY');
    done(null, payload);
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send({
        error: 'too-large',
        message:
          'Nội dung quá lớn (tối đa 16 KB cho một kết quả). / The body is too large (16 KB at most for a result).',
      });
    }
    if (status === 429)
      return reply.code(429).send({
        error: 'rate-limited',
        message: 'Gửi quá nhanh; hãy thử lại sau. / Too many requests; try again later.',
      });
    if (status >= 400 && status < 500) {
      return reply.code(status).send({
        error: error.code ?? 'bad-request',
        message: `Yêu cầu không hợp lệ / Bad request: ${error.message}`,
      });
    }
    log.error('request failed', { url: req.url, method: req.method, error: String(error) });
    return reply.code(500).send({
      error: 'internal',
      message:
        'Lỗi máy chủ; kết quả chưa được lưu, hãy gửi lại sau. / Server error; nothing was stored, send again later.',
    });
  });

  const now = o.now ?? (() => new Date());
  registerResultsRoute(app, o.store, o.rateLimit, now);
  registerHuntSummaryRoute(app, o.store, o.rateLimit, now);
  registerUnitsRoute(app, o.store);
  registerFeedRoutes(app, { dataFeedDir: join(o.dataDir, 'feed'), bundledFeed: o.bundledFeed });
  registerAdminRoutes(app, o.store, o.adminToken, now, o.dataDir);
  registerDashboard(app);
  app.get('/healthz', (_req, reply) => reply.send({ ok: true, store: o.store.kind }));
  return app;
}
