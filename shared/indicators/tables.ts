// Compact lookup tables behind the indicator index. Typed arrays instead of objects so that a
// million indicators cost tens of megabytes, not hundreds, and lookups touch few cache lines.
//
// - U32Map: open addressing with linear probing, unsigned 32-bit key → entry number. Load ≤ 0.7,
//   so a probe sequence is short (usually within one cache line): O(1) expected per lookup.
// - U128Map: the same with four 32-bit words per key (IPv6 addresses and masked IPv6 prefixes),
//   load ≤ 1/2.
// - Ipv4RangeTable: every IPv4 CIDR flattened into sorted disjoint segments, each holding the
//   longest-prefix block that covers it. A table on the top 16 bits answers directly for every
//   /16 that one segment covers, and otherwise narrows the binary search to that /16: O(log s)
//   at worst with s ≤ 2·(number of blocks) + 1, a step or two usually.

import { toSharedMemory } from './shared-memory';

const EMPTY = -1;
const NO_KEY = 0xffffffff;

/** A U32Map in shared memory (see shared-memory.ts). */
export interface U32MapShape {
  keys: Uint32Array;
  vals: Int32Array;
  markerVal: number;
  size: number;
}

/** A U128Map in shared memory. */
export interface U128MapShape {
  keys: Uint32Array;
  vals: Int32Array;
  size: number;
}

/** An Ipv4RangeTable in shared memory. */
export interface Ipv4RangeShape {
  segs: Uint32Array;
  jump: Uint32Array;
  direct: Int32Array;
  size: number;
  duplicates: number;
}

function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
}

function hash128(a: number, b: number, c: number, d: number): number {
  return hash32(a ^ hash32(b ^ hash32(c ^ hash32(d))));
}

/** Hash map from unsigned 32-bit keys to non-negative entry numbers. */
export class U32Map {
  // Keys alone in one array (0xffffffff marks an empty slot) so that a miss, the common answer,
  // reads one cache line of a table half the size; entries are read only on a hit. The one key
  // equal to the marker (255.255.255.255) is kept aside.
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  private markerVal = EMPTY;
  size = 0;

  constructor() {
    this.keys = new Uint32Array(16).fill(NO_KEY);
    this.vals = new Int32Array(16);
    this.mask = 15;
  }

  /** The entry stored for `key`, or -1. */
  get(key: number): number {
    if (key === NO_KEY) return this.markerVal;
    const { keys, mask } = this;
    let i = hash32(key) & mask;
    for (;;) {
      const k = keys[i];
      if (k === key) return this.vals[i];
      if (k === NO_KEY) return EMPTY;
      i = (i + 1) & mask;
    }
  }

  /** Stores `val` unless `key` is already present; returns the existing entry, or -1 when stored. */
  putIfAbsent(key: number, val: number): number {
    if (key === NO_KEY) {
      if (this.markerVal !== EMPTY) return this.markerVal;
      this.set(key, val);
      return EMPTY;
    }
    if ((this.size + 1) * 10 > (this.mask + 1) * 7) this.grow();
    // One probe sequence: it ends at the key or at the empty slot where the key goes.
    const { keys, mask } = this;
    let i = hash32(key) & mask;
    for (;;) {
      const k = keys[i];
      if (k === key) return this.vals[i];
      if (k === NO_KEY) break;
      i = (i + 1) & mask;
    }
    keys[i] = key;
    this.vals[i] = val;
    this.size++;
    return EMPTY;
  }

