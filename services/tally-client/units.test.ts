// The unit picker's source: the tally's unit list, read over real HTTP on loopback, and the same
// request through a corporate proxy when HTTP_PROXY points at one.
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors';
import { startProxy } from '../../test/support/feed/feed-test-kit';
import { createProxiedFetch } from '../http-fetch';
import { fetchUnits } from './units';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: RequestListener): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const units = [
  { code: 'UBND-BMT', name: 'UBND thành phố Buôn Ma Thuột' },
  { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
];
const json =
  (status: number, body: string): RequestListener =>
  (req, res) => {
    if (req.url !== '/api/v1/units') return void res.writeHead(404).end();
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };

describe('fetchUnits', () => {
  it('reads the registered units, sorted by their Vietnamese name', async () => {
    const url = await serve(json(200, JSON.stringify(units)));
    expect(await fetchUnits(`${url}/`, createProxiedFetch({}))).toEqual([units[1], units[0]]);
  });

  it.each([
    ['a server error', json(500, '{}'), /HTTP 500/],
    ['a body that is not JSON', json(200, '<html>'), /không phải JSON \/ not JSON/],
    [
      'a list of another shape',
      json(200, JSON.stringify([{ code: 'X', name: 'Y', secret: 1 }])),
      /sai định dạng/,
    ],
  ])('says what went wrong and what to do on %s', async (_what, handler, message) => {
    const url = await serve(handler);
    const error = await fetchUnits(url, createProxiedFetch({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(message);
    expect((error as UserError).message).toContain(`${url}/api/v1/units`);
    expect((error as UserError).hint).toMatch(/mã đơn vị/);
  });

  it('gives up on a server that never answers, after the time limit', async () => {
    const url = await serve(() => {});
    await expect(fetchUnits(url, createProxiedFetch({}), 200)).rejects.toThrow(/timed out after 200 ms/);
  });

  it('goes through the corporate proxy named in HTTP_PROXY, and not for NO_PROXY hosts', async () => {
    const url = await serve(json(200, JSON.stringify(units)));
    const proxy = await startProxy();
    servers.push(proxy);
    const target = new URL(url).host;
    expect(await fetchUnits(url, createProxiedFetch({ HTTP_PROXY: proxy.url }))).toHaveLength(2);
    expect(proxy.connects).toEqual([target]);
    await fetchUnits(url, createProxiedFetch({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }));
    expect(proxy.connects).toEqual([target]);
  });

  it('stops reading an endless answer at the cap instead of reading it all first', async () => {
    let written = 0;
    const endless = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 1024 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const e = await fetchUnits(endless, createProxiedFetch({})).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain('too large');
    // The 4 MB cap plus what the socket buffers held, not the gigabyte on offer.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});
