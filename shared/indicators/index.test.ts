import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import type { AllowEntry } from './index';
import { IndicatorIndex } from './index';
import { LinearIndicatorIndex } from '../../test/support/linear-index';
import { propertyRuns } from '../../test/support/property-runs';
import { NameQuery } from './domain-table';
import { canonicalDomain } from '../net/domain';

// A fifth of the runs under mutation testing (scripts/mutation.mjs sets MUTATION_TESTS), where each
// mutant reruns these properties.
// PROPERTY_RUNS (set in the module's env) caps them further.
const runs = (n: number) => propertyRuns(process.env.MUTATION_TESTS ? Math.ceil(n / 5) : n);

function ind(value: string, extra: Partial<Indicator> = {}): Indicator {
  const kind =
    /^[\d.]+$|:/.test(value) && !value.includes('/') ? 'ip' : value.includes('/') ? 'cidr' : 'domain';
  return { id: `${kind}:${value}`, kind, value, source: 'campaign-test', ...extra };
}

const feed = [
  ind('203.0.113.9', { severity: 'high' }),
  ind('198.51.100.0/24'),
  ind('198.51.100.128/25', { id: 'feed-42', comment: 'C2 nhóm 2' }),
  ind('10.0.0.0/8'),
  ind('127.0.0.1'),
  ind('2001:db8::/32'),
  ind('2001:db8:1::/48'),
  ind('2001:db8::dead:beef'),
  ind('evil.example'),
  ind('b.evil.example', { severity: 'critical' }),
  ind('xn--bcher-kva.example'),
];

describe('IndicatorIndex.matchAddress', () => {
  const index = IndicatorIndex.build(feed);

  it('finds an exact IPv4 address with its metadata', () => {
    expect(index.matchAddress('203.0.113.9')).toEqual({
      id: 'ip:203.0.113.9',
      kind: 'ip',
      value: '203.0.113.9',
      source: 'campaign-test',
      severity: 'high',
    });
  });

  it("keeps the feed's own id and comment of an exact address", () => {
    const own = IndicatorIndex.build([
      ind('192.0.2.77', { id: 'indicator--c2-77', comment: 'Máy chủ điều khiển' }),
    ]);
    expect(own.matchAddress('::ffff:192.0.2.77')).toEqual({
      id: 'indicator--c2-77',
      kind: 'ip',
      value: '192.0.2.77',
      source: 'campaign-test',
      comment: 'Máy chủ điều khiển',
    });
  });

  it('folds mapped and compatible IPv6 forms to the IPv4 indicator', () => {
    for (const form of ['::ffff:203.0.113.9', '[::FFFF:CB00:7109]', '::203.0.113.9', ' 203.0.113.9 ']) {
      expect(index.matchAddress(form)?.value, form).toBe('203.0.113.9');
    }
  });

  it('takes the longest block that contains the address', () => {
    expect(index.matchAddress('198.51.100.7')?.value).toBe('198.51.100.0/24');
    const inner = index.matchAddress('::ffff:198.51.100.200');
    expect(inner).toMatchObject({
      id: 'feed-42',
      kind: 'cidr',
      value: '198.51.100.128/25',
      comment: 'C2 nhóm 2',
    });
    expect(index.matchAddress('198.51.101.1')).toBeNull();
  });

  it('does not exempt loopback or private addresses', () => {
    expect(index.matchAddress('127.0.0.1')?.value).toBe('127.0.0.1');
    expect(index.matchAddress('::ffff:127.0.0.1')?.value).toBe('127.0.0.1');
    expect(index.matchAddress('10.200.3.4')?.value).toBe('10.0.0.0/8');
    expect(index.matchAddress('127.0.0.2')).toBeNull();
  });

  it('matches IPv6 in every textual form, exact first then longest block', () => {
    expect(index.matchAddress('2001:DB8:0:0:0:0:DEAD:BEEF')?.kind).toBe('ip');
    expect(index.matchAddress('[2001:db8::dead:beef%12]')?.value).toBe('2001:db8::dead:beef');
    expect(index.matchAddress('2001:db8:1:ffff::1')?.value).toBe('2001:db8:1::/48');
    expect(index.matchAddress('2001:db8:2::1')?.value).toBe('2001:db8::/32');
    expect(index.matchAddress('2001:db9::1')).toBeNull();
    expect(index.matchAddress('::1')).toBeNull();
  });

  it('returns null for what is not an address', () => {
    for (const x of ['', '*', '*:*', 'evil.example', '203.0.113.9:443', '1.2.3'])
      expect(index.matchAddress(x), x).toBeNull();
  });
});

