import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test/support/property-runs';
import {
  canonicalCidr,
  canonicalIp,
  formatIpv6,
  ipToBigInt,
  ipv4ToNumber,
  isIpv4,
  isIpv6,
  parseCidr,
  parseIp,
} from './ip';

const fixtures = join(import.meta.dirname, '../../test/fixtures/net');

describe('canonicalIp: IPv4', () => {
  it('keeps a dotted quad', () => {
    expect(canonicalIp('203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalIp('0.0.0.0')).toBe('0.0.0.0');
    expect(canonicalIp('255.255.255.255')).toBe('255.255.255.255');
    expect(canonicalIp('  10.0.2.15\r\n')).toBe('10.0.2.15');
  });

  it('refuses short, octal-looking, hex and out-of-range forms', () => {
    for (const bad of [
      '1.2.3',
      '127.1',
      '2130706433',
      '010.1.1.1',
      '1.02.3.4',
      '0x7f.0.0.1',
      '256.1.1.1',
      '1.2.3.4.',
      '.1.2.3.4',
      '1..2.3',
      '1.2.3.4.5',
      '1.2.3.-4',
      '1.2.3.4 5',
      '1234.1.1.1',
    ]) {
      expect(canonicalIp(bad), bad).toBeNull();
    }
  });
});

describe('canonicalIp: IPv6', () => {
  it('writes RFC 5952 text from every textual form', () => {
    const cases: [string, string][] = [
      ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8::0:1', '2001:db8::1'],
      ['2001:DB8::1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
      ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
      ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['::', '::'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['::1', '::1'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['fe80::', 'fe80::'],
      ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ];
    for (const [input, want] of cases) expect(canonicalIp(input), input).toBe(want);
  });

  it('drops brackets and zone ids', () => {
    expect(canonicalIp('[::]')).toBe('::');
    expect(canonicalIp('[::1]')).toBe('::1');
    expect(canonicalIp('fe80::1%3')).toBe('fe80::1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp('fe80::1%wlp2s0.100')).toBe('fe80::1');
    expect(canonicalIp('fe80::1%Ethernet_2')).toBe('fe80::1');
    expect(canonicalIp('::ffff:10.0.0.1%7')).toBe('10.0.0.1');
    for (const bad of ['fe80::1%3/64', 'fe80::1%eth 0', 'fe80::1%\r', '[fe80::1%3]:80', 'fe80::1%%3'])
      expect(canonicalIp(bad), bad).toBeNull();
    expect(canonicalIp('[FE80::1C5A:2C75:6CE3:9F0%3]')).toBe('fe80::1c5a:2c75:6ce3:9f0');
  });

  it('folds IPv4-mapped and IPv4-compatible addresses to IPv4, but not :: or ::1', () => {
    expect(canonicalIp('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalIp('::FFFF:CB00:7109')).toBe('203.0.113.9');
    expect(canonicalIp('0:0:0:0:0:ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalIp('[::ffff:127.0.0.1]')).toBe('127.0.0.1');
    expect(canonicalIp('::203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalIp('::0.0.0.2')).toBe('0.0.0.2');
    expect(canonicalIp('::0.0.0.1')).toBe('::1');
    expect(canonicalIp('::0.0.0.0')).toBe('::');
    // ::ffff:0:x is IPv4-translated (RFC 2765), not mapped: it stays IPv6.
    expect(canonicalIp('::ffff:0:1.2.3.4')).toBe('::ffff:0:102:304');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      '',
      ' ',
      '*',
      '*:*',
      ':',
      ':::',
      '1:::2',
      '1::2::3',
      ':1::',
      '1::2:',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '12345::',
      'g::1',
      'fe80::1%',
      '[::1',
      '::1]',
      '[::1]:443',
      '::1.2.3',
      '::1.2.3.4:5',
      '1.2.3.4::',
      '[1.2.3.4]',
      '1.2.3.4%eth0',
      '1:2:3:4:5:6:7:1.2.3.4',
      'example.com',
      'localhost',
    ]) {
      expect(canonicalIp(bad), bad).toBeNull();
    }
  });
});

describe('helpers', () => {
  it('isIpv4 and isIpv6 tell the syntax', () => {
    expect(isIpv4('1.2.3.4')).toBe(true);
    expect(isIpv4('::ffff:1.2.3.4')).toBe(false);
    expect(isIpv6('::ffff:1.2.3.4')).toBe(true);
    expect(isIpv6('[fe80::1%3]')).toBe(true);
    expect(isIpv6('1.2.3.4')).toBe(false);
    expect(isIpv6('example.com')).toBe(false);
  });

  it('gives numeric forms', () => {
    expect(ipv4ToNumber('255.255.255.255')).toBe(0xffffffff);
    expect(ipv4ToNumber('::ffff:1.2.3.4')).toBe(0x01020304);
    expect(ipv4ToNumber('::2')).toBe(2);
    expect(ipv4ToNumber('::1')).toBeNull();
    expect(parseIp('2001:db8::1')).toEqual({ family: 6, words: [0x20010db8, 0, 0, 1] });
    expect(ipToBigInt('::ffff:255.0.0.1')).toEqual({ family: 4, value: 0xff000001n });
    expect(ipToBigInt('ffff::')).toEqual({ family: 6, value: 0xffffn << 112n });
  });
});

describe('parseCidr and canonicalCidr', () => {
  it('masks host bits', () => {
    expect(canonicalCidr('198.51.100.7/24')).toBe('198.51.100.0/24');
    expect(canonicalCidr('1.2.3.4/32')).toBe('1.2.3.4/32');
    expect(canonicalCidr('255.255.255.255/0')).toBe('0.0.0.0/0');
    expect(canonicalCidr('223.166.0.0/15')).toBe('223.166.0.0/15');
    expect(canonicalCidr('223.167.0.0/15')).toBe('223.166.0.0/15');
    expect(canonicalCidr('2001:DB8:1234::1/32')).toBe('2001:db8::/32');
    expect(canonicalCidr('2001:db8::ffff/127')).toBe('2001:db8::fffe/127');
    expect(canonicalCidr('::1/128')).toBe('::1/128');
    expect(canonicalCidr('fe80::1/10')).toBe('fe80::/10');
    expect(parseCidr('2001:db8::/33')).toEqual({ family: 6, base: '2001:db8::', prefix: 33 });
  });

  it('folds IPv4-mapped blocks of /96 and longer to IPv4', () => {
    expect(parseCidr('::ffff:0:0/96')).toEqual({ family: 4, base: '0.0.0.0', prefix: 0 });
    expect(parseCidr('::ffff:203.0.113.77/120')).toEqual({ family: 4, base: '203.0.113.0', prefix: 24 });
    expect(canonicalCidr('::ffff:203.0.113.9/128')).toBe('203.0.113.9/32');
    expect(canonicalCidr('::ffff:0:0/95')).toBe('::fffe:0:0/95');
    expect(canonicalCidr('::ffff:0:0/80')).toBe('::/80');
    expect(canonicalCidr('::/96')).toBe('::/96');
    expect(canonicalCidr('::1/128')).toBe('::1/128');
  });

  it('refuses bad prefixes and bare addresses', () => {
    for (const bad of [
      '1.2.3.4',
      '1.2.3.4/33',
      '1.2.3.4/',
      '/24',
      '1.2.3.4/-1',
      '1.2.3.4/2 4',
      '1.2.3/24',
      '::/129',
      '::/1000',
      'example.com/24',
      '1.2.3.4/24/1',
    ]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });
});

describe('netstat captures in test/fixtures/net', () => {
  // Every "Proto Local Foreign" row: the address part of both endpoints, split at the last ':'.
  const rows = readdirSync(fixtures)
    .filter((f) => f.includes('netstat'))
    .flatMap((f) =>
      readFileSync(join(fixtures, f), 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim().split(/\s+/))
        .filter((t) => /^(TCP|UDP)$/.test(t[0] ?? '') && t.length >= 3)
        .map((t) => ({ file: f, local: t[1], remote: t[2] })),
    );
  const hostOf = (endpoint: string): string => endpoint.slice(0, endpoint.lastIndexOf(':'));

  it('reads many rows from several captures', () => {
    expect(rows.length).toBeGreaterThan(80);
    expect(new Set(rows.map((r) => r.file)).size).toBeGreaterThanOrEqual(4);
  });

  it('canonicalises every numeric endpoint and refuses "*:*"', () => {
    for (const { local, remote } of rows) {
      for (const endpoint of [local, remote]) {
        const host = hostOf(endpoint);
        if (host === '*') {
          expect(canonicalIp(host)).toBeNull();
          continue;
        }
        if (!/^[\d.]+$|^\[/.test(host)) continue; // netstat without -n prints host names
        const c = canonicalIp(host);
        expect(c, endpoint).not.toBeNull();
        expect(c).not.toMatch(/[[\]%A-F]/);
        expect(canonicalIp(c!)).toBe(c);
      }
    }
  });

  it('reads the forms those captures hold', () => {
    const all = new Set(rows.flatMap((r) => [canonicalIp(hostOf(r.local)), canonicalIp(hostOf(r.remote))]));
    expect(all).toContain('::');
    expect(all).toContain('::1');
    expect(all).toContain('fe80::1c5a:2c75:6ce3:9f0');
    expect(all).toContain('fe80::5196:ca37:70a7:5de9');
    expect(all).toContain('131.253.34.248');
  });
});

const ipv4Arb = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const groupsArb = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 });
/** Any textual spelling of eight groups: full, padded, upper case, or with one run compressed. */
const ipv6SpellingArb = fc
  .record({
    g: groupsArb,
    upper: fc.boolean(),
    pad: fc.boolean(),
    from: fc.nat(8),
    len: fc.nat(8),
    bracket: fc.boolean(),
    zone: fc.boolean(),
  })
  .map(({ g, upper, pad, from, len, bracket, zone }) => {
    const hex = g.map((x) => {
      const h = x.toString(16);
      return pad ? h.padStart(4, '0') : h;
    });
    const start = Math.min(from, 7);
    const n = Math.min(len, 8 - start);
    const zeroRun = n > 0 && g.slice(start, start + n).every((x) => x === 0);
    let text = zeroRun
      ? `${hex.slice(0, start).join(':')}::${hex.slice(start + n).join(':')}`
      : hex.join(':');
    if (upper) text = text.toUpperCase();
    if (zone) text += '%eth0';
    if (bracket) text = `[${text}]`;
    return { g, text };
  });

describe('properties', () => {
  it('IPv4 round trip: the canonical text is the input', () => {
    fc.assert(
      fc.property(ipv4Arb, (a) => canonicalIp(a) === a),
      { numRuns: propertyRuns(100) },
    );
  });

  it('idempotence: canonical text canonicalises to itself', () => {
    fc.assert(
      fc.property(ipv6SpellingArb, ({ text }) => {
        const c = canonicalIp(text);
        return c !== null && canonicalIp(c) === c;
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('every spelling of the same eight groups gives the same value', () => {
    fc.assert(
      fc.property(ipv6SpellingArb, ({ g, text }) => {
        const want = g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
        const got = ipToBigInt(text)!;
        const mappedOrCompat =
          g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || (g[5] === 0 && want > 1n));
        return mappedOrCompat
          ? got.family === 4 && got.value === (want & 0xffffffffn)
          : got.family === 6 && got.value === want;
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('canonical IPv6 text is compressed, lower case and never keeps a single-group "::"', () => {
    fc.assert(
      fc.property(groupsArb, (g) => {
        const words = [0, 2, 4, 6].map((k) => g[k] * 65536 + g[k + 1]);
        const text = formatIpv6(words);
        const parts = text.split('::');
        const explicit = parts.flatMap((p) => (p === '' ? [] : p.split(':'))).length;
        return (
          text === text.toLowerCase() &&
          parts.length <= 2 &&
          (parts.length === 1 || explicit <= 6) &&
          !/(^|:)0+[0-9a-f]/.test(text)
        );
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('mapped folding: ::ffff:a.b.c.d, its hex spelling and a.b.c.d agree', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (o) => {
        const v4 = o.join('.');
        const hex = `::ffff:${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
        return canonicalIp(`::ffff:${v4}`) === v4 && canonicalIp(hex.toUpperCase()) === v4;
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('CIDR: canonical form is idempotent and contains the address it came from', () => {
    fc.assert(
      fc.property(ipv4Arb, fc.nat(32), (a, p) => {
        const c = canonicalCidr(`${a}/${p}`)!;
        const base = ipToBigInt(c.split('/')[0])!.value;
        const addr = ipToBigInt(a)!.value;
        const hostBits = BigInt(32 - p);
        return (
          canonicalCidr(c) === c &&
          addr >> hostBits === base >> hostBits &&
          (base & ((1n << hostBits) - 1n)) === 0n
        );
      }),
      { numRuns: propertyRuns(100) },
    );
    fc.assert(
      fc.property(ipv6SpellingArb, fc.nat(128), ({ text }, p) => {
        const bare = text.replace(/^\[|\]$/g, '').replace(/%eth0$/, '');
        const c = canonicalCidr(`${bare}/${p}`);
        return c !== null && canonicalCidr(c) === c;
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
