// The streamed feed build (issue 18) writes each entry as it goes; its bytes must be exactly what the
// build wrote before (one JSON.stringify(feed, null, 2) of FeedIndicator objects), for real
// vendor files of every format merged together, and what validateFeedBytes accepts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCampaignFeed } from './feed-build';
import type { BuildInput, BuildOptions } from './feed-build';
import { buildCampaignFeedReference } from '../../test/support/feed/feed-build-reference';
import { validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import { writeFileAtomic } from '../../node-shared/atomic-write';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'feeds');
const REAL = [
  'stix-a-c2-ip-bundle.json',
  'misp-b-circl-xorist-event.json',
  'misp-c1-domain-ip-object.json',
  'threatfox-full.csv',
  'urlhaus-csv-recent.csv',
  'feodo-ipblocklist.csv',
  'feodo-ipblocklist-recommended.txt',
  'urlhaus-hostfile.txt',
  'stix-d2-misp-domain-patterns.txt',
  'stix-e-ipv6-patterns.txt',
];
/** A plain list as agencies exchange them, big enough for many output chunks (and 2 % repeats). */
function bigList(n: number): Buffer {
  const lines = ['# danh sách IP/tên miền độc hại / malicious IPs and domains'];
  for (let i = 0; i < n; i++) {
    const a = (i * 7919) % 251;
    if (i % 50 === 7) lines.push(lines[1 + ((i * 31) % lines.length)] ?? '1.1.1.1');
    else if (i % 5 === 0) lines.push(`c2-${i.toString(36)}.example-${a}.vn`);
    else if (i % 17 === 0) lines.push(`45.${a}.${i % 256}.0/24`);
    else lines.push(`${11 + (a % 200)}.${(i >> 8) % 256}.${i % 256}.${(a * 3) % 256}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}
const inputs = (names: readonly string[]): BuildInput[] => [
  ...names.map((file) => ({ file, bytes: readFileSync(join(FIXTURES, file)) })),
  { file: 'so-lieu-tinh.txt', bytes: bigList(20_000) },
];
const now = new Date('2026-12-02T09:00:00.000Z');

function bothWays(names: readonly string[], options: BuildOptions) {
  const streamed = buildCampaignFeed(inputs(names), options);
  const old = buildCampaignFeedReference(inputs(names), options);
  return { streamed, old, bytes: Buffer.concat(streamed.chunks) };
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('feed build, streamed output', () => {
  it('equals the old whole-document output byte for byte for ten real vendor files merged', () => {
    const { streamed, old, bytes } = bothWays(REAL, { now, allowBroad: true });
    expect(old.feed.indicators.length).toBeGreaterThan(19_000);
    expect(streamed.chunks.length).toBeGreaterThan(10);
    expect(bytes.toString('utf8')).toBe(old.text);
    expect(streamed.text).toBe(old.text);
    expect(streamed.indicatorCount).toBe(old.feed.indicators.length);
    expect(streamed.version).toBe(old.feed.version);
    expect(streamed.feed).toEqual(old.feed);
    expect({ ...streamed, chunks: 0, text: 0, feed: 0, indicatorCount: 0, version: 0 }).toEqual({
      ...old,
      chunks: 0,
      text: 0,
      feed: 0,
      indicatorCount: 0,
      version: 0,
    });
    const check = validateFeedBytes(bytes, 'built.json');
    expect(check.ok).toBe(true);
    // A multi-format merge: ids, comments and severities from MISP/STIX/ThreatFox are in it.
    expect(old.text).toContain('"comment": ');
    expect(old.text).toContain('"id": ');
  });

  it('equals the old output with a base feed (allow-list, crack signatures) and catch-alls left out', () => {
    const first = buildCampaignFeedReference(inputs(['misp-c1-domain-ip-object.json']), { now });
    const base = {
      ...first.feed,
      allowList: [{ type: 'domain' as const, value: 'update.microsoft.com', comment: 'Windows Update' }],
      campaign: { ...first.feed.campaign, name: { vi: 'Chiến dịch "thử"\n', en: 'Test "campaign"' } },
    };
    const { streamed, old, bytes } = bothWays(REAL.slice(3).reverse(), {
      now,
      base,
      baseFile: 'base.json',
      version: 7,
      campaignId: 'ha-noi-2026',
    });
    expect(bytes.toString('utf8')).toBe(old.text);
    expect(streamed.broad).toEqual(old.broad);
  });

  it('equals the old output when nothing is left (an empty indicators array)', () => {
    const empty: BuildInput[] = [{ file: 'empty.txt', bytes: Buffer.from('# nothing yet\n1.2.3.4\n') }];
    const options = { now, allowBroad: false };
    const streamed = buildCampaignFeed(empty, options);
    const old = buildCampaignFeedReference(empty, options);
    expect(Buffer.concat(streamed.chunks).toString('utf8')).toBe(old.text);
    const none: BuildInput[] = [{ file: 'zero.txt', bytes: Buffer.from('0.0.0.0/0\n') }];
    const s0 = buildCampaignFeed(none, options);
    expect(s0.indicatorCount).toBe(0);
    expect(Buffer.concat(s0.chunks).toString('utf8')).toBe(buildCampaignFeedReference(none, options).text);
    expect(s0.text).toContain('"indicators": [],\n');
  });

  it('is written to disk in chunks exactly (writeFileAtomic of a chunk list)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feed-build-stream-'));
    const { streamed, old } = bothWays(REAL, { now, allowBroad: true });
    const out = join(dir, 'feed.json');
    await writeFileAtomic(out, streamed.chunks);
    expect(await readFile(out, 'utf8')).toBe(old.text);
  });
});
