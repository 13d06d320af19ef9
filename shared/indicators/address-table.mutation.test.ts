// The address table of the indicator index (issue 19, mutation testing of
// shared/indicators/address-table.ts), against a linear model: the /24 presence bitmap in front
// of the IPv4 lookups must never hide an address of a block of any length (blocks that start or
// end inside a 32-bit word of the bitmap, cover whole words, or a sixteenth of the space), the
// answers are the same with the address given signed, and a table wrapped from shared memory
// answers as the one it wraps; IPv6 blocks of more than 30 lengths of /32 and longer under the
// same first 32 bits (the top bits' last flag stands for every length past the 30th).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixMask32 } from '../net/ip';
import type { ParsedCidr } from '../net/ip';
import { propertyRuns } from '../../test/support/property-runs';
import { AddressTable, Hit } from './address-table';

type V4Block = { value: number; prefix: number };
type V6Block = { words: [number, number, number, number]; prefix: number };

/** The answer the table must give, by a scan of everything added (first entry wins). */
function model4(addrs: number[], blocks: V4Block[], q: number): [Hit, number] {
  const exact = addrs.indexOf(q);
  if (exact >= 0) return [Hit.Exact, exact];
  let best = -1;
  blocks.forEach((b, i) => {
    const inside = (q & prefixMask32(b.prefix)) >>> 0 === b.value;
    if (inside && (best < 0 || b.prefix > blocks[best].prefix)) best = i;
  });
  return best < 0 ? [Hit.None, -1] : [Hit.Block, 1000 + best];
}

function build4(addrs: number[], blocks: V4Block[]): AddressTable {
  const t = new AddressTable();
  addrs.forEach((a, i) => t.addAddress(4, [a], i));
  blocks.forEach((b, i) => t.addBlock({ family: 4, ...b } satisfies ParsedCidr, 1000 + i));
  t.finish();
  return t;
}

function ask4(t: AddressTable, q: number): [Hit, number] {
  const hit = t.lookup4(q);
  return [hit, hit === Hit.None ? -1 : t.entry];
}

/** The addresses where a block's /24 marks start and end, one either side, and its middle. */
function edgesOf(b: V4Block): number[] {
  const size = 2 ** (32 - b.prefix);
  const last = b.value + size - 1;
  return [b.value, b.value - 1, last, last + 1, b.value + Math.floor(size / 2), last - 256, b.value + 256]
    .filter((n) => n >= 0 && n <= 0xffffffff)
    .map((n) => n >>> 0);
}

const v4Block = fc
  .tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 4, max: 32 }))
  .map(([n, prefix]): V4Block => ({ value: (n & prefixMask32(prefix)) >>> 0, prefix }));

