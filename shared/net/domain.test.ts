import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test/support/property-runs';
import { canonicalDomain, domainSuffixes, isDomain } from './domain';

const fixtures = join(import.meta.dirname, '../../test/fixtures/net');

describe('canonicalDomain', () => {
  it('lower-cases and drops one trailing dot', () => {
    expect(canonicalDomain('Evil.Example')).toBe('evil.example');
    expect(canonicalDomain('evil.example.')).toBe('evil.example');
    expect(canonicalDomain('  A.B.Evil.EXAMPLE.  ')).toBe('a.b.evil.example');
    expect(canonicalDomain('evil.example..')).toBeNull();
  });

  it('turns IDN into punycode, so every spelling meets in one form', () => {
    expect(canonicalDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(canonicalDomain('BÜCHER.example')).toBe('xn--bcher-kva.example');
    expect(canonicalDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(canonicalDomain('bộcôngan.vn')).toBe(canonicalDomain('BỘCÔNGAN.VN'));
    expect(canonicalDomain('bộcôngan.vn')).toMatch(/^xn--[a-z0-9-]+\.vn$/);
    expect(canonicalDomain('例え。テスト')).toBe('xn--r8jz45g.xn--zckzah');
  });

  it('strips a leading "*." and refuses other wildcards', () => {
    expect(canonicalDomain('*.evil.example')).toBe('evil.example');
    expect(canonicalDomain('*')).toBeNull();
    expect(canonicalDomain('*.')).toBeNull();
    expect(canonicalDomain('a.*.example')).toBeNull();
    expect(canonicalDomain('*evil.example')).toBeNull();
  });

  it('tolerates underscores and keeps single-label names', () => {
    expect(canonicalDomain('_ldap._tcp.dc._msdcs.corp.example')).toBe('_ldap._tcp.dc._msdcs.corp.example');
    expect(canonicalDomain('DESKTOP-DQP1BRI')).toBe('desktop-dqp1bri');
    expect(canonicalDomain('1.0.25.172.in-addr.arpa.')).toBe('1.0.25.172.in-addr.arpa');
  });

  it('refuses IP literals, numeric last labels, spaces, ports, paths and bad lengths', () => {
    const bad = [
      '',
      '.',
      '  ',
      '203.0.113.9',
      '[::1]',
      '::1',
      '1.2.3',
      'evil.123',
      'evil example',
      'evil.example:443',
      'evil.example/path',
      'user@evil.example',
      'http://evil.example',
      'a..b',
      '.evil.example',
      `${'a'.repeat(64)}.example`,
      `${'a'.repeat(63)}.`.repeat(4) + 'example',
      'ví dụ.vn',
      'evil.example%00',
    ];
    for (const b of bad) expect(canonicalDomain(b), b).toBeNull();
    expect(canonicalDomain(`${'a'.repeat(63)}.example`)).not.toBeNull();
  });

  it('isDomain agrees', () => {
    expect(isDomain('evil.example')).toBe(true);
    expect(isDomain('1.2.3.4')).toBe(false);
  });
});

describe('domainSuffixes', () => {
  it('lists the name and its parents, most specific first', () => {
    expect(domainSuffixes('a.b.evil.example')).toEqual([
      'a.b.evil.example',
      'b.evil.example',
      'evil.example',
      'example',
    ]);
    expect(domainSuffixes('localhost')).toEqual(['localhost']);
  });
});

describe('names in the ipconfig /displaydns capture', () => {
  it('canonicalises every record name and CNAME target', () => {
    const text = readFileSync(join(fixtures, '14_ipconfig_displaydns.txt'), 'utf8');
    const names = [
      ...text.matchAll(/^ +(?:Record Name|CNAME Record|PTR Record|Eintragsname)[ .]*: (\S+)/gm),
    ].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    for (const n of names) {
      const c = canonicalDomain(n);
      expect(c, n).not.toBeNull();
      expect(c).toBe(n.toLowerCase().replace(/\.$/, ''));
    }
  });
});

const labelArb = fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,20}$/);
const nameArb = fc
  .array(labelArb, { minLength: 1, maxLength: 5 })
  .chain((labels) =>
    fc.constantFrom('com', 'example', 'vn', 'xn--p1ai').map((tld) => [...labels, tld].join('.')),
  );

describe('properties', () => {
  it('idempotence and case-insensitivity', () => {
    fc.assert(
      fc.property(nameArb, fc.boolean(), (name, dot) => {
        const c = canonicalDomain(dot ? `${name}.` : name);
        return (
          c === name.toLowerCase() && canonicalDomain(c) === c && canonicalDomain(name.toUpperCase()) === c
        );
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('a wildcard is the same as its base', () => {
    fc.assert(
      fc.property(nameArb, (name) => canonicalDomain(`*.${name}`) === canonicalDomain(name)),
      { numRuns: propertyRuns(100) },
    );
  });

  it('never returns something that is an IP address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => canonicalDomain(ip) === null),
      { numRuns: propertyRuns(100) },
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => canonicalDomain(ip) === null),
      { numRuns: propertyRuns(100) },
    );
  });
});
