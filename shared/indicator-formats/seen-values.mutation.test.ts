// The set of values a feed parse keeps (issue 19, mutation testing of seen-values.ts): thousands of
// values, past every growth of its tables, given as ranges of the text and as strings, and two
// pairs of different names whose hashes are equal, which only the characters can tell apart.
import { describe, expect, it } from 'vitest';
import { SeenValues } from './seen-values';
import { parsePlainList } from './lists';

// 5,000 distinct names, as the lines of a big list are, laid end to end in one text.
const names = Array.from({ length: 5000 }, (_, i) => `n${(i * 7919) % 100003}.example`);
const text = names.join('');
const starts: number[] = [];
names.reduce((at, name) => (starts.push(at), at + name.length), 0);

describe('SeenValues past its first tables (512 entries, 1,024 slots)', () => {
  it('keeps 5,000 names given alternately as ranges and strings, and knows every one of them after', () => {
    const seen = new SeenValues(text);
    names.forEach((name, i) => {
      const at = starts[i] ?? 0;
      expect(i % 2 === 0 ? seen.add(name) : seen.addRange(at, at + name.length), name).toBe(true);
    });
    expect(seen.size).toBe(5000);
    let again = 0;
    names.forEach((name, i) => {
      const at = starts[i] ?? 0;
      if (seen.has(name) && !seen.add(name) && !seen.addRange(at, at + name.length)) again++;
    });
    expect(again).toBe(5000);
    expect(seen.size).toBe(5000);
    expect(seen.has('n1.example')).toBe(names.includes('n1.example'));
    expect(seen.has('n100003.example')).toBe(false);
    expect(seen.add('n100003.example')).toBe(true);
    expect(seen.size).toBe(5001);
  });

  it('a list of 5,000 names keeps each once and counts its repeats as skipped', () => {
    const list = [...names, ...names.slice(0, 1000)].join('\n');
    const r = parsePlainList(list, 'big.txt');
    expect(r.indicators).toHaveLength(5000);
    expect(r.indicators[4999]).toEqual({ kind: 'domain', value: names[4999], line: 5000 });
    expect(r.skipped).toBe(1000);
  });
});

describe('SeenValues with equal hashes', () => {
  // FNV-1a (as mixed by seen-values.ts) gives each pair the same number; found by a search.
  const sameLength = ['8h6zftiq.example', '7ptcgx7n.example'] as const;
  const oneLonger = ['dz0ersb7.vn', 'dz0ersb7.vnt'] as const;

  it('two different names of the same length with the same hash are both kept', () => {
    const seen = new SeenValues('');
    expect(seen.add(sameLength[0])).toBe(true);
    expect(seen.has(sameLength[1])).toBe(false);
    expect(seen.add(sameLength[1])).toBe(true);
    expect(seen.size).toBe(2);
    const r = parsePlainList(`${sameLength[0]}\n${sameLength[1]}\n${sameLength[0]}\n`, 'list.txt');
    expect(r.indicators.map((i) => i.value)).toEqual([...sameLength]);
    expect(r.skipped).toBe(1);
  });

  it('a name and the same name with one more letter, hashed alike, are different values', () => {
    const asStrings = new SeenValues('');
    expect(asStrings.add(oneLonger[1])).toBe(true);
    expect(asStrings.has(oneLonger[0])).toBe(false);
    expect(asStrings.add(oneLonger[0])).toBe(true);
    // The shorter as a range of the text, followed there by the letter that makes the longer.
    const t = `${oneLonger[1]}\n`;
    const asRange = new SeenValues(t);
    expect(asRange.addRange(0, oneLonger[0].length)).toBe(true);
    expect(asRange.has(oneLonger[1])).toBe(false);
    expect(asRange.add(oneLonger[1])).toBe(true);
    expect(asRange.size).toBe(2);
  });
});
