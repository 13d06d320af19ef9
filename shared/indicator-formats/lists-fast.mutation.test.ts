// The fast path of a plain list (issue 19, mutation testing of lists.ts): each bound of what it
// takes as a bare canonical address, block, name or IPv6 address, the number it dedupes an address
// by, and the line breaks it finds on the text itself. What it refuses goes to the slow path,
// which must then give the same indicators.
import { describe, expect, it } from 'vitest';
import { parsePlainList, plainLineFast } from './lists';

const kinds = (text: string) =>
  parsePlainList(text, 'list.txt').indicators.map((i) => `${i.kind}:${i.value}:${i.line}`);

describe('plainLineFast bounds', () => {
  it('dotted quads: four canonical octets 0-255, nothing else', () => {
    for (const ip of ['0.0.0.0', '9.9.9.9', '255.255.255.255', '10.0.0.1', '100.64.0.199'])
      expect(plainLineFast(ip), ip).toBe('ip');
    for (const slow of [
      '1.2.3.4.5',
      '1.2.3',
      '1..2.3',
      '1.2.3.',
      '.1.2.3',
      '256.1.1.1',
      '1.2.3.256',
      '1234.1.1.1',
      '01.2.3.4',
      '1.2.3.00',
      '1-2.3.4.5',
      '1.2.3.4-',
      '1.2.3.4 ',
      '1.2.3.4\t',
    ])
      expect(plainLineFast(slow), slow).toBeNull();
  });

  it('IPv4 blocks: canonical base, prefix 0-32 without a leading zero, no host bits', () => {
    for (const block of ['10.0.0.0/8', '0.0.0.0/0', '203.0.113.9/32', '198.51.100.128/25', '192.168.0.0/16'])
      expect(plainLineFast(block), block).toBe('cidr');
    for (const slow of [
      '10.0.0.1/8',
      '198.51.100.64/25',
      '203.0.113.9/33',
      '203.0.113.9/40',
      '10.0.0.0/08',
      '10.0.0.0/',
      '10.0.0.0/123',
      '10.0.0.0//8',
      '10.0.0.0/8/',
      '10.0.0.0/-1',
      '10.0.0.0/8-',
      '10.0.0.0/a',
      'a.example/8',
      '10.0.0/8',
      '010.0.0.0/8',
      '10.0.0.0/3:',
    ])
      expect(plainLineFast(slow), slow).toBeNull();
  });

  it('names: a-z, 0-9 and "-", labels of 1-63, 253 in all, last label not all digits', () => {
    const label = (n: number, c = 'a') => c.repeat(n);
    for (const name of [
      'z.vn',
      'a9.vn',
      '0day.example',
      'a.4b',
      'x-1.example',
      `${label(63)}.vn`,
      `x.${label(63)}`,
      // 253 characters exactly.
      `${label(63)}.${label(63)}.${label(63)}.${label(61)}`,
    ])
      expect(plainLineFast(name), name.slice(0, 20)).toBe('domain');
    for (const slow of [
      '{.vn',
      '`x.vn',
      'a{.vn',
      'a/b.vn',
      'a_b.vn',
      'a:b.vn',
      'A.vn',
      `${label(64)}.vn`,
      `x.${label(64)}`,
      `${label(63)}.${label(63)}.${label(63)}.${label(62)}`,
      'a.42',
      'a.b.0',
      '.vn',
      'vn.',
      '-a.vn',
      'ví.vn',
    ])
      expect(plainLineFast(slow), slow.slice(0, 20)).toBeNull();
  });

  it('IPv6: only its canonical text (lower case, shortest form)', () => {
    for (const ip of ['2001:db8::1', '::', '::1', 'fe80::1:2']) expect(plainLineFast(ip), ip).toBe('ip');
    for (const slow of ['2001:DB8::1', '2001:0db8::1', 'abc:', '2001:db8::1/64', '::ffff:1.2.3.4', ':::'])
      expect(plainLineFast(slow), slow).toBeNull();
  });
});

