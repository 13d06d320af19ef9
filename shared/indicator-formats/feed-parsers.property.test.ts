// Property tests (issue 3): every feed parser, on 10,000 random and mutated inputs each, throws
// nothing but ParseError, and parseFeed throws nothing at all. Whatever comes back must still be
// sound: canonical values, no duplicates, lines inside the file, errors that name the file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharedPlatformOf } from '../indicators/shared-platforms';
import { canonicalUrl } from '../net/url';
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { describe, it } from 'vitest';
import { ParseError } from '../errors';
import {
  decodeFeed,
  parseCampaignJson,
  parseFeed,
  parseFeodoCsv,
  parseHostsList,
  parseMispJson,
  parsePlainList,
  parseStixBundle,
  parseThreatfoxCsv,
  parseUrlhausCsv,
  type FeedParseResult,
  type FormatParser,
} from '.';
import { canonicalCidr, canonicalIp } from '../net/ip';
import { canonicalDomain } from '../net/domain';

// Fewer runs under mutation testing (scripts/mutation.mjs sets MUTATION_TESTS), where each mutant
// reruns this file.
// PROPERTY_RUNS (set in the module's env) caps them further.
const RUNS = propertyRuns(process.env.MUTATION_TESTS ? 100 : 10_000);
const dir = fileURLToPath(new URL('../../test/fixtures/feeds/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => !f.endsWith('.md'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(dir + f)));

const utf8 = new TextDecoder('utf-8');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

type Mutation =
  | { k: 'flip'; at: number; byte: number }
  | { k: 'truncate'; at: number }
  | { k: 'insert'; at: number; text: string }
  | { k: 'shuffle'; keys: number[] }
  | { k: 'dup'; at: number }
  | { k: 'drop'; at: number };

const position = fc.nat({ max: 1 << 20 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('truncate' as const), at: position }),
  fc.record({
    k: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(
      fc.string(),
      fc.constantFrom('"', "'", ']', '[', '{', '}', ',', '\n', '|', ':', '\\', '#', ';'),
    ),
  }),
  fc.record({
    k: fc.constant('shuffle' as const),
    keys: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
  }),
  fc.record({ k: fc.constant('dup' as const), at: position }),
  fc.record({ k: fc.constant('drop' as const), at: position }),
);

function splitLinesBytes(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, Math.min(i + 1, bytes.length)));
      start = i + 1;
    }
  }
  return lines;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  switch (m.k) {
    case 'flip': {
      if (n === 0) return input;
      const out = input.slice();
      out[m.at % n] = m.byte;
      return out;
    }
    case 'truncate':
      return input.slice(0, n === 0 ? 0 : m.at % n);
    case 'insert': {
      const at = n === 0 ? 0 : m.at % n;
      return concat([input.subarray(0, at), encode(m.text), input.subarray(at)]);
    }
    case 'shuffle': {
      const lines = splitLinesBytes(input);
      const order = lines.map((_, i) => ({ i, key: m.keys[i % m.keys.length] * 31 + i }));
      order.sort((a, b) => a.key - b.key);
      return concat(order.map((o) => lines[o.i]));
    }
    case 'dup':
    case 'drop': {
      const lines = splitLinesBytes(input);
      const at = m.at % lines.length;
      if (m.k === 'dup') lines.splice(at, 0, lines[at]);
      else lines.splice(at, 1);
      return concat(lines);
    }
  }
}

const mutatedFixture = fc
  .tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([bytes, ms]) => ms.reduce(mutate, bytes));

const patternPiece = fc.constantFrom(
  '[',
  ']',
  'ipv4-addr:value',
  'ipv6-addr:value',
  'domain-name:value',
  'url:value',
  'network-traffic:dst_ref.value',
  'domain-name:resolves_to_refs[*].value',
  ' = ',
  ' != ',
  ' NOT ',
  ' IN ',
  ' ISSUBSET ',
  ' LIKE ',
  ' OR ',
  ' AND ',
  "'203.0.113.9'",
  "'evil.example'",
  "'2001:db8::1'",
  "'198.51.100.0/24'",
  "'http://x.example:8080/'",
  "('a.example', '10.0.0.1')",
  "'\\''",
  "'",
  '(',
  ')',
  '\\',
);
const pattern = fc.array(patternPiece, { maxLength: 12 }).map((p) => p.join(''));
const anyJson = fc.jsonValue({ maxDepth: 3 });
const stixDoc = fc
  .record({
    type: fc.constantFrom('bundle', 'indicator', 'ipv4-addr'),
    objects: fc.array(
      fc.record(
        {
          type: fc.constantFrom('indicator', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'malware'),
          id: fc.constantFrom('indicator--1', 'ipv4-addr--2', 'x'),
          pattern: fc.oneof(pattern, anyJson),
          pattern_type: fc.constantFrom('stix', 'sigma', 'STIX'),
          value: fc.oneof(
            fc.constantFrom('203.0.113.9', 'Evil.Example', 'http://[::1]/', '::ffff:1.2.3.4'),
            anyJson,
          ),
          revoked: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 6 },
    ),
  })
  .map((d) => JSON.stringify(d, null, 1));
const mispAttr = fc.record(
  {
    type: fc.constantFrom(
      'ip-dst',
      'ip-src',
      'domain',
      'hostname',
      'domain|ip',
      'ip-dst|port',
      'hostname|port',
      'url',
      'md5',
    ),
    value: fc.oneof(
      fc.constantFrom(
        '203.0.113.9',
        'a.example|203.0.113.1',
        '203.0.113.2|443',
        'https://b.example/x',
        '|',
        'x|',
      ),
      anyJson,
    ),
    to_ids: fc.oneof(fc.boolean(), anyJson),
    uuid: fc.oneof(fc.uuid(), anyJson),
    deleted: fc.boolean(),
  },
  { requiredKeys: [] },
);
const mispDoc = fc
  .oneof(
    fc.record({
      Event: fc.record({ Attribute: fc.array(mispAttr), threat_level_id: anyJson }, { requiredKeys: [] }),
    }),
    fc.array(
      fc.record({ Event: fc.record({ Object: fc.array(fc.record({ Attribute: fc.array(mispAttr) })) }) }),
    ),
    fc.record({ response: fc.array(fc.record({ Event: fc.record({ Attribute: anyJson }) })) }),
    fc.dictionary(fc.uuid(), fc.record({ info: fc.string() })),
  )
  .map((d) => JSON.stringify(d));
const campaignDoc = fc
  .record({
    format: fc.constant('sachmadoc-campaign-feed'),
    indicators: fc.oneof(
      fc.array(
        fc.record(
          { type: fc.constantFrom('ip', 'cidr', 'domain', 'url', 'x'), value: anyJson, severity: anyJson },
          { requiredKeys: [] },
        ),
      ),
      anyJson,
    ),
  })
  .map((d) => JSON.stringify(d));

/** Text as Windows tools write it: UTF-16LE with a byte-order mark. */
function utf16leWithBom(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** Random text of every flavour, as bytes: noise, fixtures mutated, random and structured JSON. */
const anyInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ unit: 'binary', maxLength: 300 }).map(encode),
  fc
    .array(
      fc.constantFrom('203.0.113.9', '0.0.0.0 a.example', '"1","2"', '#', ';90', ' ', '\t', '\r\n', 'x'),
      { maxLength: 30 },
    )
    .map((a) => encode(a.join(''))),
  mutatedFixture,
  mutatedFixture,
  mutatedFixture.map((bytes) => utf16leWithBom(utf8.decode(bytes))),
  fc.json().map(encode),
  stixDoc.map(encode),
  mispDoc.map(encode),
  campaignDoc.map(encode),
);

