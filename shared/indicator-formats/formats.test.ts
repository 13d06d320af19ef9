// Behaviour of each feed shape beyond the realdata: what users put in lists, how bad lines are
// reported, encodings, and the STIX/MISP rules (negations, to_ids, revoked, pattern types).
import { describe, expect, it } from 'vitest';
import { parseFeed, parseMispJson, parseStixBundle, parseThreatfoxCsv } from '.';
import { parseCsvLine } from './abusech';

const utf16le = (text: string): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
};
const utf16be = (text: string): Uint8Array => {
  const le = utf16le(text);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1]!;
    out[i + 1] = le[i]!;
  }
  return out;
};

describe('plain lists', () => {
  const list = [
    '# campaign list',
    '203.0.113.9',
    '198.51.100.7/24',
    '2001:DB8:0:0:0:0:0:1',
    '::ffff:192.0.2.44',
    'Evil.Example.',
    '*.wild.example',
    'https://bad.example:8443/path?q=1',
    '203.0.113.10:4444',
    'not a value',
    'xn--',
    '203.0.113.9',
    '',
  ].join('\n');

  it('canonicalises every kind of value and keeps the first line of a duplicate', () => {
    const r = parseFeed(list, 'list.txt');
    expect(r.format).toBe('plain');
    expect(r.indicators.map((i) => [i.kind, i.value, i.line])).toEqual([
      ['ip', '203.0.113.9', 2],
      ['cidr', '198.51.100.0/24', 3],
      ['ip', '2001:db8::1', 4],
      ['ip', '192.0.2.44', 5],
      ['domain', 'evil.example', 6],
      ['domain', 'wild.example', 7],
      ['url', 'https://bad.example:8443/path?q=1', 8],
      ['domain', 'bad.example', 8],
      ['ip', '203.0.113.10', 9],
    ]);
    expect(r.indicators[7]).toMatchObject({ port: 8443, fromUrl: 'https://bad.example:8443/path?q=1' });
    expect(r.indicators[8]?.port).toBe(4444);
    expect(r.skipped).toBe(1);
  });

  it('reports each malformed line with file, line and what was expected, and goes on', () => {
    const r = parseFeed(list, 'list.txt');
    expect(r.errors.map((e) => [e.file, e.line])).toEqual([
      ['list.txt', 10],
      ['list.txt', 11],
    ]);
    expect(r.errors[0]?.message).toMatch(/expected one IP, CIDR, domain or URL per line/);
    expect(r.errors[1]?.message).toMatch(/"xn--".*not a valid IP, CIDR, domain or URL/);
  });

  it("reads Loki's c2-iocs.txt score as severity and Spamhaus-style '; comment'", () => {
    const r = parseFeed(
      '# APT X\nbad.example;90\n203.0.113.5;60\n198.51.100.0/24 ; SBL12345\n',
      'c2-iocs.txt',
    );
    expect(r.indicators).toEqual([
      { kind: 'domain', value: 'bad.example', line: 2, severity: 'critical' },
      { kind: 'ip', value: '203.0.113.5', line: 3, severity: 'medium' },
      { kind: 'cidr', value: '198.51.100.0/24', line: 4, comment: 'SBL12345' },
    ]);
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM, and strips a UTF-8 BOM', () => {
    const text = '# list\r\n203.0.113.9\r\nhỏng.example\r\n';
    for (const bytes of [utf16le(text), utf16be(text), new TextEncoder().encode(`\ufeff${text}`)]) {
      const r = parseFeed(bytes, 'l.txt');
      expect(r.indicators.map((i) => i.value)).toEqual(['203.0.113.9', 'xn--hng-1lz.example']);
    }
  });
});

describe('hosts lists', () => {
  it('takes every name of a line, skips localhost lines and never lists the sinkhole address', () => {
    const r = parseFeed(
      '127.0.0.1 localhost\n::1 localhost ip6-localhost\n255.255.255.255 broadcasthost\n0.0.0.0 a.example b.example # ads\n0.0.0.0 bad_name!\n',
      'hosts',
    );
    expect(r.format).toBe('hosts');
    expect(r.indicators).toEqual([
      { kind: 'domain', value: 'a.example', line: 4 },
      { kind: 'domain', value: 'b.example', line: 4 },
    ]);
    expect(r.skipped).toBe(4);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'hosts', line: 5 });
    expect(r.errors[0]?.message).toMatch(/"bad_name!"/);
  });
});

