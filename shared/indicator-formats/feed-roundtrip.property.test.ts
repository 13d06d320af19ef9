// Round-trip properties (issue 19): generate indicators, print them the way each list format
// writes them (comments, blank lines, Loki scores, trailing comments, several names a hosts line,
// CRLF), parse, and compare with what was generated: every indicator back, on its own line, once.
// Unlike the shape checks of feed-parsers.property.test.ts these fail when a parser drops, invents
// or moves an indicator.
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { describe, expect, it } from 'vitest';
import { parseCampaignJson, parseFeed, parseHostsList, parsePlainList } from '.';

// Fewer runs under mutation testing (scripts/mutation.mjs sets MUTATION_TESTS), where each mutant
// reruns this file.
// PROPERTY_RUNS (set in the module's env) caps them further.
const RUNS = propertyRuns(process.env.MUTATION_TESTS ? 100 : 1_000);

type Ioc = { kind: 'ip' | 'cidr' | 'domain'; value: string };

const octet = fc.integer({ min: 1, max: 254 });
const ipv4 = fc.tuple(octet, fc.nat(255), fc.nat(255), octet).map((p) => p.join('.'));
// A CIDR block between /8 and /31, written as its network address (the canonical form).
const cidr = fc
  .tuple(
    fc.integer({ min: 1, max: 223 }),
    fc.nat(255),
    fc.nat(255),
    fc.nat(255),
    fc.integer({ min: 8, max: 31 }),
  )
  .map(([a, b, c, d, len]) => {
    const n = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const net = (n & mask) >>> 0;
    return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`;
  });
// A DNS label: a letter, then alphanumeric runs joined by single hyphens (never "xn--", which is punycode).
const label = fc
  .tuple(fc.stringMatching(/^[a-z]$/), fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { maxLength: 3 }))
  .map(([first, runs]) => first + runs.join('-'));
const domain = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('example', 'vn', 'net', 'org', 'info'),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));
const ioc: fc.Arbitrary<Ioc> = fc.oneof(
  ipv4.map((value) => ({ kind: 'ip' as const, value })),
  cidr.map((value) => ({ kind: 'cidr' as const, value })),
  domain.map((value) => ({ kind: 'domain' as const, value })),
);
const noise = fc.constantFrom('', '   ', '# comment 203.0.113.9', '// evil.example', '; header', '! adblock');
const eol = fc.constantFrom('\n', '\r\n');

/** Expected indicators: first occurrence of each kind:value, with its 1-based line. */
function firstOf(lines: { ioc?: Ioc; line: number }[]): { kind: string; value: string; line: number }[] {
  const seen = new Set<string>();
  const out: { kind: string; value: string; line: number }[] = [];
  for (const l of lines) {
    if (!l.ioc) continue;
    const key = `${l.ioc.kind}:${l.ioc.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...l.ioc, line: l.line });
  }
  return out;
}
const brief = (r: { indicators: { kind: string; value: string; line: number }[] }) =>
  r.indicators.map((i) => ({ kind: i.kind, value: i.value, line: i.line }));

describe('plain lists round-trip', () => {
  it('gives back every generated IP, CIDR and domain, with its line, once (Loki scores, comments, CRLF)', () => {
    const entry = fc.record({
      ioc,
      upper: fc.boolean(),
      score: fc.option(fc.integer({ min: 0, max: 100 })),
      comment: fc.option(fc.constantFrom('C2 beacon', 'Emotet', 'bot net')),
      pad: fc.constantFrom('', ' ', '\t'),
      noiseBefore: fc.option(noise),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), eol, (entries, nl) => {
        const lines: { text: string; ioc?: Ioc; line: number }[] = [];
        for (const e of entries) {
          if (e.noiseBefore !== null) lines.push({ text: e.noiseBefore, line: lines.length + 1 });
          let text = e.upper && e.ioc.kind === 'domain' ? e.ioc.value.toUpperCase() : e.ioc.value;
          if (e.score !== null) text += `;${e.score}`;
          if (e.comment !== null) text += ` # ${e.comment}`;
          lines.push({ text: e.pad + text + e.pad, ioc: e.ioc, line: lines.length + 1 });
        }
        const file = lines.map((l) => l.text).join(nl) + nl;
        const r = parsePlainList(file, 'c2-iocs.txt');
        expect(r.errors).toEqual([]);
        expect(brief(r)).toEqual(firstOf(lines));
        // Detected as a plain list too, with the same indicators.
        const detected = parseFeed(new TextEncoder().encode(file), 'c2-iocs.txt');
        expect(brief(detected)).toEqual(firstOf(lines));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('hosts-file blocklists round-trip', () => {
  it('gives back every name of every line, never the sinkhole address', () => {
    const row = fc.record({
      sink: fc.constantFrom('0.0.0.0', '127.0.0.1', '::1', '::'),
      names: fc.array(domain, { minLength: 1, maxLength: 4 }),
      sep: fc.constantFrom(' ', '\t', '  '),
      comment: fc.option(fc.constantFrom('malware', 'ads')),
      noiseBefore: fc.option(noise),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), eol, (rows, nl) => {
        const lines: { text: string; iocs: Ioc[]; line: number }[] = [];
        for (const r of rows) {
          if (r.noiseBefore !== null) lines.push({ text: r.noiseBefore, iocs: [], line: lines.length + 1 });
          const text = [r.sink, ...r.names].join(r.sep) + (r.comment === null ? '' : ` # ${r.comment}`);
          const iocs = r.names.map((value) => ({ kind: 'domain' as const, value }));
          lines.push({ text, iocs, line: lines.length + 1 });
        }
        const r = parseHostsList(lines.map((l) => l.text).join(nl), 'hosts.txt');
        expect(r.errors).toEqual([]);
        const flat = lines.flatMap((l) => l.iocs.map((i) => ({ ioc: i, line: l.line })));
        expect(brief(r)).toEqual(firstOf(flat));
        expect(r.indicators.some((i) => i.kind !== 'domain')).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('campaign feed JSON round-trip', () => {
  it('gives back every IP, CIDR and domain indicator, each on the line of its value', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(ioc, { minLength: 1, maxLength: 40, selector: (i) => `${i.kind}:${i.value}` }),
        (iocs) => {
          const doc = {
            format: 'sachmadoc-campaign-feed',
            schemaVersion: 1,
            campaignId: 'cd-2026',
            version: 7,
            indicators: iocs.map((i, n) => ({
              id: `ioc-${n}`,
              type: i.kind,
              value: i.value,
              severity: 'high',
            })),
          };
          const text = JSON.stringify(doc, null, 2);
          const r = parseCampaignJson(text, 'feed.json');
          expect(r.errors).toEqual([]);
          const lines = text.split('\n');
          expect(brief(r)).toEqual(
            iocs.map((i) => ({
              ...i,
              line: lines.findIndex((l) => l.includes(`"value": "${i.value}"`)) + 1,
            })),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
