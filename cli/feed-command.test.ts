// `sachmadoc feed <verb>` in-process with a memory terminal, plus one spawned `npm run feed`.
import { spawn } from 'node:child_process';
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFeedCommand } from './feed-command';
import { memoryIo } from './io';
import { campaignFeedSchema } from '../shared/campaign-feed/campaign-feed';
import { setProcessWording } from '../shared/i18n';
import type { TestServer } from '../test/support/feed/feed-test-kit';
import {
  bundled,
  feedRoutes,
  keyFixtures,
  makeFeed,
  repoRoot,
  signed,
  startServer,
  tempDir,
  testKeys,
} from '../test/support/feed/feed-test-kit';

const feedsFixtures = join(repoRoot, 'test/fixtures/feeds');
const key2026 = join(keyFixtures, 'TEST-ONLY-agency-2026.key');

async function run(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const io = memoryIo({ cwd: opts.cwd ?? repoRoot, env: opts.env ?? {} });
  const code = await runFeedCommand(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('feed keygen', () => {
  it('writes feed.key (0600) and feed.pub, and never overwrites a key', async () => {
    const dir = await tempDir();
    const r = await run(['keygen', '--out', 'keys'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/keyId [0-9a-f]{16}/);
    expect(await readFile(join(dir, 'keys/feed.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await readFile(join(dir, 'keys/feed.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    if (process.platform !== 'win32')
      expect((await stat(join(dir, 'keys/feed.key'))).mode & 0o777).toBe(0o600);
    const before = await readFile(join(dir, 'keys/feed.key'), 'utf8');
    const again = await run(['keygen', '--out', 'keys'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã tồn tại.*already exists/);
    expect(await readFile(join(dir, 'keys/feed.key'), 'utf8')).toBe(before);
  });
});

describe('feed sign / verify', () => {
  it('signs with a fresh key; verify passes with --key and fails (2) against the pinned keys', async () => {
    const dir = await tempDir();
    await run(['keygen', '--out', dir]);
    const feedPath = join(dir, 'f.json');
    await writeFile(feedPath, `${JSON.stringify(await makeFeed(7), null, 2)}\n`);
    const s = await run(['sign', '--key', join(dir, 'feed.key'), feedPath]);
    expect(s.code).toBe(0);
    expect(s.err).toMatch(/chưa được ghim.*not pinned/s);
    expect((await run(['verify', feedPath, '--key', join(dir, 'feed.pub')])).code).toBe(0);
    const pinned = await run(['verify', feedPath]);
    expect(pinned.code).toBe(2);
    expect(pinned.err).toMatch(/khoá lạ.*unknown key/s);
  });

  it('verifies the bundled sample against the pinned keys, and rejects one changed byte with exit 2', async () => {
    const ok = await run(['verify', bundled.feedFile]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/sample-2026\.pub/);
    const dir = await tempDir();
    const copy = join(dir, 'sample-feed.json');
    const bytes = await readFile(bundled.feedFile);
    bytes[bytes.indexOf('203.0.113.9') + 10] = 0x38;
    await writeFile(copy, bytes);
    await copyFile(bundled.sigFile, `${copy}.sig`);
    const bad = await run(['verify', copy]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(copy);
    expect(bad.err).toMatch(/Chữ ký không khớp/);
  });

  it('exit 2 with what to do when the .sig is missing', async () => {
    const dir = await tempDir();
    await copyFile(bundled.feedFile, join(dir, 'x.json'));
    const r = await run(['verify', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/x\.json\.sig.*feed sign/);
  });

  it('refuses to sign a feed that would not validate, naming file and line', async () => {
    const dir = await tempDir();
    const feed = await makeFeed(2);
    feed.indicators[0] = { type: 'ip', value: '203.0.113.09' };
    await writeFile(join(dir, 'bad.json'), JSON.stringify(feed, null, 2));
    const r = await run(['sign', '--key', key2026, 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json:\d+:/);
    await expect(stat(join(dir, 'bad.json.sig'))).rejects.toThrow();
  });
});

describe('feed build', () => {
  it('merges STIX, MISP, Feodo and a plain list into one canonical, deduplicated feed', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'plain.txt'),
      '# agency list\n67.213.75.205\nEvil.Example.\n2001:DB8:0:0::1\n198.51.100.7/24\nnot a thing!\n',
    );
    const from = ['stix-a-c2-ip-bundle.json', 'misp-c1-domain-ip-object.json', 'feodo-ipblocklist.csv'].map(
      (f) => join(feedsFixtures, f),
    );
    const r = await run(
      [
        'build',
        '--from',
        ...from,
        '--from',
        'plain.txt',
        '--out',
        'out/feed.json',
        '--campaign-id',
        'cd-2026',
        '--version',
        '12',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/plain\.txt:6:/);
    const feed = campaignFeedSchema.parse(JSON.parse(await readFile(join(dir, 'out/feed.json'), 'utf8')));
    expect(feed.version).toBe(12);
    expect(feed.campaign.id).toBe('cd-2026');
    const values = feed.indicators.map((i) => `${i.type}:${i.value}`);
    expect(values).toEqual(
      expect.arrayContaining([
        'ip:10.0.0.0',
        'domain:circl.lu',
        'ip:149.13.33.14',
        'ip:67.213.75.205',
        'domain:evil.example',
        'ip:2001:db8::1',
        'cidr:198.51.100.0/24',
      ]),
    );
    expect(new Set(values).size).toBe(values.length);
    expect(values.filter((v) => v === 'ip:67.213.75.205')).toHaveLength(1);
    expect(r.out).toMatch(/1 trùng, .* \/ Wrote .*1 duplicates/);
    // What build writes, sign accepts, and verify checks with the signing key's public half.
    expect((await run(['sign', '--key', key2026, 'out/feed.json'], { cwd: dir })).code).toBe(0);
    expect((await run(['verify', 'out/feed.json'], { cwd: dir })).code).toBe(0);
  });

  it('takes campaign metadata and the allow-list from --base, and bumps its version', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'list.txt'), '192.0.2.1\n');
    const r = await run(['build', '--from', 'list.txt', '--out', 'f.json', '--base', bundled.feedFile], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const feed = campaignFeedSchema.parse(JSON.parse(await readFile(join(dir, 'f.json'), 'utf8')));
    expect(feed.version).toBe(2);
    expect(feed.campaign.letter).toBe('1298/CATTT-NCSC');
    expect(feed.allowList.map((a) => a.value)).toContain('khonggianmang.vn');
    expect(feed.indicators).toEqual([{ type: 'ip', value: '192.0.2.1' }]);
  });

  it('with --strict writes nothing when a line is bad; refuses a file that is not a feed', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'list.txt'), '192.0.2.1\n192.0.2.2\n192.0.2.3\n999.1.1.1\n');
    const strict = await run(['build', '--from', 'list.txt', '--out', 'f.json', '--strict'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.err).toMatch(/list\.txt:4:/);
    await expect(stat(join(dir, 'f.json'))).rejects.toThrow();
    const foreign = await run(
      ['build', '--from', join(feedsFixtures, 'not-a-feed-netstat-ano.txt'), '--out', 'g.json'],
      { cwd: dir },
    );
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/not-a-feed-netstat-ano\.txt/);
    const usage = await run(['build', '--out', 'g.json'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--from/);
  });
});

describe('feed inspect: a catch-all line', () => {
  it('is reported in the language chosen with --lang, or both', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'wide.txt'), '203.0.113.9\n0.0.0.0/0\n');
    const both = await run(['inspect', 'wide.txt'], { cwd: dir });
    expect(both.code).toBe(1);
    const line = both.err.split('\n').find((l) => l.startsWith('wide.txt:2:'));
    expect(line).toBe(
      'wide.txt:2: quá rộng/catch-all cidr 0.0.0.0/0: 0.0.0.0/0 là mọi địa chỉ IPv4 / 0.0.0.0/0 is every IPv4 address',
    );
    try {
      setProcessWording('en');
      const en = await run(['inspect', 'wide.txt'], { cwd: dir });
      expect(en.err.split('\n')).toContain(
        'wide.txt:2: catch-all cidr 0.0.0.0/0: 0.0.0.0/0 is every IPv4 address',
      );
      setProcessWording('vi');
      const vi = await run(['inspect', 'wide.txt'], { cwd: dir });
      expect(vi.err.split('\n')).toContain(
        'wide.txt:2: quá rộng cidr 0.0.0.0/0: 0.0.0.0/0 là mọi địa chỉ IPv4',
      );
    } finally {
      setProcessWording('both');
    }
  });
});

describe('feed inspect --json', () => {
  it('prints {indicators:[{type,value}], errors:[{file,line,message}], sharedPlatforms, broad} with canonical values', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'mixed.txt'),
      'EVIL.example.\n::ffff:203.0.113.9\n2001:DB8::0:1\n10.1.2.3/8\nbad value here\n',
    );
    const r = await run(['inspect', 'mixed.txt', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { indicators: unknown[]; errors: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['indicators', 'errors', 'sharedPlatforms', 'broad']);
    expect(doc.indicators).toEqual([
      { type: 'domain', value: 'evil.example' },
      { type: 'ip', value: '203.0.113.9' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'cidr', value: '10.0.0.0/8' },
    ]);
    expect(doc.errors).toHaveLength(1);
    expect(Object.keys(doc.errors[0])).toEqual(['file', 'line', 'message']);
    expect(doc.errors[0]).toMatchObject({ file: 'mixed.txt', line: 5 });
  });

  it('reads a signed campaign feed like any other file, and exits 2 on a file that is not a feed', async () => {
    const r = await run(['inspect', bundled.feedFile, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).indicators).toContainEqual({ type: 'cidr', value: '2001:db8::/32' });
    const bad = await run(['inspect', join(feedsFixtures, 'not-a-feed-netstat-ano.txt'), '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).errors[0].line).toBe(1);
  });
});

describe('feed status / update', () => {
  it('first run shows the bundled sample; update fetches v2 from the server; a tampered update exits 2 and keeps v2', async () => {
    const env = { SACHMADOC_DATA_DIR: await tempDir() };
    const status = await run(['status', '--json'], { env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({
      version: 1,
      origin: 'bundled',
      sample: true,
      lastChecked: null,
      indicators: 9,
    });

    const { k2026 } = await testKeys();
    const state = signed(await makeFeed(2), k2026);
    const server = await startServer(feedRoutes(state));
    servers.push(server);
    const up = await run(['update', '--url', `${server.url}/feed.json`], { env });
    expect(up.code).toBe(0);
    expect(up.out).toMatch(/1 → 2/);

    const text = await run(['status'], { env });
    expect(text.out).toContain(`${server.url}/feed.json`);
    expect(text.out).toMatch(/Phiên bản \/ Version:\s+2/);
    expect(text.out).not.toMatch(/chưa bao giờ/);

    const v3 = signed(await makeFeed(3), k2026);
    v3.bytes[v3.bytes.length - 3] ^= 1;
    Object.assign(state, v3);
    const bad = await run(['update'], { env });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/\[bad-signature\]/);
    expect(bad.err).toMatch(/Still using version 2/);
    expect(JSON.parse((await run(['status', '--json'], { env })).out).version).toBe(2);
  });

  it('update takes the URL from SACHMADOC_FEED_URL when --url is not given', async () => {
    const { k2027 } = await testKeys();
    const server = await startServer(feedRoutes(signed(await makeFeed(4), k2027)));
    servers.push(server);
    const env = { SACHMADOC_DATA_DIR: await tempDir(), SACHMADOC_FEED_URL: `${server.url}/feed.json` };
    const r = await run(['update'], { env });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 → 4/);
    expect(server.requests.map((q) => q.url)).toEqual(['/feed.json', '/feed.json.sig']);
  });

  it('update with no URL anywhere says how to give one', async () => {
    const r = await run(['update'], { env: { SACHMADOC_DATA_DIR: await tempDir() } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--url/);
  });

  it('unknown verbs and options are usage errors (exit 2)', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['verify', '--nope', 'x'])).err).toMatch(/Usage/);
    expect((await run(['help'])).code).toBe(0);
  });
});