describe('files that are not feeds', () => {
  it('does not take "address description" lines for hosts entries', () => {
    const r = parseFeed('203.0.113.9 Dridex\n203.0.113.10 Emotet\n', 'notes.txt');
    expect(r.format).toBe('unknown');
    expect(r.indicators).toEqual([]);
  });

  it('says what an empty file, a PNG and an HTML page are', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const cases: [Uint8Array | string, RegExp][] = [
      ['', /an empty file/],
      [png, /a PNG image/],
      ['<!DOCTYPE html><html><body>Login</body></html>', /an HTML page/],
      ['{"hello": "world"}', /neither STIX nor MISP/],
    ];
    for (const [input, what] of cases) {
      const r = parseFeed(input, 'x');
      expect(r.format).toBe('unknown');
      expect(r.indicators).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]?.message).toMatch(what);
      expect(r.errors[0]?.message).toMatch(/Accepted formats: .*STIX 2\.1, MISP JSON/);
    }
  });
});

describe('STIX bundles', () => {
  const bundle = JSON.stringify(
    {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        { type: 'indicator', id: 'indicator--a', pattern: "[ipv4-addr:value ISSUBSET '198.51.100.0/24']" },
        {
          type: 'indicator',
          id: 'indicator--b',
          pattern: "[ipv6-addr:value IN ('2001:db8::1', '2001:DB8::2')]",
        },
        { type: 'indicator', id: 'indicator--c', pattern: "[ipv4-addr:value != '203.0.113.1']" },
        { type: 'indicator', id: 'indicator--d', pattern: "[domain-name:value LIKE '%.evil.example']" },
        { type: 'indicator', id: 'indicator--e', pattern_type: 'sigma', pattern: 'title: x' },
        {
          type: 'indicator',
          id: 'indicator--f',
          revoked: true,
          pattern: "[ipv4-addr:value = '203.0.113.2']",
        },
        {
          type: 'indicator',
          id: 'indicator--g',
          pattern: "[file:hashes.MD5 = '0749bae92ca336a02c83d126e04ec628']",
        },
        { type: 'ipv4-addr', id: 'ipv4-addr--h', value: '::ffff:203.0.113.77' },
        { type: 'domain-name', id: 'domain-name--i', value: 'SCO.Example' },
        { type: 'url', id: 'url--j', value: 'http://[2001:db8::9]:8080/x' },
      ],
    },
    null,
    2,
  );

  it('reads ISSUBSET, IN lists and SCOs; skips negations, regexes, other pattern types, revoked and hashes', () => {
    const r = parseStixBundle(bundle, 'b.json');
    expect(r.errors).toEqual([]);
    expect(r.indicators.map((i) => [i.kind, i.value, i.id])).toEqual([
      ['cidr', '198.51.100.0/24', 'indicator--a'],
      ['ip', '2001:db8::1', 'indicator--b#2001:db8::1'],
      ['ip', '2001:db8::2', 'indicator--b#2001:db8::2'],
      ['ip', '203.0.113.77', 'ipv4-addr--h'],
      ['domain', 'sco.example', 'domain-name--i'],
      ['url', 'http://[2001:db8::9]:8080/x', 'url--j'],
      ['ip', '2001:db8::9', 'url--j#2001:db8::9'],
    ]);
    expect(r.skipped).toBe(5);
    const lines = bundle.split('\n');
    const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.indicators[0]?.line).toBe(lineOf('ISSUBSET'));
    expect(r.indicators[4]?.line).toBe(lineOf('SCO.Example'));
  });

  it('detects a STIX bundle from content whatever the file is called', () => {
    expect(parseFeed(bundle, 'feed.txt').format).toBe('stix');
  });

  it('reports a truncated bundle with the line of the break and keeps the patterns before it', () => {
    const cut = bundle.slice(0, bundle.indexOf('indicator--c'));
    const r = parseFeed(cut, 'cut.json');
    expect(r.format).toBe('stix');
    expect(r.indicators.map((i) => i.value)).toEqual(['198.51.100.0/24', '2001:db8::1', '2001:db8::2']);
    expect(r.errors.at(-1)?.message).toMatch(/not a complete STIX JSON bundle/);
    expect(r.errors.at(-1)?.line).toBe(cut.split('\n').length);
  });
});