  /** Stores `val` for `key`, replacing any entry there. */
  set(key: number, val: number): void {
    if (key === NO_KEY) {
      if (this.markerVal === EMPTY) this.size++;
      this.markerVal = val;
      return;
    }
    // Load factor at most 0.7: linear probing stays within a cache line or two.
    if ((this.size + 1) * 10 > (this.mask + 1) * 7) this.grow();
    const { keys, mask } = this;
    let i = hash32(key) & mask;
    while (keys[i] !== NO_KEY && keys[i] !== key) i = (i + 1) & mask;
    if (keys[i] === NO_KEY) this.size++;
    keys[i] = key;
    this.vals[i] = val;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keys = new Uint32Array(cap).fill(NO_KEY);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k === NO_KEY) continue;
      let j = hash32(k) & this.mask;
      while (this.keys[j] !== NO_KEY) j = (j + 1) & this.mask;
      this.keys[j] = k;
      this.vals[j] = oldVals[i];
    }
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  /** Moves the table into shared memory (once) and describes it; no key may be added after. */
  share(): U32MapShape {
    this.keys = toSharedMemory(this.keys);
    this.vals = toSharedMemory(this.vals);
    return { keys: this.keys, vals: this.vals, markerVal: this.markerVal, size: this.size };
  }

  /** A read-only table over the memory of a shared one (nothing copied). */
  static fromShared(s: U32MapShape): U32Map {
    const m = new U32Map();
    m.keys = s.keys;
    m.vals = s.vals;
    m.mask = s.keys.length - 1;
    m.markerVal = s.markerVal;
    m.size = s.size;
    return m;
  }
}

/** Hash map from 128-bit keys (four unsigned 32-bit words, most significant first) to entry numbers. */
export class U128Map {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor() {
    this.keys = new Uint32Array(64);
    this.vals = new Int32Array(16).fill(EMPTY);
    this.mask = 15;
  }

  /** The entry stored for the key, or -1. */
  get(a: number, b: number, c: number, d: number): number {
    const { keys, vals, mask } = this;
    let i = hash128(a, b, c, d) & mask;
    for (;;) {
      const v = vals[i];
      if (v === EMPTY) return v;
      const k = i * 4;
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d) return v;
      i = (i + 1) & mask;
    }
  }

  /** Stores `val` unless the key is present; returns the existing entry, or -1 when stored. */
  putIfAbsent(a: number, b: number, c: number, d: number, val: number): number {
    if ((this.size + 1) * 2 > this.vals.length) this.grow();
    const { keys, vals, mask } = this;
    let i = hash128(a, b, c, d) & mask;
    for (;;) {
      const v = vals[i];
      const k = i * 4;
      if (v === EMPTY) {
        keys[k] = a;
        keys[k + 1] = b;
        keys[k + 2] = c;
        keys[k + 3] = d;
        vals[i] = val;
        this.size++;
        return EMPTY;
      }
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d) return v;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldVals.length * 2;
    this.keys = new Uint32Array(cap * 4);
    this.vals = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < oldVals.length; i++) {
      if (oldVals[i] === EMPTY) continue;
      const k = i * 4;
      this.putIfAbsent(oldKeys[k], oldKeys[k + 1], oldKeys[k + 2], oldKeys[k + 3], oldVals[i]);
    }
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  /** Moves the table into shared memory (once) and describes it; no key may be added after. */
  share(): U128MapShape {
    this.keys = toSharedMemory(this.keys);
    this.vals = toSharedMemory(this.vals);
    return { keys: this.keys, vals: this.vals, size: this.size };
  }

  /** A read-only table over the memory of a shared one (nothing copied). */
  static fromShared(s: U128MapShape): U128Map {
    const m = new U128Map();
    m.keys = s.keys;
    m.vals = s.vals;
    m.mask = s.vals.length - 1;
    m.size = s.size;
    return m;
  }
}

const TWO_32 = 2 ** 32;

/**
 * Longest-prefix match over IPv4 blocks. Blocks are collected with add(), then finish() flattens
 * them; a block added twice keeps its first entry.
 */
export class Ipv4RangeTable {
  private bases: number[] = [];
  private prefixes: number[] = [];
  private entries: number[] = [];
  /** Segment k: start at 2k, entry + 1 at 2k + 1 (0: no block), side by side for one cache line. */
  private segs: Uint32Array = new Uint32Array([0, 0]);
  /** jump[h] = index of the last segment starting at or before h·2¹⁶: narrows each binary search to one /16. */
  private jump: Uint32Array = new Uint32Array(65537);
  /**
   * direct[h] = answer + 2 when one segment covers the whole /16 h (no block starts inside it),
   * else 0. With feeds of a few thousand blocks nearly every /16 is uniform, and a lookup there
   * reads only this small table.
   */
  private direct: Int32Array = new Int32Array(65536).fill(1);
  /** Distinct blocks after finish(). */
  size = 0;
  /** Blocks dropped by finish() because the same block was added before. */
  duplicates = 0;