describe('the fast path against the slow path', () => {
  it('gives the canonical value whichever path reads a line', () => {
    expect(
      kinds(
        [
          '10.0.0.1/8',
          '2001:0db8::1',
          'A.Example',
          '01.2.3.4',
          '::ffff:1.2.3.4',
          '1.2.3.4.5',
          `${'a'.repeat(64)}.vn`,
          '010.0.0.0/8',
        ].join('\n'),
      ),
    ).toEqual(['cidr:10.0.0.0/8:1', 'ip:2001:db8::1:2', 'domain:a.example:3', 'ip:1.2.3.4:5']);
  });

  it('dedupes addresses by their number: no two addresses taken for one', () => {
    const ips = [
      '1.0.0.0',
      '0.1.0.0',
      '0.0.1.0',
      '0.0.0.1',
      '0.0.0.0',
      '1.2.3.4',
      '4.3.2.1',
      '1.2.3.40',
      '1.2.34.0',
      '12.3.4.0',
      '255.255.255.255',
      '255.255.255.254',
      '128.0.0.0',
      '0.0.0.128',
    ];
    const r = parsePlainList(`${ips.join('\n')}\n${ips.join('\n')}\n`, 'c2.txt');
    expect(r.indicators.map((i) => i.value)).toEqual(ips);
    expect(r.skipped).toBe(ips.length);
  });

  it('dedupes names, blocks and IPv6 text of the fast path, each kind apart', () => {
    const r = parsePlainList(
      'evil.example\n10.0.0.0/8\n2001:db8::1\nevil.example\n10.0.0.0/8\n2001:db8::1\nevil.example.vn\n10.0.0.0/16\n2001:db8::10\n',
      'c2.txt',
    );
    expect(r.indicators.map((i) => `${i.kind}:${i.value}:${i.line}`)).toEqual([
      'domain:evil.example:1',
      'cidr:10.0.0.0/8:2',
      'ip:2001:db8::1:3',
      'domain:evil.example.vn:7',
      'cidr:10.0.0.0/16:8',
      'ip:2001:db8::10:9',
    ]);
    expect(r.skipped).toBe(3);
  });
});

describe('line breaks found on the text', () => {
  it('LF, CR LF and a lone CR each end a line, on the fast and the slow path', () => {
    expect(kinds('203.0.113.9\r\nevil.example\rc2.example\n# note\r198.51.100.7\r\r\nx.example')).toEqual([
      'ip:203.0.113.9:1',
      'domain:evil.example:2',
      'domain:c2.example:3',
      'ip:198.51.100.7:5',
      'domain:x.example:7',
    ]);
    // A lone CR after a line the slow path reads (a comment, a URL, a score) still ends it.
    expect(kinds('c2.example;90\rhttp://a.example/x\r203.0.113.9\r\n')).toEqual([
      'domain:c2.example:1',
      'url:http://a.example/x:2',
      'domain:a.example:2',
      'ip:203.0.113.9:3',
    ]);
    expect(kinds('\n\n\r\n203.0.113.9')).toEqual(['ip:203.0.113.9:4']);
    expect(kinds('203.0.113.9\r')).toEqual(['ip:203.0.113.9:1']);
    expect(kinds('')).toEqual([]);
    expect(parsePlainList('\r\n\r\n', 'f').errors).toEqual([]);
  });

  it('an error on a line after lone CRs names that line', () => {
    const r = parsePlainList('a.example\rb.example\rnot one\r\nc.example\n', 'list.txt');
    expect(r.errors.map((e) => e.line)).toEqual([3]);
    expect(r.indicators.map((i) => i.line)).toEqual([1, 2, 4]);
  });
});

// The survivors of the Stryker run of 2026-12-02 20:26 UTC (feed-lists): lines the fast path must
// leave to the slow one, which refuses them (a wrongly fast line would be kept as an indicator),
// and bounds of blocks and names it must take.
describe('survivors of the feed-lists run', () => {
  const notValues = [
    '1.2.3.4.',
    '/gate.php',
    '/evil.example',
    '0.0.0.0/123',
    '1.2.3/32',
    '01.2.3.4/32',
    '0.0.0.0/-',
    '0.0.0.0/1-',
    '0.0.0.0/1.',
    'evil.123',
    'evil.99',
  ];

  it('near-values are errors on their own lines, wherever they stand in the list, never indicators', () => {
    for (const sep of ['\n', '\r\n', '\r']) {
      const r = parsePlainList(`${notValues.join(sep)}${sep}`, 'list.txt');
      expect(r.indicators, JSON.stringify(sep)).toEqual([]);
      expect(r.errors.map((e) => e.line)).toEqual(notValues.map((_, i) => i + 1));
    }
    for (const v of notValues) {
      expect(plainLineFast(v), v).toBeNull();
      expect(parsePlainList(v, 'list.txt').errors, v).toHaveLength(1);
    }
  });

  it('prefixes with a 9 and names whose last label mixes digits and "-" are read fast', () => {
    for (const block of ['0.0.0.0/9', '0.0.0.0/19', '0.0.0.0/29'])
      expect(plainLineFast(block), block).toBe('cidr');
    for (const name of ['evil.0-1', 'a.1-2', 'x.9-a']) expect(plainLineFast(name), name).toBe('domain');
    expect(kinds('evil.0-1\n0.0.0.0/19\n')).toEqual(['domain:evil.0-1:1', 'cidr:0.0.0.0/19:2']);
  });

  it('two values on a slow line: the error quotes the line without its line break', () => {
    for (const sep of ['\n', '\r\n', '\r'])
      expect(parsePlainList(`203.0.113.9 198.51.100.1${sep}x.vn`, 'list.txt').errors).toEqual([
        {
          file: 'list.txt',
          line: 1,
          message:
            'dòng có nhiều hơn một giá trị "203.0.113.9 198.51.100.1"; mỗi dòng chỉ một IP, dải CIDR, tên miền hoặc URL (more than one value on the line; expected one IP, CIDR, domain or URL per line)',
        },
      ]);
  });
});
