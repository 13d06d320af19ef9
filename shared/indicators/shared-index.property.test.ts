// The log hunt's worker threads wrap the index that the main thread built (issue 16): its tables
// in SharedArrayBuffers, its strings packed. The wrapped index must answer every question exactly
// as the one it wraps (and as a linear scan), for every kind of indicator, allow-list and spelling;
// and the description must really share the memory, not copy it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import type { AllowEntry } from './index';
import { IndicatorIndex } from './index';
import { packStrings, unpackString } from './shared-memory';
import { LinearIndicatorIndex } from '../../test/support/linear-index';
import { propertyRuns } from '../../test/support/property-runs';

const labelArb = fc.constantFrom('a', 'b', 'evil', 'xn--bcher-kva', 'cdn', 'bücher');
const domainArb = fc.array(labelArb, { minLength: 1, maxLength: 3 }).map((l) => `${l.join('.')}.example`);
const octet = fc.constantFrom(0, 1, 128, 255);
const v4Arb = fc.tuple(fc.constantFrom(10, 198), octet, octet, octet).map((o) => o.join('.'));
const v6Arb = fc
  .tuple(fc.constantFrom('2001:db8', 'fd00:1'), fc.constantFrom('0', '1', 'ff'), fc.constantFrom('1', '2'))
  .map(([p, a, b]) => `${p}:${a}::${b}`);
const valueArb = fc.oneof(
  domainArb,
  v4Arb,
  v4Arb.map((a) => `${a}/24`),
  v4Arb.map((a) => `${a.replace(/\.\d+$/, '.0')}/30`),
  v6Arb,
  v6Arb.map((a) => `${a}/64`),
  v6Arb.map((a) => `${a}/16`),
  domainArb.map((d) => `https://${d}/path?q=1`),
);
const indicatorArb = fc.record({
  value: valueArb,
  source: fc.constantFrom('f1', 'f2', 'nguồn 3'),
  severity: fc.constantFrom(undefined, 'low', 'critical'),
  id: fc.option(fc.constantFrom('x-1', 'x-2'), { nil: undefined }),
  comment: fc.option(fc.constantFrom('C2', 'nhóm 2'), { nil: undefined }),
});
const allowArb = fc.oneof(
  domainArb.map((value): AllowEntry => ({ type: 'domain', value })),
  v4Arb.map((value): AllowEntry => ({ type: 'ip', value })),
  v6Arb.map((value): AllowEntry => ({ type: 'cidr', value: `${value}/64` })),
);
const queryArb = fc.oneof(
  domainArb,
  domainArb.map((d) => `${d.toUpperCase()}.`),
  domainArb.map((d) => `z.${d}`),
  v4Arb,
  v4Arb.map((a) => `::ffff:${a}`),
  v6Arb,
  v6Arb.map((a) => `${a.slice(0, -1)}9`),
  domainArb.map((d) => `HTTPS://${d}/path?q=1#frag`),
  fc.string({ maxLength: 12 }),
);

function toIndicator(r: {
  value: string;
  source: string;
  severity: Indicator['severity'];
  id: string | undefined;
  comment: string | undefined;
}): Indicator {
  const kind: Indicator['kind'] = r.value.startsWith('https://')
    ? 'url'
    : r.value.includes('/')
      ? 'cidr'
      : /^[\d.]+$/.test(r.value) || r.value.includes(':')
        ? 'ip'
        : 'domain';
  const out: Indicator = { id: r.id ?? `${kind}:${r.value}`, kind, value: r.value, source: r.source };
  if (r.severity) out.severity = r.severity;
  if (r.comment) out.comment = r.comment;
  return out;
}

/** What a worker gets: the description through structured clone, as workerData carries it. */
function wrapped(index: IndicatorIndex): IndicatorIndex {
  return IndicatorIndex.fromShared(structuredClone(index.share()));
}