  /** Adds a block (base already masked to the prefix). */
  add(base: number, prefix: number, entry: number): void {
    this.bases.push(base);
    this.prefixes.push(prefix);
    this.entries.push(entry);
  }

  /** Flattens the blocks into sorted segments; returns the entries dropped as duplicates. */
  finish(): number[] {
    const { bases, prefixes, entries } = this;
    const n = bases.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Outer blocks before the blocks they contain; equal blocks in the order they came.
    order.sort((x, y) => bases[x] - bases[y] || prefixes[x] - prefixes[y] || x - y);
    const segStarts: number[] = [0];
    const segAnswers: number[] = [EMPTY];
    const emit = (pos: number, answer: number): void => {
      if (pos >= TWO_32) return;
      const last = segStarts.length - 1;
      if (segStarts[last] === pos) {
        segAnswers[last] = answer;
        if (last > 0 && segAnswers[last - 1] === answer) {
          segStarts.pop();
          segAnswers.pop();
        }
      } else if (segAnswers[last] !== answer) {
        segStarts.push(pos);
        segAnswers.push(answer);
      }
    };
    const stackEnd: number[] = [];
    const stackEntry: number[] = [];
    const dropped: number[] = [];
    const close = (until: number): void => {
      while (stackEnd.length > 0 && stackEnd[stackEnd.length - 1] <= until) {
        const end = stackEnd.pop()!;
        stackEntry.pop();
        emit(end, stackEntry.length > 0 ? stackEntry[stackEntry.length - 1] : EMPTY);
      }
    };
    let prev = -1;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (prev >= 0 && bases[prev] === bases[i] && prefixes[prev] === prefixes[i]) {
        dropped.push(entries[i]);
        continue;
      }
      prev = i;
      const start = bases[i];
      close(start);
      emit(start, entries[i]);
      stackEnd.push(start + 2 ** (32 - prefixes[i]));
      stackEntry.push(entries[i]);
    }
    close(Infinity);
    this.segs = new Uint32Array(segStarts.length * 2);
    for (let k = 0; k < segStarts.length; k++) {
      this.segs[2 * k] = segStarts[k];
      this.segs[2 * k + 1] = segAnswers[k] + 1;
    }
    let seg = 0;
    for (let h = 0; h <= 65536; h++) {
      const at = h * 65536;
      while (seg + 1 < segStarts.length && segStarts[seg + 1] <= at) seg++;
      this.jump[h] = seg;
    }
    for (let h = 0; h < 65536; h++) {
      const lo = this.jump[h];
      const uniform = lo + 1 >= segStarts.length || segStarts[lo + 1] >= (h + 1) * 65536;
      this.direct[h] = uniform ? segAnswers[lo] + 2 : 0;
    }
    this.size = n - dropped.length;
    this.duplicates = dropped.length;
    this.bases = [];
    this.prefixes = [];
    this.entries = [];
    return dropped;
  }

  /** The entry of the longest block containing `addr` (unsigned 32-bit), or -1. */
  lookup(addr: number): number {
    const h = addr >>> 16;
    const d = this.direct[h];
    if (d !== 0) return d - 2;
    const { segs, jump } = this;
    let lo = jump[h];
    // Segments starting inside this /16 all come before the one covering the next /16's start.
    let hi = jump[h + 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[2 * mid] <= addr) lo = mid;
      else hi = mid - 1;
    }
    return segs[2 * lo + 1] - 1;
  }

  /** Bytes held by the flattened segments and the jump table. */
  get bytes(): number {
    return this.segs.byteLength + this.jump.byteLength + this.direct.byteLength;
  }

  /** Moves the finished table into shared memory (once) and describes it. */
  share(): Ipv4RangeShape {
    this.segs = toSharedMemory(this.segs);
    this.jump = toSharedMemory(this.jump);
    this.direct = toSharedMemory(this.direct);
    const { segs, jump, direct, size, duplicates } = this;
    return { segs, jump, direct, size, duplicates };
  }

  /** A read-only table over the memory of a shared one (nothing copied). */
  static fromShared(s: Ipv4RangeShape): Ipv4RangeTable {
    const t = new Ipv4RangeTable();
    t.segs = s.segs;
    t.jump = s.jump;
    t.direct = s.direct;
    t.size = s.size;
    t.duplicates = s.duplicates;
    return t;
  }
}
