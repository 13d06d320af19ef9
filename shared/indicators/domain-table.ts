// Domain names → entry numbers, looked up by every parent of a name at once. A Map would need
// one substring per label ("a.b.example", "b.example", "example") and a hash of each; here one
// pass from the right end computes the hash of every suffix that starts at a label, and a match
// is confirmed with endsWith, so a lookup allocates nothing.
//
// Cost: O(length of the name) to hash, then one probe per label (most specific first), each
// O(1) expected (open addressing, load ≤ 0.7).

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

/** Canonical domain names, each mapped to an entry number; first one stored wins. */
export class DomainTable {
  private hashes = new Uint32Array(16);
  /** Entry + 1 per slot; 0 marks an empty slot. */
  private entries = new Int32Array(16);
  private names: string[] = new Array<string>(16).fill('');
  private mask = 15;
  size = 0;
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
    for (let k = n; k >= 0; k--) {
      const e = this.find(hs[k], name, starts[k]);
      if (e >= 0) return e;
    }
    return -1;
  }

  /** Entry stored for the suffix of `name` that starts at `start` and hashes to `h`, or -1. */
  private find(h: number, name: string, start: number): number {
    const { hashes, entries, names, mask } = this;
    const len = name.length - start;
    let i = mix(h) & mask;
    for (;;) {
      const e = entries[i];
      if (e === 0) return -1;
      if (hashes[i] === h) {
        const stored = names[i];
        if (stored.length === len && (start === 0 ? stored === name : name.endsWith(stored))) return e - 1;
      }
      i = (i + 1) & mask;
    }
  }

  private insert(h: number, name: string, entry: number): void {
    let i = mix(h) & this.mask;
    while (this.entries[i] !== 0) i = (i + 1) & this.mask;
    this.hashes[i] = h;
    this.entries[i] = entry + 1;
    this.names[i] = name;
  }

  private grow(): void {
    const { hashes, entries, names } = this;
    const cap = entries.length * 2;
    this.hashes = new Uint32Array(cap);
    this.entries = new Int32Array(cap);
    this.names = new Array<string>(cap).fill('');
    this.mask = cap - 1;
    for (let i = 0; i < entries.length; i++)
      if (entries[i] !== 0) this.insert(hashes[i], names[i], entries[i] - 1);
  }

  /** Bytes held by the slot arrays (the name strings themselves not counted). */
  get bytes(): number {
    return this.hashes.byteLength + this.entries.byteLength + this.names.length * 8;
  }
}
