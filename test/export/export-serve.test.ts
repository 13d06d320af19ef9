// The tally serves the published feed's exports: ETag and 304, extra files, the sample refused,
// nothing before a publish, the guide page; and `sachmadoc feed export` on the command line.
import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyObject } from 'node:crypto';
import { runFeedCommand } from '../../cli/feed-command';
import type { CampaignFeed } from '../../shared/campaign-feed/campaign-feed';
import { signed, testKeys } from '../support/feed/feed-test-kit';
import { memoryIo } from '../../cli/io';
import { EXPORT_FORMATS, exportFeed } from '../../shared/export/index';
import { buildTallyApp } from '../../tally/server/app';
import { sqliteFactory, type StoreHandle } from '../support/tally/helpers';
import { agencyFeed, repoRoot, sampleFeed } from '../support/export/export-kit';

describe('tally GET /feed/export/{format}', () => {
  let h: StoreHandle;
  let app: FastifyInstance;
  let dataDir: string;
  let key: KeyObject;
  /** Publishes like `tally feed publish`: the bytes and their signature by the (test) agency key. */
  const publish = (feed: CampaignFeed, sign = true) => {
    mkdirSync(join(dataDir, 'feed'), { recursive: true });
    const s = signed(feed, key);
    writeFileSync(join(dataDir, 'feed', 'latest.json'), s.bytes);
    if (sign) writeFileSync(join(dataDir, 'feed', 'latest.json.sig'), s.sig);
    else rmSync(join(dataDir, 'feed', 'latest.json.sig'), { force: true });
  };
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    key = (await testKeys()).k2026;
    h = await sqliteFactory();
    dataDir = mkdtempSync(join(tmpdir(), 'tally-export-'));
    app = await buildTallyApp({
      store: h.store,
      adminToken: 'export-test-token',
      dataDir,
      bundledFeed: join(repoRoot, 'assets/feed/sample-feed.json'),
      rateLimit: { max: 100_000, timeWindowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await app.close();
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 404 before any feed is published (never the bundled sample)', async () => {
    const r = await get('/feed/export/rpz');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'no-feed' });
  });

  it('refuses to serve a published sample feed (409)', async () => {
    publish(sampleFeed());
    const r = await get('/feed/export/fortigate-ip');
    expect(r.statusCode).toBe(409);
    expect(r.json<{ message: string }>().message).toMatch(/MẪU.*SAMPLE/s);
  });

  it('refuses a feed without a signature, or whose bytes changed after signing (503, says what to do)', async () => {
    publish(agencyFeed(), false);
    const unsigned = await get('/feed/export/rpz');
    expect(unsigned.statusCode).toBe(503);
    expect(unsigned.json<{ message: string }>().message).toMatch(
      /không có chữ ký.*no signature.*tally feed publish/s,
    );
    publish(agencyFeed());
    const file = join(dataDir, 'feed', 'latest.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version": 12', '"version": 99'));
    const tampered = await get('/feed/export/rpz');
    expect(tampered.statusCode).toBe(503);
    expect(tampered.json<{ error: string }>().error).toBe('feed-invalid');
  });

  it('serves every format of the published feed with an ETag, 304 on If-None-Match, 200 again when it changes', async () => {
    const feed = agencyFeed();
    publish(feed);
    for (const f of EXPORT_FORMATS) {
      const r = await get(`/feed/export/${f}`);
      expect(r.statusCode, f).toBe(200);
      expect(r.body).toBe(exportFeed(feed, f)[0].text);
      const etag = r.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const again = await get(`/feed/export/${f}`, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    const before = (await get('/feed/export/rpz')).headers.etag as string;
    publish({ ...feed, version: 13, indicators: [...feed.indicators, { type: 'ip', value: '192.0.2.200' }] });
    const changed = await get('/feed/export/rpz', { 'if-none-match': before });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('32.200.2.0.192.rpz-ip CNAME .');
    expect(changed.headers.etag).not.toBe(before);
  });

  it("serves a format's extra files and says which exist", async () => {
    const r = await get('/feed/export/suricata/sachmadoc-iprep.list');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('192.0.2.200,1,127');
    const missing = await get('/feed/export/suricata/nope.txt');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ message: string }>().message).toContain('sachmadoc-categories.txt');
    const unknown = await get('/feed/export/bind9');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ message: string }>().message).toContain('rpz, unbound');
  });

  it('converts a large feed in the worker thread and answers other requests meanwhile', async () => {
    const feed = agencyFeed();
    const big: CampaignFeed = {
      ...feed,
      version: 14,
      indicators: Array.from({ length: 120_000 }, (_, i) => ({
        type: 'domain' as const,
        value: `c2-${i}.bad-${i % 97}.example`,
      })),
    };
    publish(big);
    let exportDone = false;
    const pending = get('/feed/export/stix').then((r) => {
      exportDone = true;
      return r;
    });
    const health = await get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(exportDone).toBe(false);
    const r = await pending;
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`c2-119999.bad-${119_999 % 97}.example`);
    publish({ ...feed, version: 13, indicators: [...feed.indicators, { type: 'ip', value: '192.0.2.200' }] });
  }, 120_000);

  it('lists every URL with a Vietnamese guide on /dashboard/exports/', async () => {
    const r = await get('/dashboard/exports/', { host: 'tally.so-tttt.example:8787' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    for (const f of EXPORT_FORMATS)
      expect(r.body).toContain(`http://tally.so-tttt.example:8787/feed/export/${f}`);
    expect(r.body).toContain('phiên bản <strong>13</strong>');
    expect(r.body).toContain('Security Fabric &gt; External Connectors');
  });
});

