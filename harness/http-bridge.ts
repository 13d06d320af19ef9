// The browser harness's side of the contract: the same handler table as Electron's ipcMain, over
// loopback HTTP. POST /ipc/:channel answers a call with the tagged Result (shared dispatch), GET
// /ipc/events streams push events (server-sent events), anything else is a file of the built
// renderer, index.html with a fresh CSP nonce. Only its own origin is served: other Host headers
// (DNS rebinding), other Origins (cross-site pages) and non-JSON posts (HTML forms) are refused,
// and every call must carry the random token of this run, which only the served page holds
// (a <meta> in index.html): a request made blind, from anywhere, cannot scan or act on the PC.
// This is a development and test harness, never a way to run the app for users.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy, withNonce } from '../shared/ipc/csp';
import type { Emit, Handlers } from '../shared/ipc/dispatch';
import { createEmit, dispatch } from '../shared/ipc/dispatch';
import type { Logger } from '../shared/logger';
import { bilingual } from '../shared/i18n';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
const BODY_LIMIT = 1024 * 1024;

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
  nonce = randomBytes(16).toString('base64'),
): void {
  res.writeHead(status, {
    'content-type': type,
    // Electron's policy, plus fetch/SSE to its own origin (the bridge).
    'content-security-policy': contentSecurityPolicy(nonce, "'self'"),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The header a call carries the run's token in (EventSource, which cannot set headers: `?token=`). */
export const HARNESS_TOKEN_HEADER = 'x-sachmadoc-harness-token';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const sameToken = (given: string | undefined, expected: Buffer) =>
  given !== undefined && timingSafeEqual(digest(given), expected);

export interface HttpBridge {
  /** This run's token (random unless given), which every call must carry. */
  readonly token: string;
  /** Sends a push event to every open page (validated against the contract). */
  emit: Emit;
  /** Starts serving `handlers` on 127.0.0.1:port (0 = any free port); resolves to the origin. */
  listen(handlers: Handlers, port: number): Promise<string>;
  close(): Promise<void>;
}

/** Creates the bridge; `emit` exists before listen() so handlers can be built with it. */
export function createHttpBridge(opts: { rendererDir: string; logger: Logger; token?: string }): HttpBridge {
  const rendererDir = resolve(opts.rendererDir);
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const expected = digest(token);
  const tokenMeta = `<meta name="sachmadoc-harness-token" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`;
  const denied = (res: ServerResponse) =>
    send(
      res,
      401,
      JSON.stringify({
        ok: false,
        error: {
          code: 'harness-token',
          message: bilingual('msg.harness.missingToken'),
        },
      }),
    );
  const clients = new Set<ServerResponse>();
  let handlers: Handlers | null = null;
  let origin = 'http://127.0.0.1';

  const serveFile = async (pathname: string, res: ServerResponse) => {
    const file = resolve(rendererDir, `.${pathname === '/' ? '/index.html' : decodeURIComponent(pathname)}`);
    if (!file.startsWith(rendererDir + sep)) return send(res, 403, '{"error":"outside the app"}');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    }
    if (extname(file) !== '.html')
      return send(res, 200, body, types[extname(file)] ?? 'application/octet-stream');
    const nonce = randomBytes(16).toString('base64');
    const html = withNonce(body.toString('utf8'), nonce);
    const page = /<head>/i.test(html)
      ? html.replace(/<head>/i, (h) => `${h}${tokenMeta}`)
      : `${tokenMeta}${html}`;
    send(res, 200, page, types['.html'], nonce);
  };

  const serveCall = async (req: IncomingMessage, res: ServerResponse, channel: string) => {
    if (req.method !== 'POST') return send(res, 405, '{"error":"POST only"}');
    const given = req.headers[HARNESS_TOKEN_HEADER];
    if (!sameToken(typeof given === 'string' ? given : undefined, expected)) return denied(res);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, '{"error":"application/json only"}');
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(req));
    } catch (e) {
      const error = { code: 'invalid-request', message: `${channel}: ${String(e)}` };
      return send(res, 400, JSON.stringify({ ok: false, error }));
    }
    const result = await dispatch(handlers!, channel, payload, (c, error) =>
      opts.logger.error('handler failed', { channel: c, error: String(error) }),
    );
    send(res, 200, JSON.stringify(result));
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.host !== new URL(origin).host) return send(res, 421, '{"error":"wrong host"}');
      if (req.headers.origin !== undefined && req.headers.origin !== origin)
        return send(res, 403, '{"error":"cross-origin"}');
      const { pathname, searchParams } = new URL(req.url ?? '/', origin);
      if (req.method === 'GET' && pathname === '/ipc/events') {
        if (!sameToken(searchParams.get('token') ?? undefined, expected)) return denied(res);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (pathname.startsWith('/ipc/')) return serveCall(req, res, decodeURIComponent(pathname.slice(5)));
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"GET only"}');
      return serveFile(pathname, res);
    })().catch((e: unknown) => {
      opts.logger.error('request failed', { error: String(e) });
      if (!res.headersSent) send(res, 500, '{"error":"internal"}');
    });
  });

  return {
    token,
    emit: createEmit((channel, payload) => {
      const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const c of clients) c.write(frame);
    }),
    listen(h, port) {
      handlers = h;
      return new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => {
          const address = server.address();
          origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
          ok(origin);
        });
      });
    },
    close() {
      for (const c of clients) c.end();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