describe('IndicatorIndex.matchDomain', () => {
  const index = IndicatorIndex.build(feed);

  it('matches the domain and every subdomain, case-insensitive, trailing dot ignored', () => {
    expect(index.matchDomain('evil.example')?.value).toBe('evil.example');
    expect(index.matchDomain('A.EVIL.Example.')?.value).toBe('evil.example');
    expect(index.matchDomain('x.y.z.evil.example')?.value).toBe('evil.example');
    expect(index.matchDomain('notevil.example')).toBeNull();
    expect(index.matchDomain('evil.example.com')).toBeNull();
    expect(index.matchDomain('example')).toBeNull();
  });

  it('prefers the most specific listed domain', () => {
    expect(index.matchDomain('a.b.evil.example')).toMatchObject({
      value: 'b.evil.example',
      severity: 'critical',
    });
  });

  it('compares IDN in punycode', () => {
    expect(index.matchDomain('cdn.BÜCHER.example')?.value).toBe('xn--bcher-kva.example');
  });

  it('match() dispatches on the text', () => {
    expect(index.match('::ffff:203.0.113.9')?.value).toBe('203.0.113.9');
    expect(index.match('a.evil.example')?.value).toBe('evil.example');
  });
});

describe('allow-list', () => {
  const allow: AllowEntry[] = [
    { type: 'ip', value: '198.51.100.7' },
    { type: 'cidr', value: '10.1.0.0/16' },
    { type: 'domain', value: 'good.evil.example' },
    { type: 'ip', value: '2001:db8::dead:beef' },
  ];
  const index = IndicatorIndex.build(feed, allow);

  it('wins over exact indicators, blocks and domains', () => {
    expect(index.matchAddress('198.51.100.7')).toBeNull();
    expect(index.matchAddress('::ffff:198.51.100.7')).toBeNull();
    expect(index.matchAddress('198.51.100.8')?.value).toBe('198.51.100.0/24');
    expect(index.matchAddress('10.1.2.3')).toBeNull();
    expect(index.matchAddress('10.2.2.3')?.value).toBe('10.0.0.0/8');
    expect(index.matchAddress('2001:db8::dead:beef')).toBeNull();
    expect(index.matchDomain('good.evil.example')).toBeNull();
    expect(index.matchDomain('cdn.good.evil.example')).toBeNull();
    expect(index.matchDomain('bad.evil.example')?.value).toBe('evil.example');
    expect(index.stats.allowed).toBe(4);
  });
});