describe('npm run feed -- verify (a real process)', () => {
  const npmVerify = (file: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      // npm is npm.cmd on Windows, which Node starts only through a shell (paths here have no blanks).
      const child = spawn('npm', ['run', '-s', 'feed', '--', 'verify', file], {
        cwd: repoRoot,
        shell: process.platform === 'win32',
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('exits 0 for the bundled sample and 2 for a tampered copy', async () => {
    const dir = await tempDir();
    const copy = join(dir, 'tampered.json');
    const bytes = await readFile(bundled.feedFile);
    bytes[bytes.length - 5] ^= 1;
    await writeFile(copy, bytes);
    await copyFile(bundled.sigFile, `${copy}.sig`);
    const [good, bad] = await Promise.all([npmVerify(bundled.feedFile), npmVerify(copy)]);
    expect(good.code).toBe(0);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/tampered\.json: Chữ ký không khớp/);
    // Two npm + tsx start-ups on a shared, busy machine: a generous bound, not a speed target.
  }, 90_000);
});

describe('feed inspect at scale', () => {
  it('lists 20,000 indicators in a handful of writes, not one write per indicator, same lines in order', async () => {
    const dir = await tempDir();
    const values = Array.from({ length: 20_000 }, (_, i) => `198.18.${i >> 8}.${i & 255}`);
    await writeFile(join(dir, 'big.txt'), `${values.join('\n')}\n198.18.0.0\n`);
    const io = memoryIo({ cwd: dir, env: {} });
    const code = await runFeedCommand(['inspect', 'big.txt'], io);
    expect(code).toBe(0);
    expect(io.out.length).toBeLessThan(10);
    const lines = io.out.join('').split('\n');
    expect(lines[0]).toMatch(
      /^big\.txt: plain, 20\.000 chỉ báo .*1 bỏ qua.* \/ 20,000 indicators .*1 skipped/,
    );
    expect(lines.slice(1, -1)).toEqual(values.map((v) => `ip\t${v}`));
  });
});