/** Plain checks rather than expect(): they run for every indicator of 90,000 results. */
function check(ok: boolean, what: string, data: unknown): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(data)}`);
}

function assertSound(result: FeedParseResult, file: string, lineCount: number): void {
  const seen = new Set<string>();
  for (const i of result.indicators) {
    const canonical =
      i.kind === 'ip'
        ? canonicalIp(i.value)
        : i.kind === 'cidr'
          ? canonicalCidr(i.value)
          : i.kind === 'url'
            ? canonicalUrl(i.value)
            : canonicalDomain(i.value);
    check(canonical === i.value, 'value not canonical', i);
    if (i.fromUrl !== undefined) {
      // A host derived from a URL: the URL itself is listed, and the host is never a shared platform.
      check(i.kind === 'ip' || i.kind === 'domain', 'derived from a URL but not an address or domain', i);
      check(
        result.indicators.some((u) => u.kind === 'url' && u.value === i.fromUrl),
        'derived from a URL that is not listed',
        i,
      );
      check(i.kind === 'ip' || sharedPlatformOf(i.value) === null, 'shared platform derived', i);
    }
    check(!seen.has(`${i.kind}:${i.value}`), 'duplicate indicator', i);
    seen.add(`${i.kind}:${i.value}`);
    check(Number.isInteger(i.line) && i.line >= 1 && i.line <= lineCount, `line outside 1..${lineCount}`, i);
    check(
      i.port === undefined || (Number.isInteger(i.port) && i.port >= 0 && i.port <= 65535),
      'bad port',
      i,
    );
  }
  for (const e of result.errors) {
    check(e.file === file, 'error names another file', e);
    check(Number.isInteger(e.line) && e.line >= 1, 'error line below 1', e);
    check(e.message.length > 0, 'empty error message', e);
  }
  check(result.skipped >= 0, 'negative skipped', result.skipped);
}

function lineCountOf(text: string): number {
  return text.split(/\r\n|\n|\r/).length;
}

const FORMAT_PARSERS: [string, FormatParser][] = [
  ['parsePlainList', (text, file) => parsePlainList(text, file)],
  ['parseHostsList', (text, file) => parseHostsList(text, file)],
  ['parseFeodoCsv', parseFeodoCsv],
  ['parseUrlhausCsv', parseUrlhausCsv],
  ['parseThreatfoxCsv', parseThreatfoxCsv],
  ['parseStixBundle', parseStixBundle],
  ['parseMispJson', parseMispJson],
  ['parseCampaignJson', parseCampaignJson],
];

describe('feed parsers on random and mutated input', () => {
  it('parseFeed throws nothing and never hides an internal error', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const result = parseFeed(bytes, 'fuzz.txt');
        check(
          !result.errors.some((e) => e.message.includes('internal error')),
          'internal error',
          result.errors,
        );
        assertSound(result, 'fuzz.txt', lineCountOf(decodeFeed(bytes).text));
        if (result.format === 'unknown')
          check(result.errors.length === 1, 'unknown needs one error', result.errors);
      }),
      { numRuns: RUNS },
    );
  });

  for (const [name, parse] of FORMAT_PARSERS) {
    it(`${name} throws nothing but ParseError`, () => {
      fc.assert(
        fc.property(anyInput, (bytes) => {
          const text = utf8.decode(bytes);
          let result: FeedParseResult;
          try {
            result = parse(text, 'fuzz.txt');
          } catch (e) {
            if (!(e instanceof ParseError)) throw e;
            check(e.line >= 1, 'ParseError line below 1', e.line);
            return;
          }
          assertSound(result, 'fuzz.txt', lineCountOf(text));
        }),
        { numRuns: RUNS },
      );
    });
  }
});
