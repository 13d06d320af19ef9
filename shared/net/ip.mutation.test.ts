// Edges of IP canonicalisation (shared/net/ip.ts) that mutation testing (issue 19) showed no test
// pinned down: the exact white space that is trimmed, characters just outside the digit and hex
// ranges, the helpers the indicator index and the feed builder call directly.
import { describe, expect, it } from 'vitest';
import {
  canonicalCidr,
  canonicalIp,
  formatIpv4,
  formatIpv6,
  ipv4ToNumber,
  isCanonicalIpv4,
  isIpv4,
  isIpv6,
  ipToBigInt,
  parseCidr,
  parseCidrNumeric,
  parseIp,
  parseIpInto,
  prefixMask32,
} from './ip';

describe('white space around an address', () => {
  it('trims space, tab, line feed, vertical tab, form feed and carriage return, nothing else', () => {
    for (const ws of [' ', '\t', '\n', '\v', '\f', '\r']) {
      expect(canonicalIp(`${ws}203.0.113.9${ws}`), JSON.stringify(ws)).toBe('203.0.113.9');
      expect(canonicalIp(`${ws}2001:DB8::1${ws}`), JSON.stringify(ws)).toBe('2001:db8::1');
    }
    // Backspace (8) and shift-out (14) sit just outside the white-space range: not an address.
    for (const c of ['\b', '\x0e', '\u00a0x']) {
      expect(canonicalIp(`${c}203.0.113.9`), JSON.stringify(c)).toBeNull();
      expect(canonicalIp(`203.0.113.9${c}`), JSON.stringify(c)).toBeNull();
    }
  });

  it('isIpv4 and isIpv6 trim too', () => {
    expect(isIpv4('\t10.0.0.1\r\n')).toBe(true);
    expect(isIpv6(' [fe80::1%3] ')).toBe(true);
    expect(isIpv6(' fe80::1 ')).toBe(true);
  });
});

describe('characters just outside the ranges', () => {
  it('refuses "/" and ":" inside a dotted quad, and digits above 9', () => {
    for (const bad of ['1.2.3.4/', '1.2.3./', '1.2.3.:', '1.2:3.4', '/1.2.3.4', '1.2.3.4:']) {
      expect(canonicalIp(bad), bad).toBeNull();
      expect(isIpv4(bad), bad).toBe(false);
    }
  });

  it('reads hex digits a–f and A–F, and refuses g, G, "@", "`" and non-ASCII letters', () => {
    expect(canonicalIp('ABCD:EF01::AF')).toBe('abcd:ef01::af');
    expect(canonicalIp('abcd:ef01::af')).toBe('abcd:ef01::af');
    expect(canonicalIp('0:9::9')).toBe('0:9::9');
    for (const bad of ['G::1', 'g::1', '@::1', '`::1', '\u0080::1', 'é::1', '::1é', 'fe80::ａ']) {
      expect(canonicalIp(bad), bad).toBeNull();
      expect(isIpv6(bad), bad).toBe(false);
    }
  });

  it('takes a zone id of letters, digits, ".", "-" and "_" only', () => {
    for (const zone of ['az', 'AZ', '09', 'a.b', 'a-b', 'a_b', 'Z9'])
      expect(canonicalIp(`fe80::1%${zone}`), zone).toBe('fe80::1');
    for (const zone of ['`', '{', '@', '[', '/', ':', ',', '+', 'é'])
      expect(canonicalIp(`fe80::1%${zone}`), zone).toBeNull();
    expect(isIpv6('fe80::1%eth0')).toBe(true);
    expect(isIpv6('fe80::1%')).toBe(false);
    expect(isIpv6('fe80::1%eth 0')).toBe(false);
    expect(isIpv6('[fe80::1')).toBe(false);
    expect(isIpv6('::1]')).toBe(false);
  });
});

