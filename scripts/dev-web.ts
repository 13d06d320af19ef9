// `npm run dev:web -- --port N [--feed FILE] [--data DIR]`: the browser harness. The real renderer
// (dist/renderer, built if needed) runs in any browser against the real Node services, through the
// SAME handler table as Electron's main: POST /ipc/:channel answers a call, GET /ipc/events streams
// push events (server-sent events). Loopback only; requests from other origins or host names
// (DNS rebinding) are refused.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppServices } from '../electron/app-services';
import { createHandlers } from '../electron/ipc/handlers';
import { createSettingsStore } from '../electron/settings/settings-store';
import { contentSecurityPolicy, withNonce } from '../shared/ipc/csp';
import { createEmit, dispatch } from '../shared/ipc/dispatch';
import { createLogger, setLogSink } from '../shared/logger';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = join(root, 'dist', 'renderer');
const log = createLogger('dev-web');
setLogSink((r) => process.stderr.write(`${JSON.stringify(r)}\n`), 'info');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when dist/renderer is missing or older than its sources. */
function buildIfNeeded(): void {
  const index = join(rendererDir, 'index.html');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  process.stderr.write('Building the renderer (vite)…\n');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0)
    throw new Error(
      `renderer build failed (exit ${r.status ?? r.signal}); run "npm run build:renderer" to see why`,
    );
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
  nonce = randomBytes(16).toString('base64'),
): void {
  res.writeHead(status, {
    'content-type': type,
    // Like Electron's policy, plus fetch/SSE to its own origin (the bridge).
    'content-security-policy': contentSecurityPolicy(nonce, "'self'"),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5317' },
      feed: { type: 'string' },
      data: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${values.port}"`);
  buildIfNeeded();

  const dataDir = values.data ? resolve(values.data) : await mkdtemp(join(tmpdir(), 'sachmadoc-web-'));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const services = await createAppServices({
    appVersion: pkg.version,
    dataDir,
    assetsDir: join(root, 'assets'),
    ...(values.feed ? { feedFile: values.feed } : {}),
    logger: createLogger('services'),
  });
  const clients = new Set<ServerResponse>();
  const emit = createEmit((channel, payload) => {
    const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const c of clients) c.write(frame);
  });
  const handlers = createHandlers({
    version: pkg.version,
    platform: process.platform,
    services,
    settings: createSettingsStore({ file: join(dataDir, 'settings.json'), logger: createLogger('settings') }),
    emit,
    glue: {
      runtime: 'harness',
      // The harness does not launch a browser on the server's machine: the page shows the URL instead.
      openInBrowser: () => Promise.resolve(false),
      copyText: () => Promise.resolve(false),
      saveExport: (file) => Promise.resolve({ kind: 'download', ...file }),
    },
  });

  let origin = '';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      // Only our own origin: refuses DNS-rebinding host names and cross-site requests.
      if (req.headers.host !== new URL(origin).host) return send(res, 421, '{"error":"wrong host"}');
      if (req.headers.origin !== undefined && req.headers.origin !== origin)
        return send(res, 403, '{"error":"cross-origin"}');

      if (req.method === 'GET' && url.pathname === '/ipc/events') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (url.pathname.startsWith('/ipc/')) {
        if (req.method !== 'POST') return send(res, 405, '{"error":"POST only"}');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
          return send(res, 415, '{"error":"application/json only"}');
        let payload: unknown;
        try {
          payload = JSON.parse(await readBody(req, 1024 * 1024));
        } catch (e) {
          return send(
            res,
            400,
            JSON.stringify({ ok: false, error: { code: 'invalid-request', message: String(e) } }),
          );
        }
        const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
        const result = await dispatch(handlers, channel, payload, (c, error) =>
          log.error('handler failed', { channel: c, error: String(error) }),
        );
        return send(res, 200, JSON.stringify(result));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"GET only"}');
      const file = resolve(
        rendererDir,
        `.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`,
      );
      if (!file.startsWith(rendererDir + sep)) return send(res, 403, '{"error":"outside the app"}');
      try {
        const body = await readFile(file);
        if (extname(file) !== '.html')
          return send(res, 200, body, types[extname(file)] ?? 'application/octet-stream');
        const nonce = randomBytes(16).toString('base64');
        send(res, 200, withNonce(body.toString('utf8'), nonce), types['.html'], nonce);
      } catch {
        send(res, 404, 'not found', 'text/plain; charset=utf-8');
      }
    })().catch((e: unknown) => {
      log.error('request failed', { error: String(e) });
      if (!res.headersSent) send(res, 500, '{"error":"internal"}');
    });
  });

  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    origin = `http://127.0.0.1:${actual}`;
    console.log(`Sạch Mã Độc web harness: ${origin}/`);
  });
  const stop = () => {
    for (const c of clients) c.end();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`dev:web: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