describe('sachmadoc feed export', () => {
  const run = async (argv: string[], cwd: string) => {
    const io = memoryIo({ cwd, env: { SACHMADOC_DATA_DIR: join(cwd, 'data') } });
    const code = await runFeedCommand(argv, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };

  it('--list prints one line per format', async () => {
    const r = await run(['export', '--list'], tmpdir());
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(EXPORT_FORMATS.length);
    for (const f of EXPORT_FORMATS) expect(r.out).toMatch(new RegExp(`^${f} `, 'm'));
  });

  it('writes --out from --feed (and the extra files beside it), the same bytes on a second run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    writeFileSync(join(dir, 'feed.json'), JSON.stringify(agencyFeed()));
    const r = await run(
      ['export', '--format', 'suricata', '--feed', 'feed.json', '--out', 'out/sachmadoc.rules'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/chưa ký.*not signed/s);
    expect(r.err).toMatch(/Left out: cidr 0\.0\.0\.0\/0/);
    const first = readFileSync(join(dir, 'out/sachmadoc.rules'), 'utf8');
    expect(first).toBe(exportFeed(agencyFeed(), 'suricata')[0].text);
    expect(readFileSync(join(dir, 'out/sachmadoc-iprep.list'), 'utf8')).toContain(',1,127');
    await run(['export', '--format', 'suricata', '--feed', 'feed.json', '--out', 'out/sachmadoc.rules'], dir);
    expect(readFileSync(join(dir, 'out/sachmadoc.rules'), 'utf8')).toBe(first);
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks a --feed signature against the pinned keys when the .sig is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const fixture = join(repoRoot, 'test/fixtures/export/agency-feed.json');
    writeFileSync(join(dir, 'feed.json'), readFileSync(fixture));
    writeFileSync(join(dir, 'feed.json.sig'), readFileSync(`${fixture}.sig`));
    const ok = await run(['export', '--format', 'pfsense', '--feed', 'feed.json'], dir);
    expect(ok.code).toBe(0);
    expect(ok.err).not.toMatch(/not signed/);
    expect(ok.out).toContain('100.64.8.128/25');
    writeFileSync(
      join(dir, 'feed.json'),
      readFileSync(fixture, 'utf8').replace('"version": 12', '"version": 13'),
    );
    const bad = await run(['export', '--format', 'pfsense', '--feed', 'feed.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/feed\.json/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the feed in use (the bundled sample here) to stdout, marked SAMPLE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const r = await run(['export', '--format', 'hosts'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# .*SAMPLE/m);
    expect(r.out).toContain('0.0.0.0 c2.malware-sample.example');
    expect(r.err).toMatch(/MẪU.*SAMPLE/s);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 on an unknown format or a feed that is not a campaign feed, saying what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const bad = await run(['export', '--format', 'bind'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown format "bind".*rpz, unbound/s);
    writeFileSync(join(dir, 'x.json'), '{"hello": 1}\n');
    const notFeed = await run(['export', '--format', 'rpz', '--feed', 'x.json'], dir);
    expect(notFeed.code).toBe(2);
    expect(notFeed.err).toContain('x.json');
    expect(notFeed.err).toMatch(/feed build/);
    rmSync(dir, { recursive: true, force: true });
  });
});