describe('IPv4: the /24 bitmap never hides a listed address or block', () => {
  it('answers as a linear scan at every edge of blocks of /4 to /32, signed or not, shared or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 0xffffffff }), { maxLength: 6 }),
        fc.uniqueArray(v4Block, { maxLength: 6, selector: (b) => `${b.value}/${b.prefix}` }),
        fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 6 }),
        (addrs, blocks, randoms) => {
          const t = build4(addrs, blocks);
          const wrapped = AddressTable.fromShared(t.share());
          const queries = [
            ...randoms,
            ...addrs,
            ...addrs.map((a) => (a + 256) >>> 0),
            ...blocks.flatMap(edgesOf),
          ];
          for (const q of queries) {
            const want = model4(addrs, blocks, q);
            expect(ask4(t, q), `${q}`).toEqual(want);
            expect(ask4(t, q | 0), `${q} signed`).toEqual(want);
            expect(ask4(wrapped, q), `${q} shared`).toEqual(want);
          }
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('blocks that start inside a word of the bitmap, fill whole words and end inside another', () => {
    // 10.0.3.0/24 … : /24 numbers 0x0a0003 (bit 3 of its word), a /19 from 0x0a0020 (one whole word),
    // a /20 from 0x0a0110 (half a word), a /8 (2,048 whole words), 0.0.0.0/4 (the space's first sixteenth).
    const blocks: V4Block[] = [
      { value: 0x0a000300, prefix: 24 },
      { value: 0x0a002000, prefix: 19 },
      { value: 0x0a011000, prefix: 20 },
      { value: 0x0b000000, prefix: 8 },
      { value: 0x00000000, prefix: 4 },
      { value: 0xc6336407, prefix: 32 },
    ];
    const addrs = [0xcb00711f, 0xcb007120, 0xffffffff];
    const t = build4(addrs, blocks);
    const queries = [
      ...blocks.flatMap(edgesOf),
      ...addrs.flatMap((a) => [a, a - 1, a + 1].filter((n) => n <= 0xffffffff)),
      0x0a000200,
      0x0a000400,
      0x0a001fff,
      0x0a003fff,
      0x0a004000,
      0x0a0110ff,
      0x0a011f00,
      0x0a012000,
      0x0b123456,
      0x0bffff00,
      0x0c000000,
      0x0fffffff,
      0x10000000,
      0xc6336406,
      0xc6336408,
      0x7f000001,
    ];
    for (const q of queries) expect(ask4(t, q), `${q.toString(16)}`).toEqual(model4(addrs, blocks, q));
    expect(ask4(t, 0x0b000001)).toEqual([Hit.Block, 1003]);
    expect(ask4(t, 0x0a0003ff)).toEqual([Hit.Block, 1000]);
    expect(ask4(t, 0xcb007120)).toEqual([Hit.Exact, 1]);
    expect(ask4(t, 0xffffffff | 0)).toEqual([Hit.Exact, 2]);
  });

  it('an empty table, or one of IPv6 only, answers no for every IPv4 address and holds no bitmap', () => {
    const empty = new AddressTable();
    empty.finish();
    expect(ask4(empty, 0)).toEqual([Hit.None, -1]);
    expect(ask4(AddressTable.fromShared(empty.share()), 0)).toEqual([Hit.None, -1]);
    const v6 = new AddressTable();
    v6.addAddress(6, [0x20010db8, 0, 0, 1], 0);
    v6.finish();
    expect(ask4(v6, 0x20010db8)).toEqual([Hit.None, -1]);
    expect(v6.share().v4Filter).toBeNull();
    // The bitmap (2 MB) counts in the table's bytes once there is an IPv4 entry.
    const one = build4([0x01020304], []);
    expect(one.bytes - empty.bytes).toBeGreaterThanOrEqual(2 ** 21);
    expect(v6.bytes).toBeLessThan(2 ** 21);
  });
});

function model6(blocks: V6Block[], exact: V6Block['words'][], q: V6Block['words']): [Hit, number] {
  const e = exact.findIndex((w) => w.every((x, k) => x === q[k]));
  if (e >= 0) return [Hit.Exact, e];
  let best = -1;
  blocks.forEach((b, i) => {
    const inside = b.words.every((w, k) => (q[k] & prefixMask32(b.prefix - 32 * k)) >>> 0 === w);
    if (inside && (best < 0 || b.prefix > blocks[best].prefix)) best = i;
  });
  return best < 0 ? [Hit.None, -1] : [Hit.Block, 1000 + best];
}

const mask6 = (w: V6Block['words'], prefix: number): V6Block['words'] =>
  w.map((x, k) => (x & prefixMask32(prefix - 32 * k)) >>> 0) as V6Block['words'];

