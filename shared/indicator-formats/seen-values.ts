// The set of values a feed parse has kept (issue 18): names, blocks and IPv6 text, held as
// positions in the file's own text where the value is that text (a list's bare lines, most of a big
// feed) and as strings only where the parser rewrote it. A `Set<string>` of 400,000 values kept
// every one of their strings alive to the end of the parse and hashed each again on insertion;
// here a value of the text is compared where it lies and its string is made only once it is new.

/** FNV-1a over UTF-16 code units: the same number for a range of the text and for an equal string. */
function hashOf(src: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
  // Mixed so that the low bits (the slot) depend on every character.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) | 0;
}

/** Distinct strings, each given either as a range of one source text or as a string of its own. */
export class SeenValues {
  /** Entry number + 1 per slot (0: empty); open addressing, linear probing, load ≤ 1/2. */
  private slots = new Int32Array(1024);
  /** The full hash of the entry in each slot, so a probe compares characters only on a real match. */
  private slotHash = new Int32Array(1024);
  /** Per entry: where it starts in the text, or -(its index in `strings`) - 1. */
  private starts = new Int32Array(512);
  private lengths = new Int32Array(512);
  private readonly strings: string[] = [];
  size = 0;

  /** `text`: the source whose ranges addRange is given (may be '' when only strings are added). */
  constructor(private readonly text: string) {}

  /** Adds text[from, to); false when an equal value is already present. */
  addRange(from: number, to: number): boolean {
    return this.put(this.text, from, to, hashOf(this.text, from, to), true);
  }

  /** Adds the string; false when an equal value is already present. */
  add(value: string): boolean {
    return this.put(value, 0, value.length, hashOf(value, 0, value.length), true);
  }

  /** True when an equal value is present. */
  has(value: string): boolean {
    return !this.put(value, 0, value.length, hashOf(value, 0, value.length), false);
  }

  private equal(entry: number, src: string, from: number, len: number): boolean {
    if (this.lengths[entry] !== len) return false;
    const start = this.starts[entry];
    const own = start >= 0 ? this.text : this.strings[-start - 1];
    const at = start >= 0 ? start : 0;
    for (let i = 0; i < len; i++) if (own.charCodeAt(at + i) !== src.charCodeAt(from + i)) return false;
    return true;
  }

  /** Finds src[from, to); stores it when absent and `store`. True when it was absent. */
  private put(src: string, from: number, to: number, hash: number, store: boolean): boolean {
    const len = to - from;
    let mask = this.slots.length - 1;
    let i = hash & mask;
    for (;;) {
      const e = this.slots[i];
      if (e === 0) break;
      if (this.slotHash[i] === hash && this.equal(e - 1, src, from, len)) return false;
      i = (i + 1) & mask;
    }
    if (!store) return true;
    const n = this.size;
    if (n === this.starts.length) {
      const starts = new Int32Array(n * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Int32Array(n * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    if (src === this.text) this.starts[n] = from;
    else {
      this.strings.push(from === 0 && to === src.length ? src : src.slice(from, to));
      this.starts[n] = -this.strings.length;
    }
    this.lengths[n] = len;
    this.size = n + 1;
    if (this.size * 2 > this.slots.length) {
      this.grow();
      mask = this.slots.length - 1;
      i = hash & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
    }
    this.slots[i] = n + 1;
    this.slotHash[i] = hash;
    return true;
  }

  private grow(): void {
    const { slots, slotHash } = this;
    const size = slots.length * 2;
    const mask = size - 1;
    this.slots = new Int32Array(size);
    this.slotHash = new Int32Array(size);
    for (let j = 0; j < slots.length; j++) {
      const e = slots[j];
      if (e === 0) continue;
      let i = slotHash[j] & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = e;
      this.slotHash[i] = slotHash[j];
    }
  }
}
