// Edges of domain canonicalisation (shared/net/domain.ts) that mutation testing (issue 19) showed
// no test pinned down: the length limits, the characters just outside the allowed ranges, the
// all-digit last label, and the IDN path through URL().
import { describe, expect, it } from 'vitest';
import { canonicalDomain } from './domain';

const label = (n: number, c = 'a'): string => c.repeat(n);

describe('canonicalDomain limits', () => {
  it('takes a name of 253 characters and refuses 254', () => {
    const name253 = [label(63), label(63), label(63), label(61)].join('.');
    expect(name253).toHaveLength(253);
    expect(canonicalDomain(name253)).toBe(name253);
    expect(canonicalDomain(`${name253}.`)).toBe(name253);
    expect(canonicalDomain(`b${name253}`)).toBeNull();
  });

  it('takes labels of 1 and 63 characters, not 0 or 64, in any position', () => {
    expect(canonicalDomain('a.b.c')).toBe('a.b.c');
    expect(canonicalDomain(`${label(63)}.example`)).toBe(`${label(63)}.example`);
    expect(canonicalDomain(`example.${label(63)}`)).toBe(`example.${label(63)}`);
    expect(canonicalDomain(`example.${label(64)}`)).toBeNull();
    expect(canonicalDomain(label(64))).toBeNull();
    expect(canonicalDomain(label(63))).toBe(label(63));
  });
});

describe('canonicalDomain characters', () => {
  it('takes a–z, A–Z, 0–9, "-" and "_" and nothing next to those ranges', () => {
    expect(canonicalDomain('az.AZ09-_.example')).toBe('az.az09-_.example');
    for (const c of ['`', '{', '@', '[', '/', ':', '^', ',', '~', '\u007f'])
      expect(canonicalDomain(`a${c}b.example`), c).toBeNull();
  });

  it('refuses an all-digit last label, in each label position it can take', () => {
    for (const bad of ['a.0', 'a.9', 'a.09', 'x.23', 'x1.23', 'evil.example.123', '0'])
      expect(canonicalDomain(bad), bad).toBeNull();
    for (const ok of ['1.a', '12.34.a', 'x.2b', 'x.b2', 'x.0x', '9a', 'a0'])
      expect(canonicalDomain(ok), ok).toBe(ok);
  });

  it('strips only a leading "*." and only one trailing dot', () => {
    expect(canonicalDomain('*.a.example.')).toBe('a.example');
    expect(canonicalDomain('x*.a.example')).toBeNull();
    expect(canonicalDomain('**.a.example')).toBeNull();
    expect(canonicalDomain('a.example*.')).toBeNull();
  });
});

describe('canonicalDomain on internationalised names', () => {
  it('maps ideographic and full-width full stops, and drops a trailing one', () => {
    expect(canonicalDomain('bücher.example。')).toBe('xn--bcher-kva.example');
    expect(canonicalDomain('ü．example')).toBe('xn--tda.example');
    expect(canonicalDomain('ü_x.example')).toBe('xn--_x-wka.example');
  });

  it('refuses what URL reads as an address, as something else than a host, or refuses itself', () => {
    for (const bad of [
      '１.２.３.４',
      '１２７.０.０.１',
      'ä.1',
      'ü.example:443',
      'ü.example/a',
      'ü@example',
      'ü%41.example',
      'ü example',
      '[ü]',
      'ü..example',
      'xn--ü.example',
      'ü.xn--zz',
      `${'ü'.repeat(70)}.example`,
    ])
      expect(canonicalDomain(bad), bad).toBeNull();
  });
});

describe('the numeric last label', () => {
  it('refuses a name whose last label is only digits, but takes one with a hyphen or a letter among the digits', () => {
    expect(canonicalDomain('evil.example.123')).toBeNull();
    expect(canonicalDomain('evil.1-2')).toBe('evil.1-2');
    expect(canonicalDomain('cdn.10-20')).toBe('cdn.10-20');
    expect(canonicalDomain('123.evil')).toBe('123.evil');
  });
});
