// Which canonical indicator a piece of feed text is (issue 19, mutation testing of canon.ts):
// addresses, blocks, names with their blocklist spellings, URLs with their hosts, host:port.
import { describe, expect, it } from 'vitest';
import { classifyHostPort, classifyUrl, classifyValue, parsePort } from './canon';

describe('classifyValue', () => {
  it('addresses, blocks and names, canonical; brackets and blanks around are dropped', () => {
    expect(classifyValue(' 203.0.113.9 ')).toEqual({ kind: 'ip', value: '203.0.113.9' });
    expect(classifyValue('[2001:DB8::1]')).toEqual({ kind: 'ip', value: '2001:db8::1' });
    expect(classifyValue('198.51.100.0/24')).toEqual({ kind: 'cidr', value: '198.51.100.0/24' });
    expect(classifyValue('198.51.100.0/33')).toBeNull();
    expect(classifyValue('Evil.Example.')).toEqual({ kind: 'domain', value: 'evil.example' });
    expect(classifyValue('*.evil.example')).toEqual({ kind: 'domain', value: 'evil.example' });
    expect(classifyValue('.evil.example')).toEqual({ kind: 'domain', value: 'evil.example' });
    expect(classifyValue('**.evil.example')).toBeNull();
    expect(classifyValue('[evil.example')).toEqual(null);
  });

  it('refuses empty, over-long and spaced values, slashes, backslashes and @', () => {
    expect(classifyValue('')).toBeNull();
    expect(classifyValue('  ')).toBeNull();
    expect(classifyValue('[]')).toBeNull();
    expect(classifyValue(`${'a.'.repeat(1024)}vn`)).toBeNull();
    for (const bad of ['evil example', 'evil/example.vn', 'evil\\example.vn', 'user@evil.example'])
      expect(classifyValue(bad, 'domain'), bad).toBeNull();
  });

  it('keeps to the kind expected: no domain where an address is wanted, no address where a domain is', () => {
    expect(classifyValue('evil.example', 'address')).toBeNull();
    expect(classifyValue('203.0.113.9', 'address')).toEqual({ kind: 'ip', value: '203.0.113.9' });
    expect(classifyValue('198.51.100.0/24', 'domain')).toBeNull();
    expect(classifyValue('203.0.113.9', 'domain')).toBeNull();
  });

  it('a dot can be required (a bare word in a list is no name)', () => {
    expect(classifyValue('localhost', 'any', true)).toBeNull();
    expect(classifyValue('localhost.', 'any', true)).toBeNull();
    expect(classifyValue('localhost', 'any')).toEqual({ kind: 'domain', value: 'localhost' });
    expect(classifyValue('*.vn', 'any', true)).toBeNull();
    expect(classifyValue('a.vn.', 'any', true)).toEqual({ kind: 'domain', value: 'a.vn' });
  });
});

describe('parsePort', () => {
  it('whole numbers 0-65535 only', () => {
    expect(parsePort('443')).toBe(443);
    expect(parsePort(' 0 ')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('123456')).toBeNull();
    expect(parsePort('')).toBeNull();
    expect(parsePort('4x')).toBeNull();
    expect(parsePort('x4')).toBeNull();
    expect(parsePort('-1')).toBeNull();
  });
});

