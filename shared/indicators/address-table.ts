// Addresses and CIDR blocks of both families, keyed numerically. Used twice by the indicator
// index: once for the indicators, once for the allow-list.
//
// Lookup cost: IPv4 exact O(1) (hash), IPv4 blocks O(log s) (one binary search over flattened
// segments, narrowed to one /16 by a jump table), IPv6 exact O(1), IPv6 blocks one hash probe
// per prefix length that can match: lengths of /32 and longer only where a block shares the
// address's first 32 bits, plus every length shorter than /32 (rare in feeds), longest first.

import type { ParsedCidr } from '../net/ip';
import { prefixMask32 } from '../net/ip';
import { Ipv4RangeTable, U128Map, U32Map } from './tables';
import type { Ipv4RangeShape, U128MapShape, U32MapShape } from './tables';
import { toSharedMemory } from './shared-memory';

/** An AddressTable in shared memory (see shared-memory.ts). */
export interface AddressTableShape {
  v4: U32MapShape;
  v6: U128MapShape;
  v4Blocks: Ipv4RangeShape;
  v4Filter: Uint32Array | null;
  /** IPv6 blocks by prefix length, for the lengths that have some. */
  v6Blocks: { prefix: number; table: U128MapShape }[];
  v6Tops: U32MapShape;
}

/** What a lookup found: the entry number, and whether it was an exact address or a block. */
export const Hit = { None: 0, Exact: 1, Block: 2 } as const;
export type Hit = (typeof Hit)[keyof typeof Hit];

/** IP addresses and CIDR blocks of both families, each mapped to an entry number. */
export class AddressTable {
  v4 = new U32Map();
  v6 = new U128Map();
  v4Blocks = new Ipv4RangeTable();
  /**
   * One bit per /24 (2 MB, made on the first IPv4 address or block): set when some address or
   * block of the table lies in or covers that /24. Nearly every address a log or a scan looks up
   * is on no indicator; with a campaign's million indicators the hash and the block search cost
   * several cache misses (~450 ns a miss on this machine), the bit one read of a table that stays
   * in the cache. A clear bit answers "no" at once; a set bit asks the tables.
   */
  private v4Filter: Uint32Array | null = null;
  private readonly v6Blocks: (U128Map | undefined)[] = [];
  /** Prefix lengths that have IPv6 blocks, longest first: all of them, /32 and longer, shorter than /32. */
  private v6Lengths: number[] = [];
  private v6Long: number[] = [];
  private v6Short: number[] = [];
  /**
   * First 32 bits of every IPv6 block of /32 or longer → bit i set when a block of length
   * v6Long[i] starts with them (bit 30: any length past the 30th). Most addresses skip every
   * long-block probe on one miss here, and a hit probes only the lengths that can match.
   */
  private v6Tops = new U32Map();
  private v6TopPairs: number[] = [];
  private readonly v6Masks: Uint32Array[] = [];
  /** Entry found by the last lookup that returned a hit. */
  entry = -1;

  constructor() {
    for (let p = 0; p <= 128; p++) {
      const m = new Uint32Array(4);
      for (let k = 0; k < 4; k++) m[k] = prefixMask32(p - 32 * k);
      this.v6Masks.push(m);
    }
  }

  /** Adds one address (family 4: words[0]); returns the entry already there, or -1 when added. */
  addAddress(family: 4 | 6, words: ArrayLike<number>, entry: number): number {
    if (family === 4) {
      this.mark24(words[0] >>> 8, words[0] >>> 8);
      return this.v4.putIfAbsent(words[0], entry);
    }
    return this.v6.putIfAbsent(words[0], words[1], words[2], words[3], entry);
  }

  /** Adds one block; IPv4 duplicates are found by finish(), IPv6 ones here (returns the entry there, or -1). */
  addBlock(block: ParsedCidr, entry: number): number {
    if (block.family === 4) {
      this.v4Blocks.add(block.value, block.prefix, entry);
      const first = block.value >>> 8;
      this.mark24(first, block.prefix >= 24 ? first : first + 2 ** (24 - block.prefix) - 1);
      return -1;
    }
    let table = this.v6Blocks[block.prefix];
    if (!table) {
      table = new U128Map();
      this.v6Blocks[block.prefix] = table;
      this.v6Lengths.push(block.prefix);
      this.v6Lengths.sort((a, b) => b - a);
      this.v6Long = this.v6Lengths.filter((p) => p >= 32);
      this.v6Short = this.v6Lengths.filter((p) => p < 32);
    }
    const w = block.words;
    if (block.prefix >= 32) this.v6TopPairs.push(w[0], block.prefix);
    return table.putIfAbsent(w[0], w[1], w[2], w[3], entry);
  }

