// The tally's Fastify application: results in, feed out, admin API and dashboard. Built as a
// function of its dependencies so tests run it on loopback with either store.
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { createLogger } from '../../shared/logger';
import { errorText } from '../store/error-text';
import type { TallyStore } from '../store/types';
import { registerAdminRoutes } from './admin-routes';
import { errorAnswer } from './answer';
import { registerDashboard } from './dashboard-routes';
import { ExportCache, publishedFeedFile, registerExportRoutes } from './export-routes';
import { registerExportsPage } from './exports-page';
import { registerFeedRoutes } from './feed-routes';
import { registerHuntSummaryRoute } from './hunt-summary-route';
import { createUnitAuth } from './unit-auth';
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
  /** Per-unit limit on results (default: the per-address limit). */
  unitRateLimit?: { max: number; timeWindowMs: number };
  /** Whole-request deadline: a body trickled byte by byte is cut after it (default 30 s). */
  requestTimeoutMs?: number;
  /** Open connections at most; more are refused by the kernel's accept queue (default 1024). */
  maxConnections?: number;
  /** Opt-in access log: one line per answered request (see accessLogLine), off when absent. */
  accessLog?: (line: string) => void;
}

/**
 * One access-log line: time, method, route pattern, status, duration. The route pattern
 * (`/api/admin/reports/:format`), never the URL: no unit code, token, query or client address
 * reaches the log, so it can be kept and shared without exposing who submitted what.
 */
function accessLogLine(
  at: Date,
  method: string,
  route: string | undefined,
  status: number,
  ms: number,
): string {
  return `${at.toISOString()} ${method} ${route ?? '-'} ${status} ${ms.toFixed(1)}ms`;
}

/** Server limits, exported so the README and tests quote the same numbers. */
export const SERVER_LIMITS = { requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 };

/** Builds the tally server (not listening yet). */
export async function buildTallyApp(o: TallyAppOptions): Promise<FastifyInstance> {
  const requestTimeout = o.requestTimeoutMs ?? SERVER_LIMITS.requestTimeoutMs;
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // Node's own deadlines, checked often enough to matter: a client that sends a header or a body
    // one byte at a time holds a connection for at most `requestTimeout`, then gets cut.
    serverFactory: (handler) => {
      const server = createServer(
        {
          requestTimeout,
          headersTimeout: Math.min(requestTimeout, 10_000),
          keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
          connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestTimeout / 4))),
        },
        handler,
      );
      server.maxConnections = o.maxConnections ?? SERVER_LIMITS.maxConnections;
      return server;
    },
    return503OnClosing: true,
    forceCloseConnections: true,
    ...(o.trustProxy && o.trustProxy.length > 0 ? { trustProxy: o.trustProxy } : {}),
  });
  await app.register(rateLimit, { global: false });
  const accessLog = o.accessLog;
  if (accessLog)
    app.addHook('onResponse', (req, reply, done) => {
      accessLog(
        accessLogLine(new Date(), req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime),
      );
      done();
    });

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
      // The limit of the route that refused it: 16 KB for a result, 1 MB elsewhere.
      const limit = req.routeOptions.bodyLimit ?? 1024 * 1024;
      const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} KB`;
      const answer =
        req.routeOptions.url === '/api/v1/results'
          ? errorAnswer('too-large', 'tally.server.tooLargeResult', { size })
          : errorAnswer('too-large', 'tally.server.tooLarge', {
              size,
              route: req.routeOptions.url ?? req.url,
            });
      return reply.code(413).send(answer);
    }
    if (status === 429) return reply.code(429).send(errorAnswer('rate-limited', 'tally.server.rateLimited'));
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send(errorAnswer(error.code ?? 'bad-request', 'tally.server.badRequest', { detail: error.message }));
    }
    log.error('request failed', { url: req.url, method: req.method, error: errorText(error) });
    return reply.code(500).send(errorAnswer('internal', 'tally.server.internal'));
  });

  const now = o.now ?? (() => new Date());
  registerResultsRoute(app, o.store, o.rateLimit, o.unitRateLimit ? { perUnit: o.unitRateLimit } : {}, now);
  // The hunt summary adds to a unit's counts too: the same enrolment token as the results.
  registerHuntSummaryRoute(
    app,
    o.store,
    o.rateLimit,
    now,
    createUnitAuth(o.store, { perUnit: o.unitRateLimit ?? o.rateLimit }),
  );
  registerUnitsRoute(app, o.store);
  registerFeedRoutes(app, { dataFeedDir: join(o.dataDir, 'feed'), bundledFeed: o.bundledFeed });
  registerAdminRoutes(app, o.store, o.adminToken, now, o.dataDir);
  registerDashboard(app);
  // Blocklists of the published feed (never of the bundled sample): see export-routes.ts.
  const exports = new ExportCache(publishedFeedFile(o.dataDir), join(dirname(o.bundledFeed), '..', 'keys'));
  registerExportRoutes(app, exports);
  registerExportsPage(app, exports);
  // Generate the published feed's exports at start rather than on a device's first poll.
  exports.get().catch((e: unknown) => log.error('export generation failed', { error: String(e) }));
  // A supervisor restarts the server on 503: a dead or failing store thread, or failing writes.
  app.get('/healthz', (_req, reply) => {
    const health = o.store.health?.() ?? { ok: true, problems: [] };
    return reply
      .code(health.ok ? 200 : 503)
      .send({ ok: health.ok, store: o.store.kind, ...(health.ok ? {} : { problems: health.problems }) });
  });
  return app;
}