describe('classifyUrl and classifyHostPort', () => {
  it('a URL stays a URL and carries its host, with an explicit port only', () => {
    expect(classifyUrl('HTTP://Evil.Example:8080/gate.php')).toEqual({
      kind: 'url',
      value: 'http://evil.example:8080/gate.php',
      urlHost: { kind: 'domain', value: 'evil.example', port: 8080 },
    });
    expect(classifyUrl('https://203.0.113.9/x')).toEqual({
      kind: 'url',
      value: 'https://203.0.113.9/x',
      urlHost: { kind: 'ip', value: '203.0.113.9' },
    });
    expect(classifyUrl('not a url')).toBeNull();
  });

  it('host:port for addresses, bracketed IPv6 and names; no block with a port', () => {
    expect(classifyHostPort(' 203.0.113.9:443 ')).toEqual({ kind: 'ip', value: '203.0.113.9', port: 443 });
    expect(classifyHostPort('[2001:db8::1]:443')).toEqual({ kind: 'ip', value: '2001:db8::1', port: 443 });
    expect(classifyHostPort('Evil.Example:8080')).toEqual({
      kind: 'domain',
      value: 'evil.example',
      port: 8080,
    });
    expect(classifyHostPort('203.0.113.9')).toEqual({ kind: 'ip', value: '203.0.113.9' });
    expect(classifyHostPort('evil.example:8080', 'address')).toBeNull();
    expect(classifyHostPort('203.0.113.9:99999')).toBeNull();
    expect(classifyHostPort('198.51.100.0/24:443')).toBeNull();
    expect(classifyHostPort('[198.51.100.0/24]:443')).toBeNull();
    expect(classifyHostPort('203.0.113.9:')).toBeNull();
    expect(classifyHostPort(':443')).toBeNull();
    expect(classifyHostPort('a:b:443')).toBeNull();
    expect(classifyHostPort('x203.0.113.9:443x')).toBeNull();
    expect(classifyHostPort('[2001:db8::1]:443x')).toBeNull();
    expect(classifyHostPort('x[2001:db8::1]:443')).toBeNull();
  });
});

// The survivors of the Stryker run of 2026-12-02 20:26 UTC (feed-lists): what a value in brackets
// is, ports written as other number syntaxes, a scheme-less URL after host:port, and the exact
// shape of a URL's host when the URL names no port.
describe('survivors of the feed-lists run', () => {
  it('a value in square brackets (defanged lists, STIX-like exports) is the value inside; a lone bracket is none', () => {
    expect(classifyValue('[evil.example]')).toEqual({ kind: 'domain', value: 'evil.example' });
    expect(classifyValue('[203.0.113.9]')).toEqual({ kind: 'ip', value: '203.0.113.9' });
    expect(classifyValue('[198.51.100.0/24]')).toEqual({ kind: 'cidr', value: '198.51.100.0/24' });
    expect(classifyValue(' [evil.example]\t')).toEqual({ kind: 'domain', value: 'evil.example' });
    expect(classifyValue('[evil.example]', 'address')).toBeNull();
    expect(classifyValue('evil.example]')).toBeNull();
    expect(classifyValue(']evil.example[')).toBeNull();
    // Blanks inside the brackets are inside the value: no name holds one.
    expect(classifyValue('[ evil.example ]')).toBeNull();
    expect(classifyValue('[*. evil.example]')).toBeNull();
  });

  it('a value over 2048 characters is refused whole, even one an address begins (a zone id is dropped)', () => {
    const zoned = (n: number) => `fe80::1%${'a'.repeat(n - 8)}`;
    expect(classifyValue(zoned(2048))).toEqual({ kind: 'ip', value: 'fe80::1' });
    expect(classifyValue(zoned(2049))).toBeNull();
    expect(classifyValue(zoned(4000))).toBeNull();
  });

  it('a port is decimal digits only: no exponent, hex or decimal point (a spreadsheet\'s "443.0")', () => {
    expect(parsePort('1e3')).toBeNull();
    expect(parsePort('0x50')).toBeNull();
    expect(parsePort('443.0')).toBeNull();
    expect(classifyHostPort('203.0.113.9:443.0')).toBeNull();
  });

  it('a URL without its scheme is not host:port', () => {
    expect(classifyHostPort('evil.example:8080/gate.php')).toBeNull();
    expect(classifyHostPort('203.0.113.9:443/x')).toBeNull();
    expect(classifyHostPort('evil.example:8080-')).toBeNull();
  });

  it('the host of a URL with no port has no port key at all (results cross IPC by structured clone)', () => {
    expect(classifyUrl('https://203.0.113.9/x')).toStrictEqual({
      kind: 'url',
      value: 'https://203.0.113.9/x',
      urlHost: { kind: 'ip', value: '203.0.113.9' },
    });
    expect(Object.keys(classifyUrl('http://evil.example/gate.php')?.urlHost ?? {})).toEqual([
      'kind',
      'value',
    ]);
  });
});
