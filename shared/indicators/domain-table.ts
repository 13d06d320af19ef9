// Domain names → entry numbers, looked up by every parent of a name at once. A Map would need
// one substring per label ("a.b.example", "b.example", "example") and a hash of each; here one
// pass from the right end computes the hash of every suffix that starts at a label, and a match
// is confirmed with endsWith, so a lookup allocates nothing.
//
// Cost: O(length of the name) to hash, then one probe per label (most specific first), each
// O(1) expected (open addressing, load ≤ 0.7).

import { packStrings, toSharedMemory, unpackString } from './shared-memory';
import type { PackedStrings } from './shared-memory';

/** A DomainTable in shared memory (see shared-memory.ts): the names packed by slot. */
export interface DomainTableShape {
  slots: Int32Array;
  filter: Int32Array;
  filterShift: number;
  labelCounts: Uint8Array;
  names: PackedStrings;
  size: number;
}

const FNV_PRIME = 0x01000193;
const SEED = 0x811c9dc5;
const MAX_LABELS = 128; // 253 characters hold at most 127 labels

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** Hash of a whole name, equal to the suffix hash computed during a lookup. */
function nameHash(name: string): number {
  let h = SEED;
  for (let j = name.length - 1; j >= 0; j--) h = Math.imul(h ^ name.charCodeAt(j), FNV_PRIME);
  return h >>> 0;
}

const MAX_NAME = 253;
const MAX_LABEL = 63;

/**
 * A name as a DNS cache or a log gives it, read once for every table it is looked up in: the span
 * of the text that canonicalDomain would keep (white space, a leading "*." and one trailing dot
 * dropped), whether it has upper case letters, and the hash and start of every suffix that begins
 * at a label. Reading validates as canonicalDomain does for ASCII text, lower-casing on the fly,
 * so the common lookup builds no string at all (trim, slice, toLowerCase, substrings). Text with
 * a character above U+007F is left to canonicalDomain (IDN, Unicode white space).
 */
export class NameQuery {
  text = '';
  start = 0;
  end = 0;
  upper = false;
  /** Suffixes found, less one: hashes[n] and starts[n] are the whole name. */
  n = 0;
  readonly hashes = new Uint32Array(MAX_LABELS + 1);
  readonly starts = new Int32Array(MAX_LABELS + 1);

