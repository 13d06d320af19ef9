// `feed update` against answers that must not count as "not modified", the message after the last
// retry, and the addresses it accepts: a real HTTP server on 127.0.0.1 started by the test.
import { describe, expect, it } from 'vitest';
import { acceptedFeedUrl } from './feed-store';
import {
  feedRoutes,
  makeFeed,
  signed,
  testKeys,
  useServers,
  updateStore,
} from '../../test/support/feed/feed-test-kit';

const serve = useServers();
const store = () => updateStore({ now: () => new Date('2026-11-23T08:00:00Z') });

describe('feed update: 304 only as the answer to our own conditional request', () => {
  it('a 304 to a request without If-None-Match is a failure, not "not modified"', async () => {
    const server = await serve((_req, res) => res.writeHead(304).end());
    const { s } = await store();
    const before = s.active();
    const r = await s.update({ url: `${server.url}/feed.json` });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'http-status' } });
    expect(r.status === 'failed' && r.reason.message).toContain('304 Not Modified');
    expect(server.requests[0].headers['if-none-match']).toBeUndefined();
    expect(s.active().lastChecked).toBe(before.lastChecked);
  });

  it('a 304 from where a redirect led is a failure even when our ETag went along', async () => {
    const { k2026 } = await testKeys();
    const state = { ...signed(await makeFeed(3), k2026), etag: '"v3"' };
    const routes = feedRoutes(state);
    let redirect = false;
    const server = await serve((req, res) => {
      if (redirect && req.url === '/feed.json')
        return void res.writeHead(302, { location: '/elsewhere.json' }).end();
      if (req.url === '/elsewhere.json') return void res.writeHead(304).end();
      routes(req, res);
    });
    const { s } = await store();
    const url = `${server.url}/feed.json`;
    expect(await s.update({ url })).toMatchObject({ status: 'updated', version: 3 });
    const checked = s.active().lastChecked;
    redirect = true;
    const r = await s.update({ url });
    expect(server.requests.at(-1)).toMatchObject({ url: '/elsewhere.json' });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'http-status' } });
    expect(s.active().lastChecked).toBe(checked);
  });
});

describe('feed update: the last retry', () => {
  it('says it gave up, after how many attempts, and never "will retry"', async () => {
    const server = await serve((_req, res) => res.writeHead(503).end());
    const { s, delays } = await store();
    const r = await s.update({ url: `${server.url}/feed.json` });
    expect(delays).toHaveLength(2);
    expect(server.requests).toHaveLength(3);
    const message = r.status === 'failed' ? r.reason.message : '';
    expect(message).toContain('HTTP 503');
    expect(message).toContain('Gave up after 3 attempts; try again later.');
    expect(message).toContain('Đã thử 3 lần, dừng lại');
    expect(message).not.toMatch(/will retry|sẽ thử lại/);
  });
});

describe('feed update: the addresses it accepts, and the message that says so', () => {
  it.each([
    ['https://tally.example.gov.vn/feed.json', true],
    ['http://127.0.0.1:8787/feed.json', true],
    ['http://localhost/feed.json', true],
    ['http://[::1]:8080/feed.json', true],
    ['http://tally.example.gov.vn/feed.json', false],
    ['http://10.0.0.5/feed.json', false],
    ['ftp://tally.example.gov.vn/feed.json', false],
    ['file:///etc/passwd', false],
  ])('%s → %s', (url, accepted) => {
    expect(acceptedFeedUrl(url)).toBe(accepted);
  });

  it('refuses plain http to another machine with a message naming exactly that rule', async () => {
    const { s } = await store();
    const r = await s.update({ url: 'http://tally.example.gov.vn/feed.json' });
    expect(r).toMatchObject({ status: 'failed', reason: { code: 'bad-url' } });
    expect(r.status === 'failed' && r.reason.message).toContain(
      'The feed URL must start with https:// (http:// only for this computer: localhost, 127.0.0.1, [::1])',
    );
  });
});
