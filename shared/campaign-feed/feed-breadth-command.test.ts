// `feed build` / `feed inspect` and URL indicators (issue 10.1) and the breadth guard (issue 12).
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFeedCommand } from '../../cli/feed-command';
import { memoryIo } from '../../cli/io';
import { campaignFeedSchema } from './campaign-feed';
import { validateFeedBytes } from './validate-feed';
import { keyFixtures, makeFeed, repoRoot, tempDir } from '../../test/support/feed/feed-test-kit';

const urlhaus = join(repoRoot, 'test/fixtures/feeds/urlhaus-csv-shared-platforms.csv');
const key2026 = join(keyFixtures, 'TEST-ONLY-agency-2026.key');

async function run(argv: string[], cwd: string) {
  const io = memoryIo({ cwd, env: {} });
  const code = await runFeedCommand(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const BROAD_LIST = [
  '# agency list with catch-all mistakes',
  '203.0.113.9',
  '0.0.0.0/0',
  '::/0',
  '10.0.0.0/7',
  'com.vn',
  'gov.vn',
  'api.github.com',
  'evil.example',
  '',
].join('\n');

describe('feed build and URL indicators', () => {
  it('keeps URLs, derives only IP literals and unknown domains, and reports both lists', async () => {
    const dir = await tempDir();
    const r = await run(['build', '--from', urlhaus, '--out', 'feed.json', '--campaign-id', 'cd-2026'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('derived from URL hosts (3):');
    expect(r.out).toContain(`${urlhaus}:17: ip 182.126.120.150 ← http://182.126.120.150:58801/i`);
    expect(r.out).toContain('shared-platform hosts left out, URL kept (6):');
    expect(r.out).toContain(
      `${urlhaus}:10: github.com (github.com: lưu trữ mã nguồn / code hosting) ← https://github.com/evil-user/tool/releases/download/v1/setup.exe`,
    );
    const bytes = await readFile(join(dir, 'feed.json'));
    const check = validateFeedBytes(bytes, 'feed.json');
    expect(check.ok).toBe(true);
    const feed = campaignFeedSchema.parse(JSON.parse(bytes.toString('utf8')));
    expect(feed.indicators.filter((i) => i.type !== 'url')).toEqual([
      {
        type: 'domain',
        value: 'evil-user.github.io',
        id: 'urlhaus-3786307#evil-user.github.io',
        comment: 'malware_download · hta',
      },
      {
        type: 'ip',
        value: '182.126.120.150',
        id: 'urlhaus-3786308#182.126.120.150',
        comment: 'malware_download · 32-bit,elf,mips,Mozi',
      },
      {
        type: 'domain',
        value: 'dl.update-checker.top',
        id: 'urlhaus-3786309#dl.update-checker.top',
        comment: 'malware_download · exe,SmokeLoader',
      },
    ]);
    expect(feed.indicators.filter((i) => i.type === 'url')).toHaveLength(9);
    expect(feed.indicators[0]).toEqual({
      type: 'url',
      value: 'https://github.com/evil-user/tool/releases/download/v1/setup.exe',
      id: 'urlhaus-3786301',
      comment: 'malware_download · exe,github,Vidar',
    });
    // A feed with URLs signs and verifies like any other.
    expect((await run(['sign', '--key', key2026, 'feed.json'], dir)).code).toBe(0);
    expect((await run(['verify', 'feed.json'], dir)).code).toBe(0);
  });

  it('refuses a URL value that is not canonical in a signed feed document', async () => {
    const feed = await makeFeed(2, { indicators: [{ type: 'url', value: 'HTTPS://GitHub.com:443/a#b' }] });
    const check = validateFeedBytes(JSON.stringify(feed, null, 2), 'f.json');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error.message).toMatch(/not canonical, expected "https:\/\/github\.com\/a"/);
  });
});

describe('feed build refuses catch-all entries', () => {
  it('exits 2, names each entry with file:line and why, and writes nothing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'list.txt'), BROAD_LIST);
    const r = await run(['build', '--from', 'list.txt', '--out', 'feed.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'list.txt:3: cidr 0.0.0.0/0: 0.0.0.0/0 là mọi địa chỉ IPv4 / 0.0.0.0/0 is every IPv4 address',
      'list.txt:4: cidr ::/0: ::/0 là mọi địa chỉ IPv6 / ::/0 is every IPv6 address',
      'list.txt:5: cidr 10.0.0.0/7: dải 10.0.0.0/7 rộng hơn /8 (quá nhiều địa chỉ cho một chỉ báo) / block 10.0.0.0/7 is wider than /8 (too many addresses for one indicator)',
      'list.txt:6: domain com.vn: com.vn là hậu tố công cộng (mọi tên miền dưới .com.vn) / com.vn is a public suffix (every domain under .com.vn)',
      'list.txt:7: domain gov.vn: gov.vn là hậu tố công cộng (mọi tên miền dưới .gov.vn) / gov.vn is a public suffix (every domain under .gov.vn)',
      'list.txt:8: domain api.github.com: api.github.com (thuộc github.com) là nền tảng dùng chung: lưu trữ mã nguồn / api.github.com (under github.com) is a shared platform: code hosting',
      expect.stringMatching(
        /^feed build: 6 chỉ báo quá rộng, không ghi tệp; .* \/ 6 catch-all indicators, nothing written; remove them from the input, or pass --allow-broad/,
      ),
    ]);
    await expect(stat(join(dir, 'feed.json'))).rejects.toThrow();
  });

  it('with --allow-broad writes them (the app still skips them) and still names them', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'list.txt'), BROAD_LIST);
    const r = await run(['build', '--from', 'list.txt', '--out', 'feed.json', '--allow-broad'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('list.txt:3: cidr 0.0.0.0/0:');
    const feed = campaignFeedSchema.parse(JSON.parse(await readFile(join(dir, 'feed.json'), 'utf8')));
    expect(feed.indicators.map((i) => i.value)).toEqual([
      '203.0.113.9',
      '0.0.0.0/0',
      '::/0',
      '10.0.0.0/7',
      'com.vn',
      'gov.vn',
      'api.github.com',
      'evil.example',
    ]);
  });

  it('refuses a catch-all allow-list entry of --base even with --allow-broad', async () => {
    const dir = await tempDir();
    const base = await makeFeed(4, {
      allowList: [
        { type: 'domain', value: 'khonggianmang.vn' },
        { type: 'domain', value: 'vn' },
        { type: 'cidr', value: '0.0.0.0/0' },
        { type: 'domain', value: 'github.com' },
      ],
    });
    await writeFile(join(dir, 'base.json'), JSON.stringify(base, null, 2));
    await writeFile(join(dir, 'list.txt'), '203.0.113.9\n');
    const r = await run(
      ['build', '--from', 'list.txt', '--out', 'feed.json', '--base', 'base.json', '--allow-broad'],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'base.json: allowList[1]: domain vn: vn là hậu tố công cộng (mọi tên miền dưới .vn) / vn is a public suffix (every domain under .vn)',
    );
    expect(r.err).toContain('base.json: allowList[2]: cidr 0.0.0.0/0:');
    expect(r.err).not.toContain('github.com');
    expect(r.err).toMatch(
      /2 catch-all allow-list entries, nothing written; remove them from the --base allowList/,
    );
    await expect(stat(join(dir, 'feed.json'))).rejects.toThrow();
  });
});

describe('feed inspect reports URL hosts and catch-all entries', () => {
  it('--json lists fromUrl, the shared platforms left out and the catch-all entries (exit 1)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'list.txt'), BROAD_LIST);
    const broad = await run(['inspect', 'list.txt', '--json'], dir);
    expect(broad.code).toBe(1);
    const doc = JSON.parse(broad.out) as { broad: { line: number; value: string; code: string }[] };
    expect(doc.broad.map((b) => [b.line, b.value, b.code])).toEqual([
      [3, '0.0.0.0/0', 'short-prefix'],
      [4, '::/0', 'short-prefix'],
      [5, '10.0.0.0/7', 'short-prefix'],
      [6, 'com.vn', 'public-suffix'],
      [7, 'gov.vn', 'public-suffix'],
      [8, 'api.github.com', 'shared-platform'],
    ]);

    const urls = await run(['inspect', urlhaus, '--json'], dir);
    expect(urls.code).toBe(0);
    const u = JSON.parse(urls.out) as {
      indicators: { type: string; value: string; fromUrl?: string }[];
      sharedPlatforms: { line: number; host: string; platform: string; category: string }[];
      broad: unknown[];
    };
    expect(u.indicators).toContainEqual({
      type: 'domain',
      value: 'dl.update-checker.top',
      fromUrl: 'http://dl.update-checker.top/a.exe',
    });
    expect(u.sharedPlatforms.map((d) => [d.line, d.host, d.category])).toEqual([
      [10, 'github.com', 'code-hosting'],
      [11, 'raw.githubusercontent.com', 'code-hosting'],
      [12, 'cdn.discordapp.com', 'messaging'],
      [13, 'drive.google.com', 'cloud-storage'],
      [14, 's120-ava-talk.zadn.vn', 'vn-platform'],
      [15, 'bit.ly', 'url-shortener'],
    ]);
    expect(u.broad).toEqual([]);
  });

  it('text mode marks derived indicators and prints catch-all entries on stderr', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'list.txt'), `${BROAD_LIST}http://198.51.100.77:8080/gate.php\n`);
    const r = await run(['inspect', 'list.txt'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('ip\t198.51.100.77\t← http://198.51.100.77:8080/gate.php');
    expect(r.err).toContain('list.txt:6: quá rộng/catch-all domain com.vn: com.vn là hậu tố công cộng');
  });

  it('checks the allow-list of a campaign feed too', async () => {
    const dir = await tempDir();
    const feed = await makeFeed(5, {
      allowList: [
        { type: 'domain', value: 'khonggianmang.vn' },
        { type: 'cidr', value: '0.0.0.0/0' },
      ],
    });
    await writeFile(join(dir, 'feed.json'), `${JSON.stringify(feed, null, 2)}\n`);
    const r = await run(['inspect', 'feed.json', '--json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { broad: { line: number; type: string; value: string; code: string }[] };
    const line =
      `${JSON.stringify(feed, null, 2)}\n`.split('\n').findIndex((l) => l.includes('"0.0.0.0/0"')) + 1;
    expect(doc.broad).toEqual([
      {
        file: 'feed.json',
        line,
        type: 'allowList[1] cidr',
        value: '0.0.0.0/0',
        code: 'short-prefix',
        message: '0.0.0.0/0 là mọi địa chỉ IPv4 / 0.0.0.0/0 is every IPv4 address',
      },
    ]);
  });
});