describe('stats', () => {
  it('counts kinds, duplicates, rejects and sources', () => {
    const index = IndicatorIndex.build([
      ...feed,
      ind('203.0.113.9', { source: 'other' }),
      ind('::ffff:203.0.113.9', { source: 'other' }),
      ind('198.51.100.99/24', { source: 'other' }),
      ind('EVIL.example.', { source: 'other' }),
      ind('not a value'),
    ]);
    expect(index.stats).toMatchObject({
      ipv4: 2,
      ipv6: 1,
      cidr4: 3,
      cidr6: 2,
      domains: 3,
      duplicates: 4,
      rejected: 1,
    });
    expect(index.stats.rejectedSamples).toEqual(['not a value']);
    expect(index.stats.sources).toEqual(['campaign-test', 'other']);
    expect(index.size).toBe(11);
    // The first of two equal indicators is the one kept.
    expect(index.matchAddress('198.51.100.1')?.source).toBe('campaign-test');
  });

  it("keeps each indicator's own source and severity with hundreds of feeds", () => {
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    const many = Array.from({ length: 600 }, (_, i) =>
      ind(`192.0.${i >> 8}.${i & 255}`, { source: `feed-${i % 300}`, severity: severities[i % 4] }),
    );
    const index = IndicatorIndex.build(many);
    expect(index.stats.sources).toHaveLength(300);
    for (const i of [0, 255, 256, 299, 300, 599]) {
      expect(index.matchAddress(`192.0.${i >> 8}.${i & 255}`)).toMatchObject({
        source: `feed-${i % 300}`,
        severity: severities[i % 4],
      });
    }
  });

  it('accepts an empty feed', () => {
    const index = IndicatorIndex.build([]);
    expect(index.size).toBe(0);
    expect(index.matchAddress('0.0.0.0')).toBeNull();
    expect(index.matchDomain('example')).toBeNull();
  });

  it('consumes a generator once', () => {
    function* gen(): Generator<Indicator> {
      for (let i = 0; i < 1000; i++) yield ind(`192.0.2.${i % 256}`);
    }
    const index = IndicatorIndex.build(gen());
    expect(index.stats.ipv4).toBe(256);
    expect(index.stats.duplicates).toBe(744);
  });
});

// Small value spaces so that random addresses often hit random indicators and blocks nest.
const octet = fc.constantFrom(0, 0, 1, 128, 255);
const v4Arb = fc.tuple(fc.constantFrom(10, 198), octet, octet, octet).map((o) => o.join('.'));
const v6Arb = fc
  .tuple(
    fc.constantFrom('2001:db8', 'fe80', '0'),
    fc.constantFrom('0', '1', 'ffff'),
    fc.constantFrom('0', '1', 'beef'),
  )
  .map(([a, b, c]) => `${a}:${b}::${c}`);
const cidr4Arb = fc
  .tuple(v4Arb, fc.oneof(fc.constantFrom(0, 8, 16, 24, 32), fc.integer({ min: 0, max: 32 })))
  .map(([a, p]) => `${a}/${p}`);
const cidr6Arb = fc
  .tuple(v6Arb, fc.constantFrom(0, 16, 32, 48, 64, 100, 127, 128))
  .map(([a, p]) => `${a}/${p}`);
const labelArb = fc.constantFrom('a', 'b', 'evil', 'xn--bcher-kva', 'cdn');
const domainArb = fc.array(labelArb, { minLength: 1, maxLength: 3 }).map((l) => `${l.join('.')}.example`);
const valueArb = fc.oneof(v4Arb, v6Arb, cidr4Arb, cidr6Arb, domainArb);
const indicatorArb = fc.record({
  value: valueArb,
  source: fc.constantFrom('f1', 'f2'),
  severity: fc.constantFrom(undefined, 'low', 'critical'),
  id: fc.option(fc.constantFrom('x-1', 'x-2'), { nil: undefined }),
});
const addressArb = fc.oneof(
  v4Arb,
  v6Arb,
  v4Arb.map((a) => `::ffff:${a}`),
  v6Arb.map((a) => `[${a.toUpperCase()}%3]`),
);
const nameArb = fc.oneof(
  domainArb,
  domainArb.map((d) => `${d.toUpperCase()}.`),
  domainArb.map((d) => `z.${d}`),
);

function toIndicator(r: {
  value: string;
  source: string;
  severity: Indicator['severity'];
  id: string | undefined;
}): Indicator {
  const base = ind(r.value, { source: r.source });
  const out: Indicator = { ...base, id: r.id ?? base.id };
  if (r.severity) out.severity = r.severity;
  return out;
}

