// The fast paths of big feeds (issue 18) against the slow ones they short-cut, so a wrong fast path
// fails here: plainLineFast against parsePlainLine line by line; the list parser's dedup (IPv4 by
// number in a typed-array hash) against a model with one `${kind}:${value}` Set; and feed build's
// single dedup pass and lean self-check against a model of the merge and the full validateFeedBytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCampaignFeed } from './feed-build';
import { validateFeedBytes } from '../../shared/campaign-feed/validate-feed';
import { parseFeed, parsePlainList } from '../../shared/indicator-formats';
import { isCommentLine, parsePlainLine, plainLineFast } from '../../shared/indicator-formats/lists';
import { canonicalIp, isCanonicalIpv4 } from '../../shared/net/ip';

const octet = fc.oneof(fc.nat(255), fc.constantFrom(0, 255, 256, 1000));
const v4Spelling = fc
  .tuple(octet, octet, octet, octet, fc.constantFrom('', '', '', 'lead', 'bracket', 'mapped', 'score', 'ws'))
  .map(([a, b, c, d, how]) => {
    const q = `${a}.${b}.${c}.${d}`;
    switch (how) {
      case 'lead':
        return `0${a}.${b}.${c}.${d}`;
      case 'bracket':
        return `[${q}]`;
      case 'mapped':
        return `::ffff:${q}`;
      case 'score':
        return `${q};90`;
      case 'ws':
        return ` ${q}\t`;
      default:
        return q;
    }
  });
const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,8}$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '', '.', '*.', 'x.'))
  .map(([labels, extra]) =>
    extra === '.' ? `${labels.join('.')}.` : `${extra === 'x.' ? '' : extra}${labels.join('.')}`,
  );
const odd = fc.string({
  unit: fc.constantFrom('1', '2', '0', '.', 'a', 'Z', '-', ':', '/', ' ', '#', ';', '*', 'đ', '_'),
  maxLength: 24,
});
/** IPv4 blocks, canonical or not: host bits set, prefixes past 32, leading zeros, spaces. */
const v4Block = fc
  .tuple(octet, octet, octet, octet, fc.nat(40), fc.constantFrom('', '', '0', ' '))
  .map(([a, b, c, d, p, how]) =>
    how === ' ' ? `${a}.${b}.${c}.${d} /${p}` : `${a}.${b}.${c}.${d}/${how}${p}`,
  );
/** IPv6 addresses, canonical or not: upper case, leading zeros, uncompressed, "::" anywhere. */
const v6Spelling = fc
  .tuple(
    fc.array(fc.oneof(fc.constant(0), fc.nat(0xffff)), { minLength: 8, maxLength: 8 }),
    fc.constantFrom('full', 'canon', 'upper', 'lead', 'short'),
  )
  .map(([words, how]) => {
    const hex = words.map((w) => w.toString(16));
    if (how === 'full') return hex.join(':');
    if (how === 'lead') return words.map((w) => w.toString(16).padStart(4, '0')).join(':');
    if (how === 'short') return `${hex.slice(0, 2).join(':')}::${hex.slice(5).join(':')}`;
    const c = canonicalIp(hex.join(':')) ?? '::';
    return how === 'upper' ? c.toUpperCase() : c;
  });
const line = fc.oneof(
  { weight: 4, arbitrary: v4Spelling },
  { weight: 3, arbitrary: v6Spelling },
  { weight: 3, arbitrary: v4Block },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.nat(255), fc.nat(255), fc.nat(32))
      .map(([a, b, p]) => `${a}.${b}.0.0/${Math.min(p, 16)}`),
  },
  { weight: 4, arbitrary: domain },
  {
    weight: 1,
    arbitrary: fc.constantFrom('2001:db8::1', '10.0.0.0/8', '# comment', '', 'http://evil.example/a'),
  },
  { weight: 2, arbitrary: odd },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((q) => q.join('.')),
  },
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,10}\.[a-z0-9-]{1,10}\.[a-z]{2,6}$/) },
);

describe('plain list fast path', () => {
  it('isCanonicalIpv4 is exactly "canonicalIp gives the text back" for dotted quads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          v4Spelling,
          fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.'), maxLength: 18 }),
        ),
        (text) => {
          expect(isCanonicalIpv4(text)).toBe(!text.includes(':') && canonicalIp(text) === text);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('accepts a line only when parsePlainLine reads it as the same kind and the line itself', () => {
    let accepted = 0;
    fc.assert(
      fc.property(line, (l) => {
        const fast = plainLineFast(l);
        if (fast === null) return;
        accepted++;
        expect(isCommentLine(l)).toBe(false);
        const slow = parsePlainLine(l);
        expect('ok' in slow && { kind: slow.ok.kind, value: slow.ok.value }).toEqual({
          kind: fast,
          value: l,
        });
      }),
      { numRuns: 5_000 },
    );
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('keeps each distinct canonical indicator once, first line wins, the rest counted as skipped', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const got = parsePlainList(lines.join(eol), 'list.txt');
        // The model: the slow reader of each line and one Set of kind:value keys.
        const seen = new Set<string>();
        const want: { kind: string; value: string; line: number }[] = [];
        let skipped = 0;
        lines.forEach((l, i) => {
          if (isCommentLine(l)) return;
          const p = parsePlainLine(l);
          if (!('ok' in p)) return;
          const key = `${p.ok.kind}:${p.ok.value}`;
          if (seen.has(key)) skipped++;
          else {
            seen.add(key);
            want.push({ kind: p.ok.kind, value: p.ok.value, line: i + 1 });
          }
        });
        const mine = got.indicators
          .filter((x) => x.fromUrl === undefined)
          .map((x) => ({ kind: x.kind, value: x.value, line: x.line }));
        expect(mine).toEqual(want);
        expect(got.skipped).toBe(skipped);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('feed build: one dedup pass, lean self-check', () => {
  it('merges files as the one-Set model does and writes a feed every reader accepts', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 40 }), { minLength: 1, maxLength: 4 }), (files) => {
        const inputs = files.map((lines, i) => ({
          file: `f${i}.txt`,
          bytes: new TextEncoder().encode(`# list ${i}\n${lines.join('\n')}\n`),
        }));
        let out;
        try {
          out = buildCampaignFeed(inputs, { now, allowBroad: true });
        } catch (e) {
          // A file that is not a feed at all (only comments or junk) is refused, as before.
          expect(String(e)).toMatch(/f\d\.txt/);
          return;
        }
        const seen = new Set<string>();
        const want: { type: string; value: string }[] = [];
        let duplicates = 0;
        for (const input of inputs)
          for (const p of parseFeed(input.bytes, input.file).indicators) {
            const key = `${p.kind}:${p.value}`;
            if (seen.has(key)) duplicates++;
            else {
              seen.add(key);
              want.push({ type: p.kind, value: p.value });
            }
          }
        expect(out.feed.indicators.map((i) => ({ type: i.type, value: i.value }))).toEqual(want);
        expect(out.duplicates).toBe(duplicates);
        const full = validateFeedBytes(out.text, 'built');
        expect(full.ok).toBe(true);
        if (full.ok) expect(full.feed).toEqual(out.feed);
      }),
      { numRuns: 400 },
    );
  });
});
