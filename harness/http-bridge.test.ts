import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_NONCE } from '../shared/ipc/csp';
import type { Handlers } from '../shared/ipc/dispatch';
import { createLogger } from '../shared/logger';
import type { HttpBridge } from './http-bridge';
import { createHttpBridge, HARNESS_TOKEN_HEADER } from './http-bridge';

let dir: string;
let bridge: HttpBridge;
let origin: string;
const settings = { language: 'vi', feedUrl: '', tallyUrl: '', unitCode: '', sendResults: false };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<meta content="script-src 'nonce-${BUILD_NONCE}'"><script nonce="${BUILD_NONCE}"></script>`,
  );
  bridge = createHttpBridge({ rendererDir: dir, logger: createLogger('test') });
  origin = await bridge.listen({ 'settings:get': () => settings } as unknown as Handlers, 0);
});
afterAll(async () => {
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so Host and Origin can be set as an attacker's page or a rebinding DNS would. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((ok, fail) => {
    const req = request(
      `${origin}${path}`,
      { method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

describe('the harness HTTP bridge', () => {
  it('serves the page with a fresh nonce in both the CSP header and the HTML', async () => {
    const a = await raw('/');
    const nonce = /'nonce-([^']+)'/.exec(String(a.headers['content-security-policy']))![1];
    expect(nonce).not.toBe(BUILD_NONCE);
    expect(a.body).toBe(
      `<meta name="sachmadoc-harness-token" content="${bridge.token}">` +
        `<meta content="script-src 'nonce-${nonce}'"><script nonce="${nonce}"></script>`,
    );
    expect((await raw('/')).headers['content-security-policy']).not.toBe(
      a.headers['content-security-policy'],
    );
  });

  it('answers calls through the handler table as tagged results', async () => {
    const r = await raw('/ipc/settings%3Aget', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HARNESS_TOKEN_HEADER]: bridge.token },
      body: '{}',
    });
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: settings });
    const bad = await raw('/ipc/fs:read', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HARNESS_TOKEN_HEADER]: bridge.token },
      body: '{}',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses other host names, other origins, form posts, GET calls and paths outside the app', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await raw('/', { headers: { host: 'evil.example:80' } })).status).toBe(421);
    expect(
      (
        await raw('/ipc/settings:get', {
          method: 'POST',
          headers: { ...json, origin: 'https://evil.example' },
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await raw('/ipc/settings:get', {
          method: 'POST',
          headers: { 'content-type': 'text/plain', [HARNESS_TOKEN_HEADER]: bridge.token },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    expect((await raw('/ipc/settings:get')).status).toBe(405);
    expect((await raw('/..%2f..%2fetc%2fpasswd')).status).toBe(403);
  });

  it('requires this run’s random token on every call and on the event stream', async () => {
    const call = (headers: Record<string, string>) =>
      raw('/ipc/settings:get', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    // Right host, no Origin header (a local script or a tool): still nothing without the token.
    const attempts: Record<string, string>[] = [
      {},
      { [HARNESS_TOKEN_HEADER]: 'guess' },
      { [HARNESS_TOKEN_HEADER]: '' },
    ];
    for (const headers of attempts) {
      const r = await call(headers);
      expect(r.status).toBe(401);
      expect(r.body).not.toContain('"ok":true');
    }
    expect((await raw('/ipc/events')).status).toBe(401);
    expect((await raw('/ipc/events?token=guess')).status).toBe(401);
    // Two runs never share a token.
    const other = createHttpBridge({ rendererDir: dir, logger: createLogger('test') });
    expect(other.token).not.toBe(bridge.token);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('streams push events to open pages', async () => {
    const got = new Promise<string>((ok, fail) => {
      const req = request(`${origin}/ipc/events?token=${bridge.token}`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes(': connected'))
            bridge.emit('scan:progress', { step: 'connections', fraction: 0.25 });
          if (/event: scan:progress\ndata: .*\n\n/.test(text)) {
            req.destroy();
            ok(text);
          }
        });
      });
      req.on('error', fail);
      req.end();
    });
    expect(await got).toContain('event: scan:progress\ndata: {"step":"connections","fraction":0.25}\n\n');
  });
});
