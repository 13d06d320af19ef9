// lookupDomainId is matchDomain without building the answer (issue 18): the hot callers (the
// scan's matching, the hunt, the bench) look up an entry number and build the indicator only for
// the hits they keep. Both paths must give the same answer for every spelling, with and without an
// allow-list, and the same answer as a linear scan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import type { AllowEntry } from './index';
import { IndicatorIndex } from './index';
import { LinearIndicatorIndex } from '../../test/support/linear-index';
import { propertyRuns } from '../../test/support/property-runs';

// A fifth of the runs under mutation testing (scripts/mutation.mjs sets MUTATION_TESTS), where each
// mutant reruns these properties.
// PROPERTY_RUNS (set in the module's env) caps them further.
const runs = (n: number) => propertyRuns(process.env.MUTATION_TESTS ? Math.ceil(n / 5) : n);

const labelArb = fc.constantFrom('a', 'b', 'evil', 'xn--bcher-kva', 'cdn', 'bücher');
const domainArb = fc.array(labelArb, { minLength: 1, maxLength: 3 }).map((l) => `${l.join('.')}.example`);
const octet = fc.constantFrom(0, 1, 128, 255);
const v4Arb = fc.tuple(fc.constantFrom(10, 198), octet, octet, octet).map((o) => o.join('.'));
const indicatorArb = fc.record({
  value: fc.oneof(
    domainArb,
    domainArb,
    v4Arb,
    v4Arb.map((a) => `${a}/24`),
  ),
  source: fc.constantFrom('f1', 'f2'),
  severity: fc.constantFrom(undefined, 'low', 'critical'),
  id: fc.option(fc.constantFrom('x-1', 'x-2'), { nil: undefined }),
  comment: fc.option(fc.constantFrom('C2', 'nhóm 2'), { nil: undefined }),
});
// Names as DNS caches, hosts files and logs spell them, and things that are not names at all.
const nameArb = fc.oneof(
  domainArb,
  domainArb.map((d) => `${d.toUpperCase()}.`),
  domainArb.map((d) => `z.${d}`),
  domainArb.map((d) => ` *.${d}\r\n`),
  domainArb.map((d) => `${d}..`),
  v4Arb,
  fc.string({ maxLength: 12 }),
);

function toIndicator(r: {
  value: string;
  source: string;
  severity: Indicator['severity'];
  id: string | undefined;
  comment: string | undefined;
}): Indicator {
  const kind = r.value.includes('/') ? 'cidr' : /^[\d.]+$/.test(r.value) ? 'ip' : 'domain';
  const out: Indicator = { id: r.id ?? `${kind}:${r.value}`, kind, value: r.value, source: r.source };
  if (r.severity) out.severity = r.severity;
  if (r.comment) out.comment = r.comment;
  return out;
}

/** The id path as a hot caller uses it: the number, then the object only for a hit. */
function viaId(index: IndicatorIndex, name: string): Indicator | null {
  const id = index.lookupDomainId(name);
  return id >= 0 ? index.domainIndicator(id) : null;
}

describe('property: lookupDomainId and matchDomain agree', () => {
  it('same hit or miss, same indicator, same value, with and without an allow-list', () => {
    fc.assert(
      fc.property(
        fc.array(indicatorArb, { maxLength: 40 }),
        fc.array(domainArb, { maxLength: 2 }),
        fc.array(nameArb, { minLength: 1, maxLength: 20 }),
        (raw, allowValues, names) => {
          const indicators = raw.map(toIndicator);
          const allow: AllowEntry[] = allowValues.map((value) => ({ type: 'domain', value }));
          const index = IndicatorIndex.build(indicators, allow);
          const slow = new LinearIndicatorIndex(indicators, allow);
          for (const n of names) {
            const label = JSON.stringify(n);
            const id = index.lookupDomainId(n);
            const object = index.matchDomain(n);
            expect(id >= 0, label).toBe(object !== null);
            expect(viaId(index, n), label).toEqual(object);
            expect(viaId(index, n), label).toEqual(slow.matchDomain(n));
            if (id >= 0) {
              expect(index.domainValue(id), label).toBe(object?.value);
              // A new object per call, as matchDomain returns: a caller may change its copy.
              expect(index.domainIndicator(id)).not.toBe(index.domainIndicator(id));
            } else expect(id, label).toBe(-1);
          }
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

// mayMatchV4 answers the hunt's byte scanner through a bitmap of /24s before the tables: it must
// say "maybe" for every address an IPv4 indicator covers (exact, or a block of any length, shorter
// than /24 too) and "no" for every other one, given signed or unsigned like the scanner gives it.
describe('mayMatchV4 against a linear scan', () => {
  const o = fc.integer({ min: 0, max: 255 });
  // Addresses near each other (two first octets), so blocks, exact ones and misses share /24s and /16s.
  const addr = fc.tuple(fc.constantFrom(10, 203, 255), fc.constantFrom(0, 113, 255), o, o);
  const num = (a: number[]) => ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0;
  const entry = fc.oneof(
    addr.map((a) => ({ kind: 'ip' as const, a, prefix: 32 })),
    fc
      .tuple(addr, fc.constantFrom(0, 7, 8, 16, 22, 23, 24, 25, 31, 32))
      .map(([a, prefix]) => ({ kind: 'cidr' as const, a, prefix })),
  );
  it('is false exactly for the addresses no IPv4 indicator covers', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 8 }),
        fc.array(addr, { minLength: 1, maxLength: 30 }),
        (entries, probes) => {
          const blocks = entries.map((e) => {
            const mask = e.prefix === 0 ? 0 : (0xffffffff << (32 - e.prefix)) >>> 0;
            return { base: (num(e.a) & mask) >>> 0, mask };
          });
          const feed: Indicator[] = entries.map((e, i) => {
            const b = blocks[i].base;
            const dotted = [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255].join('.');
            return e.kind === 'ip'
              ? { id: `i${i}`, kind: 'ip', value: e.a.join('.'), source: 't' }
              : { id: `c${i}`, kind: 'cidr', value: `${dotted}/${e.prefix}`, source: 't' };
          });
          const index = IndicatorIndex.build(feed);
          // Probe the indicators' own addresses and the edges of their blocks too.
          const all = [
            ...probes.map(num),
            ...blocks.flatMap((b) => [
              b.base,
              (b.base | ~b.mask) >>> 0,
              (b.base - 1) >>> 0,
              (b.base | ~b.mask) + 1,
            ]),
          ];
          for (const n0 of all) {
            const n = n0 >>> 0;
            const covered = blocks.some((b) => (n & b.mask) >>> 0 === b.base);
            expect(index.mayMatchV4(n), `${n}`).toBe(covered);
            expect(index.mayMatchV4(n | 0), `${n} signed`).toBe(covered);
          }
        },
      ),
      { numRuns: runs(400) },
    );
  });
});
