// The domain table of the indicator index (issue 19, mutation testing of
// shared/indicators/domain-table.ts), on fixed inputs rather than random ones (the properties run
// 25 times a mutant there): NameQuery.read against canonicalDomain at every edge of its rules
// (white space of each kind, "*.", trailing dots, label and name lengths, the characters either
// side of each allowed range, all-digit last labels), every suffix hash it computes against a
// table holding that suffix alone, and the table itself: label counts, growth, shared memory.
import { describe, expect, it } from 'vitest';
import { canonicalDomain } from '../net/domain';
import { DomainTable, NameQuery } from './domain-table';

const a63 = 'a'.repeat(63);
const PREFIXES = [
  '',
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\x08',
  '\x0e',
  '\x1f',
  '*.',
  ' *.',
  '*',
  '**.',
  '.',
  '*.*.',
];
const BODIES = [
  'evil.example',
  'EVIL.Example',
  'a.b.evil.example',
  'x_y.evil.example',
  '-x-.evil.example',
  '4.evil.example',
  'evil.example.42',
  'evil.example.4-2',
  'evil.example.4_2',
  'evil.example.9',
  'evil.example.0',
  '42',
  'z',
  'Z',
  '0',
  '_',
  '-',
  'evil.4b',
  'evil.b4',
  `${a63}.example`,
  `${a63}a.example`,
  `example.${a63}`,
  `example.${a63}a`,
  a63,
  `${a63}a`,
  'evil..example',
  '.evil.example',
  ...[
    '@',
    'A',
    'Z',
    '[',
    '`',
    'a',
    'z',
    '{',
    '/',
    '0',
    '9',
    ':',
    ',',
    '-',
    '_',
    '\x7f',
    '\x80',
    'ü',
    ' ',
  ].map((c) => `ev${c}l.example`),
  ...['@', '[', '`', '{', '/', ':'].map((c) => `evil.exampl${c}`),
  // 253 and 254 characters.
  `${a63}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
  `${a63}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
];
const SUFFIXES = ['', '.', '..', ' ', '\t', '.\r\n', '\x08', '. '];

/** Every suffix of a canonical name that starts at a label, the whole name first. */
function suffixesOf(name: string): string[] {
  const out = [name];
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) out.push(name.slice(i + 1));
  return out;
}

describe('NameQuery.read on fixed edges, against canonicalDomain', () => {
  it('keeps the canonical span, its case, and the hash and start of every suffix', () => {
    const q = new NameQuery();
    let accepted = 0;
    for (const pre of PREFIXES)
      for (const body of BODIES)
        for (const post of SUFFIXES) {
          const text = `${pre}${body}${post}`;
          const label = JSON.stringify(text);
          const r = q.read(text);
          const c = canonicalDomain(text);
          if (r === -1) {
            expect(
              [...text].some((ch) => ch.charCodeAt(0) > 127),
              label,
            ).toBe(true);
            continue;
          }
          if (r === 0) {
            expect(c, label).toBeNull();
            continue;
          }
          accepted++;
          const span = text.slice(q.start, q.end);
          expect(span.toLowerCase(), label).toBe(c);
          expect(q.upper, label).toBe(/[A-Z]/.test(span));
          const suffixes = suffixesOf(c!);
          expect(q.n, label).toBe(suffixes.length - 1);
          // Each suffix alone in a table is found, at its own start, whatever the spelling.
          suffixes.forEach((s, i) => {
            const k = q.n - i;
            expect(q.starts[k], `${label} start of ${s}`).toBe(q.end - s.length);
            const t = new DomainTable();
            t.putIfAbsent(s, 7);
            expect(t.lookupQuery(q), `${label} finds ${s}`).toBe(7);
            expect(t.lookupSuffixes(c!), `${label} finds ${s}`).toBe(7);
          });
          // A name one label longer, or another name of the same length, is not found.
          const t = new DomainTable();
          t.putIfAbsent(`x.${c}`, 1);
          t.putIfAbsent(`${c!.slice(0, -1)}q`, 2);
          expect(t.lookupQuery(q), label).toBe(-1);
        }
    expect(accepted).toBeGreaterThan(1000);
  });

  it('refuses what has nothing left, and keeps reading a name after a refused one', () => {
    const q = new NameQuery();
    for (const text of ['', ' ', '*.', ' *. ', '.', '*..', '\t\r\n'])
      expect(q.read(text), JSON.stringify(text)).toBe(0);
    expect(q.read('A.Evil.Example.')).toBe(1);
    expect([q.start, q.end, q.upper, q.n]).toEqual([0, 14, true, 2]);
    expect(q.read('evil..example')).toBe(0);
    expect(q.read(' b.example')).toBe(1);
    expect([q.text, q.start, q.end, q.upper, q.n]).toEqual([' b.example', 1, 10, false, 1]);
  });
});