describe('property: the index answers like a linear scan', () => {
  it('for addresses and names, with and without an allow-list', () => {
    fc.assert(
      fc.property(
        fc.array(indicatorArb, { maxLength: 40 }),
        fc.array(fc.oneof(v4Arb, cidr4Arb, v6Arb, cidr6Arb, domainArb), { maxLength: 4 }),
        fc.array(addressArb, { minLength: 1, maxLength: 20 }),
        fc.array(nameArb, { minLength: 1, maxLength: 10 }),
        (raw, allowValues, addrs, names) => {
          const indicators = raw.map(toIndicator);
          const allow: AllowEntry[] = allowValues.map((value) => ({ type: 'ip', value }));
          const fast = IndicatorIndex.build(indicators, allow);
          const slow = new LinearIndicatorIndex(indicators, allow);
          for (const a of addrs) expect(fast.matchAddress(a), a).toEqual(slow.matchAddress(a));
          for (const n of names) expect(fast.matchDomain(n), n).toEqual(slow.matchDomain(n));
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

// Names as DNS caches and logs spell them: case, white space, "*.", trailing dots, empty or
// over-long labels, all-digit last labels, IDN. matchDomain reads ASCII names in one pass without
// canonicalDomain; it must answer exactly as canonicalDomain + the suffix walk would.
const messyLabelArb = fc.oneof(
  labelArb,
  fc.constantFrom('EVIL', 'Cdn', '_ldap', '-x-', '123', '', 'a'.repeat(63), 'a'.repeat(64), 'bücher', 'ẞ'),
  fc.stringMatching(/^[a-zA-Z0-9_\-*]{0,6}$/),
);
const messyNameArb = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '*.', ' *.', '\u00a0'),
    fc.array(messyLabelArb, { minLength: 0, maxLength: 4 }),
    fc.constantFrom('example', 'EXAMPLE', 'vn', '42', ''),
    fc.constantFrom('', '.', '..', ' ', '.\r\n', '\u3002'),
  )
  .map(([pre, labels, tld, post]) => `${pre}${[...labels, tld].join('.')}${post}`);

describe('property: one-pass name reading answers like canonicalDomain', () => {
  it('NameQuery.read keeps exactly the canonical span, or refuses what canonicalDomain refuses', () => {
    fc.assert(
      fc.property(fc.oneof(messyNameArb, fc.string({ maxLength: 20 })), (text) => {
        const q = new NameQuery();
        const r = q.read(text);
        if (r === -1) return; // not ASCII: canonicalDomain itself is used
        const c = canonicalDomain(text);
        if (r === 0) expect(c, text).toBeNull();
        else expect(text.slice(q.start, q.end).toLowerCase(), text).toBe(c);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('matchDomain on messy spellings, with and without an allow-list', () => {
    fc.assert(
      fc.property(
        fc.array(indicatorArb, { maxLength: 30 }),
        fc.array(domainArb, { maxLength: 2 }),
        fc.array(messyNameArb, { minLength: 1, maxLength: 15 }),
        (raw, allowValues, names) => {
          const indicators = raw.map(toIndicator);
          const allow: AllowEntry[] = allowValues.map((value) => ({ type: 'domain', value }));
          const fast = IndicatorIndex.build(indicators, allow);
          const slow = new LinearIndicatorIndex(indicators, allow);
          for (const n of names) expect(fast.matchDomain(n), JSON.stringify(n)).toEqual(slow.matchDomain(n));
        },
      ),
      { numRuns: runs(500) },
    );
  });

  it('a listed name matches however it is spelt, and an upper-case allow-listed name stays allowed', () => {
    const index = IndicatorIndex.build(
      [ind('evil.example'), ind('ok.evil.example')],
      [{ type: 'domain', value: 'ok.evil.example' }],
    );
    for (const n of [
      'evil.example',
      ' EVIL.Example. ',
      '*.evil.example',
      'a.b.EVIL.EXAMPLE',
      '\tx.evil.example\r\n',
    ])
      expect(index.matchDomain(n)?.value, n).toBe('evil.example');
    for (const n of [
      'OK.EVIL.EXAMPLE',
      'a.ok.evil.example.',
      'evil.example.42',
      'xevil.example',
      'evil..example',
    ])
      expect(index.matchDomain(n), n).toBeNull();
  });
});
