import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateKeyPairPem, parsePrivateKey, parsePublicKey, signFeedBytes, verifyFeedBytes } from './keys';
import { validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import { parseCidr, ipToBigInt } from '../../shared/net/ip';
import { bundled, makeFeed, signed, testKeys } from '../../test/support/feed/feed-test-kit';

describe('Ed25519 feed signatures', () => {
  it('accepts a feed signed by either pinned key (rotation 2026 → 2027)', async () => {
    const { pinned, k2026, k2027 } = await testKeys();
    expect(pinned.map((k) => [k.name, k.role, k.test ?? false])).toEqual([
      ['TEST-ONLY-agency-2026.pub', 'agency', true],
      ['TEST-ONLY-agency-2027.pub', 'agency', true],
      ['sample-2026.pub', 'sample', false],
    ]);
    const feed = await makeFeed(2);
    for (const [key, name] of [
      [k2026, 'TEST-ONLY-agency-2026.pub'],
      [k2027, 'TEST-ONLY-agency-2027.pub'],
    ] as const) {
      const { bytes, sig } = signed(feed, key);
      const r = verifyFeedBytes(bytes, sig, pinned);
      expect(r.ok && r.key.name).toBe(name);
    }
  });

  it('rejects a single flipped byte anywhere in the feed', async () => {
    const { pinned, k2026 } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(2), k2026);
    for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[at] ^= 0x01;
      const r = verifyFeedBytes(tampered, sig, pinned);
      expect(r.ok ? 'accepted' : r.problem.code).toBe('bad-signature');
    }
  });

  it('rejects a feed signed with a key that is not pinned, naming its key id', async () => {
    const { pinned } = await testKeys();
    const stranger = parsePrivateKey(generateKeyPairPem().privatePem, 'stranger');
    const { bytes, sig } = signed(await makeFeed(2), stranger);
    const r = verifyFeedBytes(bytes, sig, pinned);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('unknown-key');
      expect(r.problem.message).toContain(JSON.parse(sig.toString()).keyId);
    }
  });

  it('still verifies when the keyId hint names the other pinned key', async () => {
    const { pinned, k2026 } = await testKeys();
    const { bytes, sig } = signed(await makeFeed(2), k2026);
    const lying = JSON.stringify({ ...JSON.parse(sig.toString()), keyId: pinned[1].keyId });
    const r = verifyFeedBytes(bytes, lying, pinned);
    expect(r.ok && r.key.name).toBe('TEST-ONLY-agency-2026.pub');
  });

  it('reports a malformed signature file instead of throwing', async () => {
    const { pinned } = await testKeys();
    for (const sig of ['', 'not json', '{"format":"x"}', Buffer.from([0xff, 0xfe])]) {
      const r = verifyFeedBytes(Buffer.from('{}'), sig, pinned);
      expect(r.ok ? 'accepted' : r.problem.code).toBe('malformed-signature');
    }
  });

  it('refuses non-Ed25519 and non-PEM key files with the file name', () => {
    expect(() => parsePublicKey('garbage', 'x.pub')).toThrow(/x\.pub/);
    const { publicPem } = generateKeyPairPem();
    expect(parsePublicKey(publicPem, 'ok.pub').keyId).toMatch(/^[0-9a-f]{16}$/);
    const sigText = signFeedBytes(Buffer.from('abc'), parsePrivateKey(generateKeyPairPem().privatePem, 'k'));
    expect(JSON.parse(sigText).alg).toBe('ed25519');
  });
});

describe('the bundled sample feed', () => {
  it('is signed by a pinned key, valid, canonical and labelled as a sample', async () => {
    const { pinned } = await testKeys();
    const bytes = await readFile(bundled.feedFile);
    expect(verifyFeedBytes(bytes, await readFile(bundled.sigFile), pinned).ok).toBe(true);
    const v = validateFeedBytes(bytes, 'sample-feed.json');
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.feed.campaign.sample).toBe(true);
    expect(v.feed.campaign.letter).toBe('1298/CATTT-NCSC');
    expect(v.feed.campaign.infoUrl).toBe('https://khonggianmang.vn/chiendichmadoc2022');
    expect(v.feed.version).toBe(1);
    for (const i of v.feed.indicators) expect(i.comment).toMatch(/^MẪU/);
  });

  it('lists only documentation addresses and .example domains', async () => {
    const v = validateFeedBytes(await readFile(bundled.feedFile), 'sample-feed.json');
    if (!v.ok) throw new Error(v.error.message);
    const docBlocks = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'].map((c) =>
      parseCidr(c)!,
    );
    const inDocBlock = (value: string) => {
      const addr = ipToBigInt(value.split('/')[0]);
      return docBlocks.some((b) => {
        const base = ipToBigInt(b.base)!;
        const shift = BigInt((b.family === 4 ? 32 : 128) - b.prefix);
        return addr?.family === b.family && addr.value >> shift === base.value >> shift;
      });
    };
    const kinds = new Set<string>();
    for (const i of v.feed.indicators) {
      kinds.add(i.type);
      if (i.type === 'domain') expect(i.value).toMatch(/\.example$/);
      else expect(inDocBlock(i.value), i.value).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['cidr', 'domain', 'ip']);
    expect(v.feed.allowList.length).toBeGreaterThan(0);
  });
});
