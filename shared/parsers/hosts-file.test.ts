import { describe, expect, it } from 'vitest';
import { parseHostsFile } from './hosts-file';
import { fixture, sections } from '../../test/support/scan/fixtures';

const s = sections(fixture('hosts/hosts-realdata.txt'));

describe('parseHostsFile on the realdata hosts files', () => {
  it('finds no mapping in the default Windows hosts file (CRLF, tab after #)', () => {
    expect(parseHostsFile(s.A.replace(/\n/g, '\r\n'), 'hosts')).toEqual({ records: [], errors: [] });
  });

  it('reads every line of the Adobe crack block as a 127.0.0.1 record with the line as evidence', () => {
    const r = parseHostsFile(s.B, 'hosts');
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(18);
    expect(r.records[0]).toEqual({
      name: 'activate.adobe.com',
      type: 'A',
      data: '127.0.0.1',
      ttl: null,
      origin: 'hosts-file',
      file: 'hosts',
      line: 1,
      text: '127.0.0.1 activate.adobe.com',
    });
  });

  it('reads the 0.0.0.0 form after a comment line', () => {
    const r = parseHostsFile(s.C, 'hosts');
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => `${x.data} ${x.name}`)).toContain('0.0.0.0 prod.adobegenuine.com');
    expect(r.records).toHaveLength(9);
  });

  it('reports script lines that are not hosts lines with their line, and keeps going', () => {
    const r = parseHostsFile(s.D, 'hosts');
    expect(r.records).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.message.slice(0, 40)])).toEqual([
      [1, '"ECHO" is not an IP address; a hosts lin'],
      [2, '"stream.WriteLine("127.0.0.1" is not an '],
    ]);
  });
});

describe('parseHostsFile rules', () => {
  it('reads several names a line, IPv6, trailing comments, a BOM and upper case', () => {
    const text =
      '\uFEFF0.0.0.0 A.Evil.Example b.evil.example. # crack\n::1 localhost\n  fe80::1%3\tlocal.test\n';
    const r = parseHostsFile(text, 'h');
    expect(r.records.map((x) => `${x.line} ${x.type} ${x.data} ${x.name}`)).toEqual([
      '1 A 0.0.0.0 a.evil.example',
      '1 A 0.0.0.0 b.evil.example',
      '2 AAAA ::1 localhost',
      '3 AAAA fe80::1 local.test',
    ]);
    expect(r.errors).toEqual([]);
  });

  it('compares IDN names in punycode, as indicators are stored', () => {
    const r = parseHostsFile('203.0.113.9 ngân-hàng.example\n', 'h');
    expect(r.records.map((x) => x.name)).toEqual([new URL('http://ngân-hàng.example').hostname]);
    expect(r.records[0].name.startsWith('xn--')).toBe(true);
  });

  it('folds an IPv4-mapped target to IPv4 and reports an address without a name', () => {
    const r = parseHostsFile('::ffff:203.0.113.9 c2.example\n10.0.0.1\n1.2.3.4 bad_name!\n', 'h');
    expect(r.records.map((x) => `${x.type} ${x.data} ${x.name}`)).toEqual(['A 203.0.113.9 c2.example']);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
