import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import { IndicatorIndex } from './index';
import { LinearIndicatorIndex } from '../../test/support/linear-index';
import { DomainTable } from './domain-table';
import { Ipv4RangeTable, U128Map, U32Map } from './tables';

describe('U32Map', () => {
  it('keeps every key through growth, the empty-slot marker key included', () => {
    const m = new U32Map();
    const keys = [0, 1, 0xffffffff, 0x80000000, 0xfffffffe];
    for (let i = 0; i < 5000; i++) keys.push((i * 2654435761) >>> 0);
    keys.forEach((k, i) => m.putIfAbsent(k, i));
    // The first value stored for a key stays.
    for (const k of keys) expect(m.get(k), String(k)).toBe(keys.indexOf(k));
    expect(m.get(12345)).toBe(-1);
    expect(m.putIfAbsent(0xffffffff, 99)).toBe(2);
    m.set(0xffffffff, 7);
    expect(m.get(0xffffffff)).toBe(7);
    expect(m.size).toBe(new Set(keys).size);
  });
});

describe('U128Map', () => {
  it('tells keys apart by every word', () => {
    const m = new U128Map();
    for (let i = 0; i < 3000; i++) m.putIfAbsent(i & 3, i >> 2, 0xffffffff, i, i);
    expect(m.size).toBe(3000);
    expect(m.get(1, 0, 0xffffffff, 1)).toBe(1);
    expect(m.get(1, 0, 0xfffffffe, 1)).toBe(-1);
    expect(m.putIfAbsent(1, 0, 0xffffffff, 1, 5)).toBe(1);
  });
});

describe('Ipv4RangeTable', () => {
  it('answers the longest block at every boundary', () => {
    const t = new Ipv4RangeTable();
    t.add(0, 0, 0); // 0.0.0.0/0
    t.add(0x0a000000, 8, 1); // 10.0.0.0/8
    t.add(0x0a010000, 16, 2); // 10.1.0.0/16
    t.add(0x0a01ff00, 24, 3); // 10.1.255.0/24
    t.add(0xffffffff, 32, 4); // 255.255.255.255/32
    t.add(0x0a000000, 8, 5); // duplicate of entry 1
    expect(t.finish()).toEqual([5]);
    const cases: [number, number][] = [
      [0, 0],
      [0x09ffffff, 0],
      [0x0a000000, 1],
      [0x0a00ffff, 1],
      [0x0a010000, 2],
      [0x0a01feff, 2],
      [0x0a01ff00, 3],
      [0x0a01ffff, 3],
      [0x0a020000, 1],
      [0x0affffff, 1],
      [0x0b000000, 0],
      [0xfffffffe, 0],
      [0xffffffff, 4],
    ];
    for (const [addr, want] of cases) expect(t.lookup(addr), addr.toString(16)).toBe(want);
  });

  it('answers -1 with no blocks', () => {
    const t = new Ipv4RangeTable();
    t.finish();
    expect(t.lookup(0)).toBe(-1);
    expect(t.lookup(0xffffffff)).toBe(-1);
  });
});

describe('DomainTable', () => {
  it('matches whole labels only, most specific first', () => {
    const t = new DomainTable();
    t.putIfAbsent('vil.example', 0);
    t.putIfAbsent('example', 1);
    t.putIfAbsent('b.evil.example', 2);
    expect(t.putIfAbsent('example', 9)).toBe(1);
    expect(t.lookupSuffixes('evil.example')).toBe(1);
    expect(t.lookupSuffixes('a.vil.example')).toBe(0);
    expect(t.lookupSuffixes('a.b.evil.example')).toBe(2);
    expect(t.lookupSuffixes('xb.evil.example')).toBe(1);
    expect(t.lookupSuffixes('example')).toBe(1);
    expect(t.lookupSuffixes('examples')).toBe(-1);
    expect(t.lookupSuffixes('nexample')).toBe(-1);
  });

  it('finds every stored name, through growth, and nothing else', () => {
    const t = new DomainTable();
    const names = Array.from({ length: 5000 }, (_, i) => `n${i.toString(36)}.example`);
    names.forEach((n, i) => t.putIfAbsent(n, i));
    names.forEach((n, i) => expect(t.lookupSuffixes(`x.${n}`)).toBe(i));
    expect(t.lookupSuffixes('zzzz.example')).toBe(-1);
    expect(t.size).toBe(5000);
  });
});

describe('IndicatorIndex edge cases', () => {
  const ind = (value: string): Indicator => ({ id: `x:${value}`, kind: 'ip', value, source: 's' });

  it('lists 0.0.0.0 and 255.255.255.255 like any other address', () => {
    const index = IndicatorIndex.build([ind('0.0.0.0'), ind('255.255.255.255')]);
    expect(index.matchAddress('0.0.0.0')?.value).toBe('0.0.0.0');
    expect(index.matchAddress('::ffff:255.255.255.255')?.value).toBe('255.255.255.255');
    expect(index.matchAddress('255.255.255.254')).toBeNull();
  });

  it('matches like a linear scan with IPv6 blocks of every length /0 to /128', () => {
    const blocks: Indicator[] = [];
    for (let p = 0; p <= 128; p += 1)
      blocks.push({
        id: `b${p}`,
        kind: 'cidr',
        value: `2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff/${p}`,
        source: 's',
      });
    const fast = IndicatorIndex.build(blocks.filter((_, i) => i % 3 !== 1));
    const slow = new LinearIndicatorIndex(blocks.filter((_, i) => i % 3 !== 1));
    fc.assert(
      fc.property(fc.nat(128), fc.boolean(), (flip, other) => {
        // Flip one bit of the listed address: blocks shorter than that bit still contain it.
        const words = [0x20010db8, 0xaaaabbbb, 0xccccdddd, 0xeeeeffff];
        const k = Math.min(flip, 127);
        words[k >> 5] = (words[k >> 5] ^ (1 << (31 - (k & 31)))) >>> 0;
        if (other) words[0] = 0x30000000;
        const addr = words.map((w) => `${(w >>> 16).toString(16)}:${(w & 0xffff).toString(16)}`).join(':');
        expect(fast.matchAddress(addr)).toEqual(slow.matchAddress(addr));
      }),
    );
  });
});
