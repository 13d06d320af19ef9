// Addresses and CIDR blocks of both families, keyed numerically. Used twice by the indicator
// index: once for the indicators, once for the allow-list.
//
// Lookup cost: IPv4 exact O(1) (hash), IPv4 blocks O(log s) (one binary search over flattened
// segments), IPv6 exact O(1), IPv6 blocks one hash probe per distinct prefix length present
// (at most 129, in practice a handful: /32, /48, /64...), longest first.

import type { ParsedCidr } from '../net/ip';
import { prefixMask32 } from '../net/ip';
import { Ipv4RangeTable, U128Map, U32Map } from './tables';

/** What a lookup found: the entry number, and whether it was an exact address or a block. */
export const Hit = { None: 0, Exact: 1, Block: 2 } as const;
export type Hit = (typeof Hit)[keyof typeof Hit];

/** IP addresses and CIDR blocks of both families, each mapped to an entry number. */
export class AddressTable {
  readonly v4 = new U32Map();
  readonly v6 = new U128Map();
  readonly v4Blocks = new Ipv4RangeTable();
  private readonly v6Blocks: (U128Map | undefined)[] = [];
  /** Prefix lengths that have IPv6 blocks, longest first. */
  private v6Lengths: number[] = [];
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
    if (family === 4) return this.v4.putIfAbsent(words[0], entry);
    return this.v6.putIfAbsent(words[0], words[1], words[2], words[3], entry);
  }

  /** Adds one block; IPv4 duplicates are found by finish(), IPv6 ones here (returns the entry there, or -1). */
  addBlock(block: ParsedCidr, entry: number): number {
    if (block.family === 4) {
      this.v4Blocks.add(block.value, block.prefix, entry);
      return -1;
    }
    let table = this.v6Blocks[block.prefix];
    if (!table) {
      table = new U128Map();
      this.v6Blocks[block.prefix] = table;
      this.v6Lengths.push(block.prefix);
      this.v6Lengths.sort((a, b) => b - a);
    }
    const w = block.words;
    return table.putIfAbsent(w[0], w[1], w[2], w[3], entry);
  }

  /** Ends building; returns the entries of IPv4 blocks dropped as duplicates. */
  finish(): number[] {
    return this.v4Blocks.finish();
  }

  /** Looks an IPv4 address up: exact first, then the longest block. Sets `entry` on a hit. */
  lookup4(addr: number): Hit {
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
    const lengths = this.v6Lengths;
    for (let i = 0; i < lengths.length; i++) {
      const p = lengths[i];
      const m = this.v6Masks[p];
      e = this.v6Blocks[p]!.get((a & m[0]) >>> 0, (b & m[1]) >>> 0, (c & m[2]) >>> 0, (d & m[3]) >>> 0);
      if (e >= 0) {
        this.entry = e;
        return Hit.Block;
      }
    }
    return Hit.None;
  }

  /** Distinct IPv6 blocks. */
  get v6BlockCount(): number {
    let n = 0;
    for (const p of this.v6Lengths) n += this.v6Blocks[p]!.size;
    return n;
  }

  /** Approximate bytes held by the numeric tables. */
  get bytes(): number {
    let n = this.v4.bytes + this.v6.bytes + this.v4Blocks.segments * 8;
    for (const p of this.v6Lengths) n += this.v6Blocks[p]!.bytes;
    return n;
  }
}