  /** 1: read, ready to look up; 0: not a domain name (canonicalDomain gives null); -1: not ASCII, use canonicalDomain. */
  read(text: string): 1 | 0 | -1 {
    let s = 0;
    let e = text.length;
    while (s < e && isAsciiSpace(text.charCodeAt(s))) s++;
    while (e > s && isAsciiSpace(text.charCodeAt(e - 1))) e--;
    if (e - s >= 2 && text.charCodeAt(s) === 42 && text.charCodeAt(s + 1) === 46) s += 2;
    if (e > s && text.charCodeAt(e - 1) === 46) e--;
    if (e === s) return 0;
    const hs = this.hashes;
    const starts = this.starts;
    let n = 0;
    let h = SEED;
    let upper = false;
    let labelEnd = e;
    let lastLabel = true;
    let digitsOnly = true;
    let bad = false;
    for (let j = e - 1; j >= s; j--) {
      let c = text.charCodeAt(j);
      if (c > 127) return -1;
      if (c === 46) {
        const len = labelEnd - j - 1;
        if (len === 0 || len > MAX_LABEL || (lastLabel && digitsOnly)) bad = true;
        lastLabel = false;
        labelEnd = j;
        if (n < MAX_LABELS) {
          hs[n] = h >>> 0;
          starts[n] = j + 1;
          n++;
        }
      } else {
        if (c >= 65 && c <= 90) {
          c += 32;
          upper = true;
        }
        if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) bad = true;
        else if (c < 48 || c > 57) digitsOnly = false;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    // Checked after the loop: a character above U+007F anywhere sends the text to canonicalDomain.
    const len = labelEnd - s;
    if (bad || len === 0 || len > MAX_LABEL || (lastLabel && digitsOnly) || e - s > MAX_NAME) return 0;
    hs[n] = h >>> 0;
    starts[n] = s;
    this.n = n;
    this.text = text;
    this.start = s;
    this.end = e;
    this.upper = upper;
    return 1;
  }
}

/** True when text[from, from + stored.length) is `stored` (lower case) once A-Z are folded to a-z. */
function sameFolded(stored: string, text: string, from: number): boolean {
  for (let i = 0; i < stored.length; i++) {
    const c = text.charCodeAt(from + i);
    if (stored.charCodeAt(i) !== (c >= 65 && c <= 90 ? c + 32 : c)) return false;
  }
  return true;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Canonical domain names, each mapped to an entry number; first one stored wins. A slot is two
 * adjacent int32s (entry + 1, hash) so a probe touches one cache line, and the label counts that
 * stored names have are kept so a lookup probes only suffixes of those lengths (a feed rarely
 * lists a bare TLD or a six-label name).
 */
export class DomainTable {
  /** Per slot: entry + 1 (0 marks an empty slot), then the hash as int32. */
  private slots: Int32Array = new Int32Array(32);
  /**
   * Name per slot. A table wrapped from shared memory starts with none and decodes a slot's name
   * from `packed` the first time a probe needs it (a hash match: nearly always a real hit).
   */
  private names: (string | undefined)[] = new Array<string>(16).fill('');
  private packed: PackedStrings | null = null;
  private mask = 15;
  size = 0;
  /**
   * Two bits per stored name in one 32-bit word (a blocked Bloom filter, 8 bits a slot: small
   * enough to stay in cache). Most probes of a lookup are for suffixes that are not listed; the
   * filter answers those without touching the slots.
   */
  private filter: Int32Array = new Int32Array(4);
  private filterShift = 30;
  /** labelCounts[k] is non-zero when a stored name has k labels. */
  private labelCounts: Uint8Array = new Uint8Array(MAX_LABELS + 2);
  private readonly suffixHash = new Uint32Array(MAX_LABELS + 1);
  private readonly suffixStart = new Int32Array(MAX_LABELS + 1);

  /** Stores `name` → `entry` unless present; returns the entry already there, or -1 when stored. */
  putIfAbsent(name: string, entry: number): number {
    const h = nameHash(name);
    const found = this.find(h, name, 0);
    if (found >= 0) return found;
    if ((this.size + 1) * 10 > (this.mask + 1) * 7) this.grow();
    this.insert(h, name, entry);
    this.size++;
    let labels = 1;
    for (let j = 0; j < name.length; j++) if (name.charCodeAt(j) === 46) labels++;
    this.labelCounts[Math.min(labels, MAX_LABELS + 1)] = 1;
    return -1;
  }

  /** Entry of the name itself or its most specific listed parent domain, or -1. Expects a canonical name. */
  lookupSuffixes(name: string): number {
    const hs = this.suffixHash;
    const starts = this.suffixStart;
    let n = 0;
    let h = SEED;
    for (let j = name.length - 1; j >= 0; j--) {
      const c = name.charCodeAt(j);
      if (c === 46 && n < MAX_LABELS) {
        hs[n] = h >>> 0;
        starts[n] = j + 1;
        n++;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    hs[n] = h >>> 0;
    starts[n] = 0;
    const counts = this.labelCounts;
    for (let k = n; k >= 0; k--) {
      if (counts[k + 1] === 0) continue;
      const e = this.find(hs[k], name, starts[k]);
      if (e >= 0) return e;
    }
    return -1;
  }

  /** lookupSuffixes for a name read by NameQuery.read (same answer as for its canonical text). */
  lookupQuery(q: NameQuery): number {
    if (this.size === 0) return -1;
    const plain = !q.upper && q.end === q.text.length;
    const counts = this.labelCounts;
    if (plain) {
      for (let k = q.n; k >= 0; k--) {
        if (counts[k + 1] === 0) continue;
        // As a signed 32-bit integer: an unsigned hash above 2³¹ would be boxed on the heap per call.
        const e = this.find(q.hashes[k] | 0, q.text, q.starts[k]);
        if (e >= 0) return e;
      }
      return -1;
    }
    // Upper case or a trailing dot: the span ending at q.end, compared folding A-Z as it goes
    // (no lower-cased copy of the text: a quarter of a DNS cache's names are written in capitals).
    for (let k = q.n; k >= 0; k--) {
      if (counts[k + 1] === 0) continue;
      const h = q.hashes[k] | 0;
      if (!this.mayHold(h)) continue;
      const e = this.findSpan(h, q.text, q.starts[k], q.end);
      if (e >= 0) return e;
    }
    return -1;
  }

  /**
   * Entry stored for text[from, end) read as lower case (ASCII, as NameQuery.read accepted it)
   * hashing to `h`, or -1; the filter already passed.
   */
  private findSpan(h: number, text: string, from: number, end: number): number {
    const { slots, names, mask } = this;
    const len = end - from;
    let i = mix(h) & mask;
    for (;;) {
      const e = slots[2 * i];
      if (e === 0) return -1;
      if (slots[2 * i + 1] === h) {
        const stored = names[i] ?? this.unpack(i);
        if (stored.length === len && sameFolded(stored, text, from)) return e - 1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Entry stored for the suffix of `name` that starts at `start` and hashes to `h`, or -1. */
  private find(hash: number, name: string, start: number): number {
    const h = hash | 0;
    if (!this.mayHold(h)) return -1;
    const { slots, names, mask } = this;
    const len = name.length - start;
    let i = mix(h) & mask;
    for (;;) {
      const e = slots[2 * i];
      if (e === 0) return -1;
      if (slots[2 * i + 1] === h) {
        const stored = names[i] ?? this.unpack(i);
        if (stored.length === len && (start === 0 ? stored === name : name.endsWith(stored))) return e - 1;
      }
      i = (i + 1) & mask;
    }
  }

  /** False when no stored name has this hash; true when one may. */
  private mayHold(h: number): boolean {
    const m = Math.imul(h, 0x9e3779b1);
    const bits = (1 << (m & 31)) | (1 << ((m >>> 5) & 31));
    return (this.filter[m >>> this.filterShift] & bits) === bits;
  }

  private insert(hash: number, name: string, entry: number): void {
    const h = hash | 0;
    const m = Math.imul(h, 0x9e3779b1);
    this.filter[m >>> this.filterShift] |= (1 << (m & 31)) | (1 << ((m >>> 5) & 31));
    let i = mix(h) & this.mask;
    while (this.slots[2 * i] !== 0) i = (i + 1) & this.mask;
    this.slots[2 * i] = entry + 1;
    this.slots[2 * i + 1] = h;
    this.names[i] = name;
  }

  private grow(): void {
    const { slots, names } = this;
    const cap = names.length * 2;
    this.slots = new Int32Array(2 * cap);
    this.filter = new Int32Array(cap / 4);
    this.filterShift = 32 - Math.log2(cap / 4);
    this.names = new Array<string>(cap).fill('');
    this.mask = cap - 1;
    for (let i = 0; i < names.length; i++)
      if (slots[2 * i] !== 0) this.insert(slots[2 * i + 1], names[i]!, slots[2 * i] - 1);
  }

  /** Bytes held by the slot arrays (the name strings themselves not counted). */
  get bytes(): number {
    return this.slots.byteLength + this.filter.byteLength + this.names.length * 8;
  }

  /** The name of a slot of a shared table, decoded once. */
  private unpack(i: number): string {
    const name = unpackString(this.packed!, i);
    this.names[i] = name;
    return name;
  }

  /** Moves the table into shared memory (once) and describes it; no name may be added after. */
  share(): DomainTableShape {
    this.slots = toSharedMemory(this.slots);
    this.filter = toSharedMemory(this.filter);
    this.labelCounts = toSharedMemory(this.labelCounts);
    this.packed ??= packStrings(this.names);
    const { slots, filter, filterShift, labelCounts, size } = this;
    return { slots, filter, filterShift, labelCounts, names: this.packed, size };
  }

  /** A read-only table over the memory of a shared one: no name is copied until a probe needs it. */
  static fromShared(s: DomainTableShape): DomainTable {
    const t = new DomainTable();
    t.slots = s.slots;
    t.filter = s.filter;
    t.filterShift = s.filterShift;
    t.labelCounts = s.labelCounts;
    t.packed = s.names;
    t.names = new Array<string | undefined>(s.slots.length / 2);
    t.mask = s.slots.length / 2 - 1;
    t.size = s.size;
    return t;
  }
}