describe('IPv6: every prefix length, more than 30 long ones under one top', () => {
  it('answers the longest block as a linear scan, shared or not, and counts the distinct blocks', () => {
    const top = 0x20010db8;
    const q: V6Block['words'] = [top, 0x12345678, 0x9abcdef0, 0x0fedcba9];
    // Lengths 32 to 128 every other one (49 lengths past /32: the 30th and later share a flag),
    // each a block that holds q, plus short blocks (/12, /20) and blocks beside q.
    const blocks: V6Block[] = [];
    for (let p = 32; p <= 128; p += 2) blocks.push({ words: mask6(q, p), prefix: p });
    blocks.push({ words: mask6(q, 12), prefix: 12 }, { words: mask6(q, 20), prefix: 20 });
    blocks.push({ words: mask6([top, 0x12345679, 0, 0], 64), prefix: 64 });
    const exact: V6Block['words'][] = [[top, 1, 2, 3]];
    const build = (bs: V6Block[]) => {
      const t = new AddressTable();
      exact.forEach((w, i) => t.addAddress(6, w, i));
      bs.forEach((b, i) => expect(t.addBlock({ family: 6, ...b }, 1000 + i)).toBe(-1));
      // A second copy of a block is found at once, with the first one's entry.
      expect(t.addBlock({ family: 6, ...bs[0] }, 5000)).toBe(1000);
      t.finish();
      return t;
    };
    // Each query: q itself, and q cut after every length (so that only shorter blocks hold it).
    const queries: V6Block['words'][] = [q, [top, 1, 2, 3], [0x2002, 0, 0, 0], [top, 0, 0, 0]];
    for (let p = 12; p <= 128; p++) {
      const flipped = [...q] as V6Block['words'];
      const k = Math.min(3, Math.floor(p / 32));
      if (p < 128) flipped[k] = (flipped[k] ^ (1 << (31 - (p % 32)))) >>> 0;
      queries.push(flipped);
    }
    for (const order of [blocks, [...blocks].reverse()]) {
      const t = build(order);
      const wrapped = AddressTable.fromShared(t.share());
      expect(t.v6BlockCount).toBe(order.length);
      expect(wrapped.v6BlockCount).toBe(order.length);
      for (const w of queries) {
        const want = model6(order, exact, w);
        for (const [name, table] of [
          ['built', t],
          ['shared', wrapped],
        ] as const) {
          const hit = table.lookup6(...w);
          expect(
            [hit, hit === Hit.None ? -1 : table.entry],
            `${name} ${w.map((x) => x.toString(16)).join(':')}`,
          ).toEqual(want);
        }
      }
    }
  });

  it('a short block alone, and a long block under another top, are found; other tops are not', () => {
    const t = new AddressTable();
    t.addBlock({ family: 6, words: [0x20000000, 0, 0, 0], prefix: 4 }, 7);
    t.addBlock({ family: 6, words: [0xfd000000, 0, 0, 0], prefix: 40 }, 8);
    t.finish();
    expect(t.lookup6(0x2fffffff, 1, 1, 1)).toBe(Hit.Block);
    expect(t.entry).toBe(7);
    expect(t.lookup6(0xfd000000, 5, 5, 5)).toBe(Hit.Block);
    expect(t.entry).toBe(8);
    expect(t.lookup6(0xfd000001, 0, 0, 0)).toBe(Hit.None);
    expect(t.lookup6(0x30000000, 0, 0, 0)).toBe(Hit.None);
  });

  it('a /16 and a /48 with the same first 32 bits: the /48 is found inside it, the /16 beside it', () => {
    const t = new AddressTable();
    t.addBlock({ family: 6, words: [0x20010000, 0x12340000, 0, 0], prefix: 48 }, 2);
    t.addBlock({ family: 6, words: [0x20010000, 0, 0, 0], prefix: 16 }, 1);
    t.finish();
    expect(t.lookup6(0x20010000, 0x1234abcd, 5, 5)).toBe(Hit.Block);
    expect(t.entry).toBe(2);
    expect(t.lookup6(0x20010000, 0x1235abcd, 5, 5)).toBe(Hit.Block);
    expect(t.entry).toBe(1);
  });
});

/** Every typed array of a shared shape, walked recursively (the memory a worker maps). */
function sharedArrays(shape: unknown): ArrayBufferView[] {
  if (ArrayBuffer.isView(shape)) return [shape];
  if (shape === null || typeof shape !== 'object') return [];
  return Object.values(shape).flatMap(sharedArrays);
}