describe('MISP events', () => {
  const event = JSON.stringify(
    {
      Event: {
        info: 'Campaign X',
        threat_level_id: '1',
        Attribute: [
          { uuid: 'u1', type: 'ip-dst', value: '203.0.113.9', to_ids: true },
          { uuid: 'u2', type: 'domain|ip', value: 'evil.example|198.51.100.4', to_ids: true, comment: 'C2' },
          { uuid: 'u3', type: 'ip-dst|port', value: '192.0.2.8|8443', to_ids: true },
          { uuid: 'u4', type: 'hostname', value: 'resolver.example', to_ids: false },
          { uuid: 'u5', type: 'ip-src', value: '203.0.113.300', to_ids: true },
          { uuid: 'u6', type: 'url', value: 'https://dl.evil.example/a.exe', to_ids: '1' },
          { uuid: 'u7', type: 'ip-dst', value: '203.0.113.99', to_ids: true, deleted: true },
        ],
        Object: [
          {
            name: 'domain-ip',
            Attribute: [{ uuid: 'u8', type: 'ip-dst', value: '2001:db8::50', to_ids: true }],
          },
        ],
      },
    },
    null,
    1,
  );

  it('splits domain|ip and ip|port, reads object attributes, uses threat level as severity', () => {
    const r = parseMispJson(event, 'e.json');
    expect(r.indicators.map((i) => [i.kind, i.value, i.id, i.port, i.severity])).toEqual([
      ['ip', '203.0.113.9', 'u1', undefined, 'high'],
      ['domain', 'evil.example', 'u2#evil.example', undefined, 'high'],
      ['ip', '198.51.100.4', 'u2#198.51.100.4', undefined, 'high'],
      ['ip', '192.0.2.8', 'u3', 8443, 'high'],
      ['url', 'https://dl.evil.example/a.exe', 'u6', undefined, 'high'],
      ['domain', 'dl.evil.example', 'u6#dl.evil.example', undefined, 'high'],
      ['ip', '2001:db8::50', 'u8', undefined, 'high'],
    ]);
    expect(r.indicators[1]?.comment).toBe('C2');
    expect(r.indicators[0]?.comment).toBe('Campaign X');
  });

  it('leaves out to_ids=false attributes by default, says how many, and keeps them on request', () => {
    const r = parseMispJson(event, 'e.json');
    expect(r.indicators.some((i) => i.value === 'resolver.example')).toBe(false);
    expect(r.notes?.[0]).toMatch(/1 network attributes with to_ids=false/);
    const all = parseFeed(event, 'e.json', { mispIncludeNonIds: true });
    expect(all.indicators.some((i) => i.value === 'resolver.example')).toBe(true);
  });

  it('reports an invalid attribute value at its line', () => {
    const r = parseMispJson(event, 'e.json');
    const line = event.split('\n').findIndex((l) => l.includes('203.0.113.300')) + 1;
    expect(r.errors).toEqual([{ file: 'e.json', line, message: expect.stringMatching(/ip-src/) as string }]);
  });

  it('reads a list of events and a REST search response', () => {
    const one = { Event: { Attribute: [{ type: 'domain', value: 'a.example', to_ids: true }] } };
    const two = { Event: { Attribute: [{ type: 'domain', value: 'b.example', to_ids: true }] } };
    expect(parseFeed(JSON.stringify([one, two]), 'l.json').indicators.map((i) => i.value)).toEqual([
      'a.example',
      'b.example',
    ]);
    expect(parseFeed(JSON.stringify({ response: [one] }), 'r.json').format).toBe('misp');
  });
});

describe('abuse.ch CSV rows', () => {
  it('reads a URLhaus plain-text URL dump as a list of URLs with their hosts, not as CSV', () => {
    const text = [
      '################################################################',
      '# abuse.ch URLhaus Database Dump (plain-text URLs only)        #',
      '################################################################',
      '#',
      'http://182.126.120.150:58801/i',
      'https://dl.evil.example/a.exe',
    ].join('\n');
    const r = parseFeed(text, 'urlhaus.txt');
    expect(r.format).toBe('plain');
    expect(r.indicators.map((i) => [i.value, i.line])).toEqual([
      ['http://182.126.120.150:58801/i', 5],
      ['182.126.120.150', 5],
      ['https://dl.evil.example/a.exe', 6],
      ['dl.evil.example', 6],
    ]);
  });

  it('splits quoted fields with doubled quotes, commas inside quotes and ", " separators', () => {
    expect(parseCsvLine('"a ""b""", "c,d",e ,')).toEqual(['a "b"', 'c,d', 'e', '']);
    expect(parseCsvLine('"open')).toBeNull();
  });

  it('reports a cut ThreatFox row and an unknown ioc_type at their lines, and skips hashes', () => {
    const text = [
      '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type"',
      '"2024-07-16 05:25:36", "1", "8.134.12.90:7777", "ip:port", "botnet_cc"',
      '"2024-07-16 05:25:36", "2", "d41d8cd98f00b204e9800998ecf8427e", "md5_hash", "payload"',
      '"2024-07-16 05:25:36", "3", "x", "email", "botnet_cc"',
      '"2024-07-16 05:25:36", "4", "8.134.12.91:99999", "ip:port", "botnet_cc"',
      '"2024-07-16 05:25:36", "5", "8.134',
    ].join('\n');
    const r = parseThreatfoxCsv(text, 'tf.csv');
    expect(r.indicators.map((i) => [i.value, i.port])).toEqual([['8.134.12.90', 7777]]);
    expect(r.skipped).toBe(1);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5, 6]);
    expect(r.errors[2]?.message).toMatch(/unterminated quote/);
  });
});