  /** Sets the filter's bits of the /24s from..to (numbers of 24 bits, both included). */
  private mark24(from: number, to: number): void {
    let f = this.v4Filter;
    if (f === null) f = this.v4Filter = new Uint32Array(1 << 19);
    let i = from;
    for (; i <= to && (i & 31) !== 0; i++) f[i >>> 5] |= 1 << (i & 31);
    for (; i + 31 <= to; i += 32) f[i >>> 5] = -1;
    for (; i <= to; i++) f[i >>> 5] |= 1 << (i & 31);
  }

  /** Ends building; returns the entries of IPv4 blocks dropped as duplicates. */
  finish(): number[] {
    const tops = new U32Map();
    const pairs = this.v6TopPairs;
    for (let i = 0; i < pairs.length; i += 2) {
      const pos = this.v6Long.indexOf(pairs[i + 1]);
      const bit = pos < 30 ? 1 << pos : 1 << 30;
      tops.set(pairs[i], Math.max(0, tops.get(pairs[i])) | bit);
    }
    this.v6Tops = tops;
    this.v6TopPairs = [];
    return this.v4Blocks.finish();
  }

  /** Looks an IPv4 address (its 32 bits, signed or unsigned) up: exact first, then the longest block. Sets `entry` on a hit. */
  lookup4(addr: number): Hit {
    const f = this.v4Filter;
    if (f === null || (f[addr >>> 13] & (1 << ((addr >>> 8) & 31))) === 0) return Hit.None;
    // The tables hold unsigned numbers; callers may pass the same 32 bits signed.
    addr >>>= 0;
    let e = this.v4.get(addr);
    if (e >= 0) {
      this.entry = e;
      return Hit.Exact;
    }
    e = this.v4Blocks.lookup(addr);
    if (e >= 0) {
      this.entry = e;
      return Hit.Block;
    }
    return Hit.None;
  }

  /** Looks an IPv6 address up: exact first, then the longest block. Sets `entry` on a hit. */
  lookup6(a: number, b: number, c: number, d: number): Hit {
    let e = this.v6.get(a, b, c, d);
    if (e >= 0) {
      this.entry = e;
      return Hit.Exact;
    }
    const bits = this.v6Tops.get(a);
    if (bits > 0) {
      const long = this.v6Long;
      for (let i = 0; i < long.length; i++) {
        if ((bits & (i < 30 ? 1 << i : 1 << 30)) === 0) continue;
        e = this.probe6(long[i], a, b, c, d);
        if (e >= 0) {
          this.entry = e;
          return Hit.Block;
        }
      }
    }
    const short = this.v6Short;
    for (let i = 0; i < short.length; i++) {
      e = this.probe6(short[i], a, b, c, d);
      if (e >= 0) {
        this.entry = e;
        return Hit.Block;
      }
    }
    return Hit.None;
  }

  /** The entry of the /p block that contains the address, or -1. */
  private probe6(p: number, a: number, b: number, c: number, d: number): number {
    const m = this.v6Masks[p];
    return this.v6Blocks[p]!.get((a & m[0]) >>> 0, (b & m[1]) >>> 0, (c & m[2]) >>> 0, (d & m[3]) >>> 0);
  }

  /** Distinct IPv6 blocks. */
  get v6BlockCount(): number {
    let n = 0;
    for (const p of this.v6Lengths) n += this.v6Blocks[p]!.size;
    return n;
  }

  /** Moves the finished table into shared memory (once) and describes it. */
  share(): AddressTableShape {
    return {
      v4: this.v4.share(),
      v6: this.v6.share(),
      v4Blocks: this.v4Blocks.share(),
      v4Filter: this.v4Filter && (this.v4Filter = toSharedMemory(this.v4Filter)),
      v6Blocks: this.v6Lengths.map((prefix) => ({ prefix, table: this.v6Blocks[prefix]!.share() })),
      v6Tops: this.v6Tops.share(),
    };
  }

  /** A read-only table over the memory of a shared one (nothing copied). */
  static fromShared(s: AddressTableShape): AddressTable {
    const t = new AddressTable();
    t.v4 = U32Map.fromShared(s.v4);
    t.v6 = U128Map.fromShared(s.v6);
    t.v4Blocks = Ipv4RangeTable.fromShared(s.v4Blocks);
    t.v4Filter = s.v4Filter;
    for (const { prefix, table } of s.v6Blocks) t.v6Blocks[prefix] = U128Map.fromShared(table);
    t.v6Lengths = s.v6Blocks.map((b) => b.prefix);
    t.v6Long = t.v6Lengths.filter((p) => p >= 32);
    t.v6Short = t.v6Lengths.filter((p) => p < 32);
    t.v6Tops = U32Map.fromShared(s.v6Tops);
    return t;
  }

  /** Approximate bytes held by the numeric tables. */
  get bytes(): number {
    let n = this.v4.bytes + this.v6.bytes + this.v4Blocks.bytes + this.v6Tops.bytes;
    n += this.v4Filter?.byteLength ?? 0;
    for (const p of this.v6Lengths) n += this.v6Blocks[p]!.bytes;
    return n;
  }
}