describe('property: an index wrapped from shared memory answers as the one it wraps', () => {
  it('same matchAddress, matchDomain, lookupDomainId, matchUrl, match, mayMatchV4 and stats', () => {
    fc.assert(
      fc.property(
        fc.array(indicatorArb, { maxLength: 40 }),
        fc.array(allowArb, { maxLength: 3 }),
        fc.array(queryArb, { minLength: 1, maxLength: 20 }),
        (raw, allow, queries) => {
          const indicators = raw.map(toIndicator);
          const built = IndicatorIndex.build(indicators, allow);
          const before = queries.map((q) => [built.matchAddress(q), built.matchDomain(q), built.matchUrl(q)]);
          const shared = wrapped(built);
          const slow = new LinearIndicatorIndex(indicators, allow);
          expect(shared.stats).toEqual(built.stats);
          expect(shared.size).toBe(built.size);
          queries.forEach((q, i) => {
            const label = JSON.stringify(q);
            // The built index answers as before it was moved into shared memory.
            expect([built.matchAddress(q), built.matchDomain(q), built.matchUrl(q)], label).toEqual(
              before[i],
            );
            expect(shared.matchAddress(q), label).toEqual(built.matchAddress(q));
            expect(shared.matchDomain(q), label).toEqual(built.matchDomain(q));
            expect(shared.matchDomain(q), label).toEqual(slow.matchDomain(q));
            expect(shared.matchAddress(q), label).toEqual(slow.matchAddress(q));
            expect(shared.matchUrl(q), label).toEqual(built.matchUrl(q));
            expect(shared.match(q), label).toEqual(built.match(q));
            const id = shared.lookupDomainId(q);
            expect(id, label).toBe(built.lookupDomainId(q));
            if (id >= 0) expect(shared.domainValue(id), label).toBe(built.domainValue(id));
            const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(q);
            if (v4) {
              const n = v4.slice(1).reduce((a, o) => a * 256 + Number(o), 0);
              expect(shared.mayMatchV4(n), label).toBe(built.mayMatchV4(n));
            }
          });
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('a campaign-sized index wrapped from shared memory', () => {
  it('answers as the one it wraps for every listed value, its parents and children, and misses', () => {
    // Grown tables (hash masks, filter shifts, /16 jump tables, several IPv6 prefix lengths) that
    // the small random feeds above never reach.
    const indicators: Indicator[] = [];
    const queries: string[] = [];
    const add = (kind: Indicator['kind'], value: string, i: number): void => {
      const ind: Indicator = {
        id: i % 7 === 0 ? `X-${i}` : `${kind}:${value}`,
        kind,
        value,
        source: `f${i % 3}`,
      };
      if (i % 5 === 0) ind.comment = `c${i}`;
      if (i % 4 === 0) ind.severity = 'high';
      indicators.push(ind);
    };
    for (let i = 0; i < 6000; i++) {
      const a = `${11 + (i % 200)}.${(i * 7) % 256}.${(i * 13) % 256}.${i % 256}`;
      add('ip', a, i);
      add('domain', `h${i}.d${i % 97}.example`, i);
      queries.push(a, `x.h${i}.d${i % 97}.example`, `H${i}.D${i % 97}.EXAMPLE.`, `d${i % 97}.example`);
      queries.push(`${11 + (i % 200)}.${(i * 7) % 256}.${(i * 13) % 256}.${(i + 1) % 256}`);
      if (i % 10 === 0) {
        const block = `${100 + (i % 50)}.${i % 256}.${(i * 3) % 256}.0/${22 + (i % 9)}`;
        add('cidr', block, i);
        queries.push(block.replace(/0\/\d+$/, '9'));
        const v6 = `2001:db8:${(i % 65536).toString(16)}::${(i % 4096).toString(16)}`;
        add('ip', v6, i);
        add('cidr', `2001:db8:${(i % 65536).toString(16)}::/${[48, 56, 64, 96, 20][i % 5]}`, i);
        queries.push(v6, v6.replace(/::\w+$/, '::ffff'), `2001:db9:${(i % 65536).toString(16)}::1`);
        add('url', `https://h${i}.d${i % 97}.example/p?q=${i}`, i);
        queries.push(`HTTPS://H${i}.d${i % 97}.example:443/p?q=${i}#x`);
      }
    }
    const allow: AllowEntry[] = [
      { type: 'domain', value: 'h5.d5.example' },
      { type: 'ip', value: '11.7.13.1' },
      { type: 'cidr', value: '2001:db8:14::/48' },
    ];
    const built = IndicatorIndex.build(indicators, allow);
    const shared = wrapped(built);
    expect(shared.stats).toEqual(built.stats);
    expect(built.stats.tableBytes).toBeGreaterThan(500_000);
    let hits = 0;
    for (const q of queries) {
      const want = [built.matchAddress(q), built.matchDomain(q), built.matchUrl(q)];
      expect([shared.matchAddress(q), shared.matchDomain(q), shared.matchUrl(q)], q).toEqual(want);
      if (want.some((w) => w !== null)) hits++;
    }
    expect(hits).toBeGreaterThan(queries.length / 2);
  });
});

describe('shared index memory', () => {
  const indicators: Indicator[] = [
    { id: 'ip:203.0.113.9', kind: 'ip', value: '203.0.113.9', source: 'f' },
    { id: 'cidr:198.51.100.0/24', kind: 'cidr', value: '198.51.100.0/24', source: 'f' },
    { id: 'domain:evil.example', kind: 'domain', value: 'evil.example', source: 'f' },
  ];

  it('passes its tables by reference: every typed array of the description is over a SharedArrayBuffer', () => {
    const shape = IndicatorIndex.build(indicators).share();
    const arrays: ArrayBufferView[] = [];
    const walk = (v: unknown): void => {
      if (ArrayBuffer.isView(v)) arrays.push(v);
      else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(shape);
    expect(arrays.length).toBeGreaterThan(15);
    for (const a of arrays) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    // structuredClone (workerData, postMessage) keeps the same memory: a byte written through the
    // clone is seen through the original.
    const clone = structuredClone(shape);
    clone.ind.v4.keys[0] ^= 1;
    expect(clone.ind.v4.keys[0]).toBe(shape.ind.v4.keys[0]);
  });

  it('share() moves the tables once: a second call describes the same memory', () => {
    const index = IndicatorIndex.build(indicators);
    const a = index.share();
    expect(index.share()).toBe(a);
    expect(index.matchAddress('198.51.100.7')?.value).toBe('198.51.100.0/24');
    expect(IndicatorIndex.fromShared(a).matchDomain('a.EVIL.example.')?.id).toBe('domain:evil.example');
  });

  it('packs and unpacks strings of every length and plane', () => {
    const long = 'x'.repeat(10_000) + 'ý';
    const list = ['', 'evil.example', undefined, 'bücher.example', '😀', long];
    const packed = packStrings(list);
    expect(list.map((_, i) => unpackString(packed, i))).toEqual(list.map((s) => s ?? ''));
  });
});