describe('DomainTable', () => {
  it('probes only the label counts it holds: a bare TLD, deep names, and names past 127 labels', () => {
    const t = new DomainTable();
    t.putIfAbsent('example', 0);
    t.putIfAbsent('a.b.c.d.e.evil.test', 1);
    const deep = Array.from({ length: 130 }, () => 'x').join('.');
    t.putIfAbsent(deep, 2);
    expect(t.lookupSuffixes('q.example')).toBe(0);
    expect(t.lookupSuffixes('example')).toBe(0);
    expect(t.lookupSuffixes('z.a.b.c.d.e.evil.test')).toBe(1);
    expect(t.lookupSuffixes('b.c.d.e.evil.test')).toBe(-1);
    expect(t.lookupSuffixes(deep)).toBe(2);
    expect(t.lookupSuffixes(`x.${deep}`)).toBe(-1);
    const q = new NameQuery();
    for (const [text, want] of [
      ['Q.EXAMPLE', 0],
      ['q.example.', 0],
      ['q.example', 0],
      ['Z.A.B.C.D.E.EVIL.TEST', 1],
      ['z.a.b.c.d.e.evil.test', 1],
      ['B.C.D.E.EVIL.TEST', -1],
      ['c.d.e.evil.test', -1],
      ['test', -1],
    ] as const) {
      expect(q.read(text), text).toBe(1);
      expect(t.lookupQuery(q), text).toBe(want);
    }
  });

  it('an empty table finds nothing; the first name stored keeps its entry through growth', () => {
    const t = new DomainTable();
    const q = new NameQuery();
    q.read('example');
    expect(t.lookupQuery(q)).toBe(-1);
    expect(t.lookupSuffixes('example')).toBe(-1);
    const names = Array.from({ length: 300 }, (_, i) => `n${i}.${i % 3 === 0 ? 'example' : 'test'}`);
    names.forEach((n, i) => expect(t.putIfAbsent(n, i)).toBe(-1));
    names.forEach((n, i) => expect(t.putIfAbsent(n, 1000 + i)).toBe(i));
    expect(t.size).toBe(300);
    names.forEach((n, i) => {
      expect(q.read(`X.${n.toUpperCase()}`)).toBe(1);
      expect(t.lookupQuery(q), n).toBe(i);
      expect(q.read(`x.${n}`)).toBe(1);
      expect(t.lookupQuery(q), n).toBe(i);
    });
    expect(t.lookupSuffixes('n300.example')).toBe(-1);
  });

  it('a table over shared memory answers as the one it wraps, and its size counts the slots', () => {
    const t = new DomainTable();
    const names = Array.from({ length: 100 }, (_, i) => `h${i}.evil.example`);
    names.forEach((n, i) => t.putIfAbsent(n, i));
    t.putIfAbsent('bad.test', 500);
    const before = t.bytes;
    const shape = t.share();
    expect(t.bytes).toBe(before);
    const w = DomainTable.fromShared(shape);
    expect(w.size).toBe(101);
    const q = new NameQuery();
    for (const table of [t, w]) {
      names.forEach((n, i) => {
        expect(table.lookupSuffixes(`a.${n}`)).toBe(i);
        expect(q.read(`A.${n.toUpperCase()}`)).toBe(1);
        expect(table.lookupQuery(q)).toBe(i);
      });
      expect(table.lookupSuffixes('x.bad.test')).toBe(500);
      expect(table.lookupSuffixes('evil.example')).toBe(-1);
      expect(table.lookupSuffixes('bad.test.x')).toBe(-1);
    }
    // Slots (two int32 each), the filter (one byte a slot) and one name reference a slot.
    const slots = shape.slots.length / 2;
    expect(shape.filter.byteLength).toBe(slots);
    expect(before).toBe(shape.slots.byteLength + shape.filter.byteLength + slots * 8);
    expect(w.bytes).toBe(before);
  });

  // Two names of the same length with the same 32-bit suffix hash (found by a birthday search over
  // random ten-letter .com names). A feed of a million domains holds about a hundred such pairs,
  // so the text must be compared after the hash, in every lookup path.
  const COLLIDING = ['mvelytqjgb.com', 'avohohcvaj.com'] as const;

  it('a name whose hash equals a stored name of the same length is not taken for it', () => {
    const [stored, other] = COLLIDING;
    const t = new DomainTable();
    t.putIfAbsent(stored, 7);
    // The same hash: the table finds the slot, then must compare the text.
    expect(t.putIfAbsent(other, 8)).toBe(-1);
    expect(t.size).toBe(2);
    const lone = new DomainTable();
    lone.putIfAbsent(stored, 7);
    const q = new NameQuery();
    for (const name of [other, `www.${other}`, `a.b.${other}`]) {
      expect(lone.lookupSuffixes(name), name).toBe(-1);
      for (const text of [name, name.toUpperCase(), `${name}.`]) {
        expect(q.read(text), text).toBe(1);
        expect(lone.lookupQuery(q), text).toBe(-1);
      }
    }
    expect(lone.lookupSuffixes(`www.${stored}`)).toBe(7);
    expect(q.read(`WWW.${stored.toUpperCase()}`)).toBe(1);
    expect(lone.lookupQuery(q)).toBe(7);
  });

  it('upper-case names with digits and hyphens are folded letter by letter, not digit by digit', () => {
    const t = new DomainTable();
    t.putIfAbsent('c2-01.evil-9.test', 3);
    const q = new NameQuery();
    expect(q.read('X.C2-01.EVIL-9.TEST')).toBe(1);
    expect(t.lookupQuery(q)).toBe(3);
    // "P" is "0" + 32: folding every character would take it for "0".
    expect(q.read('X.C2-P1.EVIL-9.TEST')).toBe(1);
    expect(t.lookupQuery(q)).toBe(-1);
  });

  it('an upper-case name whose own suffix passes the filter by chance still finds its listed parent', () => {
    // 3,000 names of three labels stored: the filter (two bits a name) then answers "maybe" for
    // some three-label suffixes that are not stored, and the lookup must go on to the parent.
    const t = new DomainTable();
    for (let i = 0; i < 3000; i++) t.putIfAbsent(`h${i}.listed.test`, i);
    t.putIfAbsent('parent.test', 9999);
    const q = new NameQuery();
    let found = 0;
    for (let i = 0; i < 3000; i++) {
      const text = `U${i}.PARENT.TEST`;
      expect(q.read(text)).toBe(1);
      if (t.lookupQuery(q) === 9999) found++;
      expect(t.lookupSuffixes(`u${i}.parent.test`)).toBe(9999);
    }
    expect(found).toBe(3000);
  });
});