describe('IPv6 group counting', () => {
  it('takes eight groups, or fewer with one "::", never nine or a "::" standing for nothing', () => {
    expect(canonicalIp('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(canonicalIp('1:2:3:4:5:6::7')).toBe('1:2:3:4:5:6:0:7');
    expect(canonicalIp('1::3:4:5:6:7:8')).toBe('1:0:3:4:5:6:7:8');
    expect(canonicalIp('1:2:3:4:5:6:7:8::')).toBeNull();
    expect(canonicalIp('::1:2:3:4:5:6:7:8')).toBeNull();
    expect(canonicalIp('1:2:3:4::5:6:7:8')).toBeNull();
    expect(canonicalIp('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(canonicalIp('12345::1')).toBeNull();
    expect(canonicalIp('fe80::1g2')).toBeNull();
    expect(canonicalIp('1:2:3:4:5:6:7x8')).toBeNull();
    expect(canonicalIp('::1::2')).toBeNull();
    expect(canonicalIp('1234::1')).toBe('1234::1');
  });

  it('places a trailing dotted quad in the last two groups, after six groups or a "::"', () => {
    expect(canonicalIp('1:2:3:4:5:6:1.2.3.4')).toBe('1:2:3:4:5:6:102:304');
    expect(canonicalIp('1::1.2.3.4')).toBe('1::102:304');
    expect(canonicalIp('1:2:3:4:5:6:7:1.2.3.4')).toBeNull();
    expect(canonicalIp('1:2:3:4:5::1.2.3.4')).toBe('1:2:3:4:5:0:102:304');
    expect(canonicalIp('::ffff:1.2.3')).toBeNull();
    expect(canonicalIp('::ffff:01.2.3.4')).toBeNull();
    expect(canonicalIp('::FFFF:1.2.3.4')).toBe('1.2.3.4');
    expect(canonicalIp('::fffe:1.2.3.4')).toBe('::fffe:102:304');
    // One wrong character anywhere in "::ffff:" and the text is no address at all.
    for (const bad of [
      'x:ffff:1.2.3.4',
      ':xffff:1.2.3.4',
      '::xfff:1.2.3.4',
      '::fxff:1.2.3.4',
      '::ffxf:1.2.3.4',
      '::fffx:1.2.3.4',
      '::ffffx1.2.3.4',
    ])
      expect(canonicalIp(bad), bad).toBeNull();
    expect(canonicalIp(':ffff:1.2.3.4')).toBeNull();
    expect(canonicalIp('::ffff1.2.3.4')).toBeNull();
  });

  it('folds only the first 80 zero bits followed by ffff or 0000 to IPv4', () => {
    expect(canonicalIp('1::ffff:1.2.3.4')).toBe('1::ffff:102:304');
    expect(canonicalIp('0:1::ffff:1.2.3.4')).toBe('0:1::ffff:102:304');
    expect(canonicalIp('0:0:1::ffff:1.2.3.4')).toBe('::1:0:0:ffff:102:304');
    expect(canonicalIp('0:0:0:1::ffff:102:304')).toBe('::1:0:ffff:102:304');
    expect(canonicalIp('0:0:0:0:1:ffff:102:304')).toBe('::1:ffff:102:304');
    expect(canonicalIp('::2')).toBe('0.0.0.2');
    expect(canonicalIp('::1:0')).toBe('0.1.0.0');
    expect(canonicalIp('::1')).toBe('::1');
    expect(canonicalIp('::ffff:0:0')).toBe('0.0.0.0');
  });
});

describe('parseIpInto (the index hot path)', () => {
  it('writes IPv4 into out[0] and IPv6 into four unsigned words', () => {
    const out = new Uint32Array(4);
    expect(parseIpInto(' 198.51.100.7 ', out)).toBe(4);
    expect(out[0]).toBe(0xc6336407);
    expect(parseIpInto('9.9.9.9', out)).toBe(4);
    expect(out[0]).toBe(0x09090909);
    expect(parseIpInto('0.0.0.0', out)).toBe(4);
    expect(out[0]).toBe(0);
    expect(parseIpInto(' 198.51.100.7 ', out)).toBe(4);
    expect(out[0]).toBe(0xc6336407);
    expect(parseIpInto('[2001:db8:1:2:3:4:5:6]', out)).toBe(6);
    expect([...out]).toEqual([0x20010db8, 0x00010002, 0x00030004, 0x00050006]);
    expect(parseIpInto('::ffff:198.51.100.7', out)).toBe(4);
    expect(out[0]).toBe(0xc6336407);
    expect(parseIpInto('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', out)).toBe(6);
    expect([...out]).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    expect(parseIpInto('evil.example', out)).toBe(0);
    expect(parseIpInto('', out)).toBe(0);
    expect(parseIpInto('   ', out)).toBe(0);
  });

  it('gives the IPv4 number for mapped, compatible and dotted forms only', () => {
    expect(ipv4ToNumber('0.0.0.0')).toBe(0);
    expect(ipv4ToNumber('[::ffff:0.0.0.1]')).toBe(1);
    expect(ipv4ToNumber('2001:db8::1')).toBeNull();
    expect(ipv4ToNumber('x')).toBeNull();
  });
});

describe('formatting', () => {
  it('writes dotted quads from unsigned values', () => {
    expect(formatIpv4(0)).toBe('0.0.0.0');
    expect(formatIpv4(0xffffffff)).toBe('255.255.255.255');
    expect(formatIpv4(0x0a000102)).toBe('10.0.1.2');
    expect(formatIpv4(0x80ff7f01)).toBe('128.255.127.1');
  });

  it('writes IPv6 from signed or unsigned words, compressing the longest zero run', () => {
    expect(formatIpv6(Int32Array.of(-1, 0, 0, 1))).toBe('ffff:ffff::1');
    expect(formatIpv6([0, 0, 0, 0])).toBe('::');
    expect(formatIpv6([0x10000, 0, 0, 0x10000])).toBe('1::1:0');
    expect(formatIpv6([0x10000, 0x1, 0, 0])).toBe('1:0:0:1::');
    expect(formatIpv6([0x10002, 0x30000, 0x40000, 0x5])).toBe('1:2:3:0:4::5');
    expect(formatIpv6([0, 0x10000, 0, 0x1])).toBe('0:0:1::1');
    expect(formatIpv6([0x1, 0x20003, 0x40005, 0x60007])).toBe('0:1:2:3:4:5:6:7');
  });
});

describe('prefixMask32 (the address table masks with it)', () => {
  it('sets the top bits, 0 at or below zero and all at or above 32', () => {
    expect(prefixMask32(-31)).toBe(0);
    expect(prefixMask32(0)).toBe(0);
    expect(prefixMask32(1)).toBe(0x80000000);
    expect(prefixMask32(24)).toBe(0xffffff00);
    expect(prefixMask32(31)).toBe(0xfffffffe);
    expect(prefixMask32(32)).toBe(0xffffffff);
    expect(prefixMask32(64)).toBe(0xffffffff);
  });
});

describe('CIDR edges', () => {
  it('reads prefixes of one to three digits, and refuses a fourth or a sign', () => {
    expect(canonicalCidr('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(canonicalCidr('10.1.2.3/008')).toBe('10.0.0.0/8');
    expect(canonicalCidr('2001:db8::1/0128')).toBeNull();
    expect(canonicalCidr('10.1.2.3/+8')).toBeNull();
    expect(canonicalCidr('10.1.2.3/8:')).toBeNull();
    expect(canonicalCidr('10.1.2.3//8')).toBeNull();
    expect(canonicalCidr(' 10.1.2.3/8 ')).toBe('10.0.0.0/8');
  });

  it('reads bracketed IPv6 blocks and refuses a missing bracket', () => {
    expect(canonicalCidr('[2001:db8::1]/64')).toBe('2001:db8::/64');
    expect(canonicalCidr('[2001:db8::1/64')).toBeNull();
    expect(canonicalCidr('2001:db8::1]/64')).toBeNull();
    expect(canonicalCidr('2001:db8::1/129')).toBeNull();
    expect(canonicalCidr('2001:db8::1/128')).toBe('2001:db8::1/128');
  });

  it('masks each 32-bit word by its share of the prefix', () => {
    expect(canonicalCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1')).toBe('8000::/1');
    expect(canonicalCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/33')).toBe('ffff:ffff:8000::/33');
    expect(canonicalCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/65')).toBe('ffff:ffff:ffff:ffff:8000::/65');
    expect(canonicalCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/97')).toBe(
      'ffff:ffff:ffff:ffff:ffff:ffff:8000:0/97',
    );
    expect(canonicalCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/127')).toBe(
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127',
    );
  });

  it('folds IPv4-compatible blocks of /96 and longer, but not those holding :: or ::1', () => {
    expect(parseCidr('::203.0.113.0/120')).toEqual({ family: 4, base: '203.0.113.0', prefix: 24 });
    expect(parseCidr('::0.0.0.2/128')).toEqual({ family: 4, base: '0.0.0.2', prefix: 32 });
    expect(parseCidr('::0.0.0.1/128')).toEqual({ family: 6, base: '::1', prefix: 128 });
    expect(parseCidr('::0.0.0.3/127')).toEqual({ family: 4, base: '0.0.0.2', prefix: 31 });
    expect(parseCidr('::0.0.0.1/127')).toEqual({ family: 6, base: '::', prefix: 127 });
    expect(parseCidr('::fffe:1.2.3.4/128')).toEqual({ family: 6, base: '::fffe:102:304', prefix: 128 });
    expect(parseCidr('::ffff:1.2.3.4/95')).toEqual({ family: 6, base: '::fffe:0:0', prefix: 95 });
    expect(parseCidr('1::ffff:1.2.3.4/128')).toEqual({ family: 6, base: '1::ffff:102:304', prefix: 128 });
    expect(parseCidr('0:0:1::ffff:1.2.3.4/128')).toEqual({
      family: 6,
      base: '::1:0:0:ffff:102:304',
      prefix: 128,
    });
  });
});

describe('isCanonicalIpv4 (the feed builder keeps such text as it is)', () => {
  it('accepts a dotted quad exactly as formatIpv4 writes it', () => {
    for (const ok of ['0.0.0.0', '1.2.3.4', '9.99.199.255', '255.255.255.255', '10.0.0.1'])
      expect(isCanonicalIpv4(ok), ok).toBe(true);
  });

  it('refuses leading zeros, short or long forms, big octets, white space and other characters', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.00',
      '256.0.0.0',
      '1.2.3.1000',
      '1234.1.1.1',
      '1..2.3',
      '1.2.3.',
      '1.2.3.4.',
      '.1.2.3',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.4/',
      '1.2.3./',
      '1.2.3.:',
      '1.2.3.a',
      '::ffff:1.2.3.4',
    ])
      expect(isCanonicalIpv4(bad), bad).toBe(false);
  });
});

describe('the answers for text that is no address, and the smallest and widest values', () => {
  it('parseIp and ipToBigInt give null for a host name, an empty text or a broken address', () => {
    for (const bad of ['evil.example', '', '1.2.3', '2001:db8::1::2', '[::1'])
      for (const f of [parseIp, ipToBigInt]) expect(f(bad), `${f.name}(${JSON.stringify(bad)})`).toBeNull();
    expect(ipToBigInt('203.0.113.9')).toEqual({ family: 4, value: 0xcb007109n });
  });

  it('isIpv4 takes the all-zero address, which is a value 0', () => {
    expect(isIpv4('0.0.0.0')).toBe(true);
    expect(isIpv4(' 0.0.0.0 ')).toBe(true);
    expect(parseIp('0.0.0.0')).toEqual({ family: 4, value: 0 });
  });

  it('prefixMask32 is all ones for any width of 32 or more, not the shift of 32 - bits', () => {
    // A shift by a negative count wraps modulo 32 in JavaScript: 40 bits would give 0xff000000.
    expect(prefixMask32(33)).toBe(0xffffffff);
    expect(prefixMask32(40)).toBe(0xffffffff);
    expect(prefixMask32(48)).toBe(0xffffffff);
  });

  it('refuses a prefix length with a letter or a colon in it, even when its char codes sum to a valid length', () => {
    // Read digit by digit, "6a" would be 6 * 10 + 49 = 109 and "2:" 2 * 10 + 10 = 30.
    for (const bad of ['2001:db8::/6a', '2001:db8::/4A', '203.0.113.0/2:', '203.0.113.0/2;', '10.0.0.0/ 8'])
      expect(parseCidrNumeric(bad), bad).toBeNull();
    expect(parseCidr('2001:db8::/64')).toEqual({ family: 6, base: '2001:db8::', prefix: 64 });
    expect(parseCidr('203.0.113.0/24')).toEqual({ family: 4, base: '203.0.113.0', prefix: 24 });
  });
});