describe('what share() hands to the workers', () => {
  it('the reported size is the memory of the shared arrays, IPv6 blocks and tops included', () => {
    const t = new AddressTable();
    for (let i = 0; i < 40; i++) t.addAddress(4, [(0x0a000000 + i * 0x10000) >>> 0], i);
    for (let i = 0; i < 30; i++) t.addAddress(6, [0x20010db8, i, 0, 1], 100 + i);
    for (let i = 0; i < 20; i++)
      t.addBlock({ family: 4, value: (0xc0000000 + i * 256) >>> 0, prefix: 24 }, 200 + i);
    // IPv6 blocks of three lengths (two of them /32 and longer) under 25 distinct first 32 bits.
    for (let i = 0; i < 25; i++) {
      t.addBlock({ family: 6, words: [0x20010000 + i, 0x12340000, 0, 0], prefix: 48 }, 300 + i);
      t.addBlock({ family: 6, words: [0x20010000 + i, 0, 0, 0], prefix: 32 }, 400 + i);
    }
    t.addBlock({ family: 6, words: [0xfc000000, 0, 0, 0], prefix: 7 }, 500);
    t.finish();
    const before = t.bytes;
    const arrays = sharedArrays(t.share());
    const shared = arrays.reduce((n, a) => n + a.byteLength, 0);
    expect(arrays.every((a) => a.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(before).toBe(shared);
    expect(t.bytes).toBe(shared);
    expect(AddressTable.fromShared(t.share()).bytes).toBe(shared);
  });

  it('the /24 bitmap marks exactly the /24s that hold an address or lie in a block', () => {
    // Addresses at every place in a 32-bit word of the bitmap (its first and last /24, the middle),
    // blocks shorter than /24 (one to 2,048 words), a /24 and longer blocks inside one /24.
    const addrs = [0x01000000, 0x01000105, 0x01001f07, 0x01002000, 0x0100ff09, 0xfffffffe];
    const blocks: V4Block[] = [
      { value: 0x0a000300, prefix: 24 },
      { value: 0x0a011000, prefix: 20 },
      { value: 0x0a020000, prefix: 19 },
      { value: 0x0a040000, prefix: 14 },
      { value: 0x0b000000, prefix: 8 },
      { value: 0xc6336440, prefix: 26 },
      { value: 0xc6336507, prefix: 32 },
    ];
    const want = new Set<number>(addrs.map((a) => a >>> 8));
    for (const b of blocks) {
      const first = b.value >>> 8;
      for (let n = 0; n < Math.max(1, 2 ** (24 - b.prefix)); n++) want.add(first + n);
    }
    const filter = build4(addrs, blocks).share().v4Filter;
    expect(filter).not.toBeNull();
    const marked: number[] = [];
    filter!.forEach((word, w) => {
      for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) marked.push(w * 32 + bit);
    });
    const extra = marked.filter((n) => !want.has(n));
    const missing = [...want].filter((n) => !marked.includes(n));
    expect(
      extra.slice(0, 5).map((n) => n.toString(16)),
      'marked, holding nothing',
    ).toEqual([]);
    expect(
      missing.slice(0, 5).map((n) => n.toString(16)),
      'holding something, not marked',
    ).toEqual([]);
    expect(marked.length).toBe(want.size);
  });

  it('the IPv6 tops hold one entry per first 32 bits of a block of /32 or longer, no more', () => {
    const t = new AddressTable();
    t.addBlock({ family: 6, words: [0, 0, 0x0000ffff, 0xc0000200], prefix: 120 }, 1);
    t.addBlock({ family: 6, words: [0x20010db8, 0, 0, 0], prefix: 48 }, 2);
    t.addBlock({ family: 6, words: [0x20010db8, 0x00010000, 0, 0], prefix: 64 }, 3);
    t.addBlock({ family: 6, words: [0x20000000, 0, 0, 0], prefix: 3 }, 4);
    t.finish();
    expect(t.share().v6Tops.size).toBe(2);
    const short = new AddressTable();
    short.addBlock({ family: 6, words: [0x20000000, 0, 0, 0], prefix: 3 }, 4);
    short.finish();
    expect(short.share().v6Tops.size).toBe(0);
    // ::ffff:192.0.2.0/120 (first 32 bits zero) is found, and IPv4-mapped addresses beside it are not.
    expect(t.lookup6(0, 0, 0xffff, 0xc0000217)).toBe(Hit.Block);
    expect(t.entry).toBe(1);
    expect(t.lookup6(0, 0, 0xffff, 0xc0000317)).toBe(Hit.None);
  });
});

describe('IPv6: more than 30 long lengths under one top, none holding the address', () => {
  it('every flagged length is probed and the address is not found, shared or not', () => {
    const top = 0x20010db8;
    const q: V6Block['words'] = [top, 0x12345678, 0x9abcdef0, 0x0fedcba9];
    const t = new AddressTable();
    // /34 to /128 every other length (48 lengths, no /32): an address with the same top whose
    // 33rd bit differs lies in none of them.
    for (let p = 34; p <= 128; p += 2) t.addBlock({ family: 6, words: mask6(q, p), prefix: p }, p);
    t.finish();
    const outside: V6Block['words'] = [top, (q[1] ^ 0x80000000) >>> 0, q[2], q[3]];
    for (const table of [t, AddressTable.fromShared(t.share())]) {
      expect(table.lookup6(...outside)).toBe(Hit.None);
      expect(table.lookup6(...q)).toBe(Hit.Block);
      expect(table.entry).toBe(128);
    }
  });
});
