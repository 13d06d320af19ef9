// verifyFeed, the one pipeline every trusted feed goes through (issue 19: what each step returns).
import { describe, expect, it } from 'vitest';
import { signFeedBytes } from './keys';
import { verifyFeed } from './verify-feed';
import { makeFeed, signed, testKeys } from '../../test/support/feed/feed-test-kit';

describe('verifyFeed', () => {
  it('gives the feed and the key that signed it', async () => {
    const { pinned, k2026 } = await testKeys();
    const feed = await makeFeed(5);
    const { bytes, sig } = signed(feed, k2026);
    const r = verifyFeed(bytes, sig, pinned, 'feed.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.feed.version).toBe(5);
    expect(r.value.feed.campaign.id).toBe(feed.campaign.id);
    expect(r.value.key.role).not.toBe('sample');
    expect(pinned).toContain(r.value.key);
  });

  it('refuses a bad signature first, naming the file, before reading the content', async () => {
    const { pinned, k2026 } = await testKeys();
    const { sig } = signed(await makeFeed(5), k2026);
    const r = verifyFeed(Buffer.from('not json at all'), sig, pinned, 'pc7/feed.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad-signature');
    expect(r.error.message.startsWith('pc7/feed.json: ')).toBe(true);
    expect(r.error.issues).toBeUndefined();
  });

  it("refuses validly signed bytes that are not a feed, with the validator's issues", async () => {
    const { pinned, k2026 } = await testKeys();
    const bytes = Buffer.from('{"schemaVersion": 1,\n "version": "x"}\n');
    const r = verifyFeed(bytes, Buffer.from(signFeedBytes(bytes, k2026)), pinned, 'f.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('schema');
    expect(r.error.issues?.length).toBeGreaterThan(0);
    expect(r.error.issues?.[0].file).toBe('f.json');
  });

  it('names the sample key and the file when the sample key signs a real feed', async () => {
    const { pinned, sampleKey } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(3), sampleKey);
    const r = verifyFeed(bytes, sig, pinned, 'real.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const keyId = pinned.find((k) => k.role === 'sample')?.keyId ?? '?';
    expect(r.error.code).toBe('sample-key');
    expect(r.error.message.startsWith('real.json: ')).toBe(true);
    expect(r.error.message.split(keyId)).toHaveLength(3);
    expect(r.error.message).toContain('Use only the official feed signed by the agency');
  });

  it('accepts a sample feed signed by the sample key', async () => {
    const { pinned, sampleKey } = await testKeys();
    const feed = await makeFeed(3);
    const { bytes, sig } = signed({ ...feed, campaign: { ...feed.campaign, sample: true } }, sampleKey);
    const r = verifyFeed(bytes, sig, pinned, 'sample.json');
    expect(r.ok && r.value.key.role).toBe('sample');
  });
});
