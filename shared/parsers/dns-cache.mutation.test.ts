// Edges of the DNS-cache parsers (shared/parsers/dns-cache.ts) that mutation testing (issue 19)
// showed no test pinned down. Inputs are shaped like the real captures in test/fixtures/dns.
import { describe, expect, it } from 'vitest';
import {
  isDnsClientCacheTable,
  parseDnsCacheText,
  parseDnsClientCache,
  parseDnsClientCacheList,
  parseIpconfigDisplayDns,
} from './dns-cache';
import type { DnsRecord } from '../domain';

const brief = (r: DnsRecord): string => `${r.name} ${r.type} ${r.data}`;

const record = (name: string, type: string, data: string, ttl = '600'): string[] => [
  `    Record Name . . . . . : ${name}`,
  `    Record Type . . . . . : ${type}`,
  `    Time To Live  . . . . : ${ttl}`,
  '    Data Length . . . . . : 4',
  '    Section . . . . . . . : Answer',
  `    A (Host) Record . . . : ${data}`,
];

describe('parseIpconfigDisplayDns edges', () => {
  it('reads each record type by number and gives the record its first line, TTL and text', () => {
    const text = [
      '',
      '    a.example',
      '    ----------------------------------------',
      ...record('a.example', '1', '203.0.113.9', '42'),
      '',
      ...record('b.example', '28', '2001:DB8::5'),
      '',
      ...record('c.example', '5', 'Target.Example.'),
      '',
      ...record('9.113.0.203.in-addr.arpa', '12', 'host.example'),
      '',
      ...record('d.example', '16', 'v=spf1 -all', 'x'),
    ].join('\n');
    const r = parseIpconfigDisplayDns(text, 'd.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual([
      'a.example A 203.0.113.9',
      'b.example AAAA 2001:db8::5',
      'c.example CNAME target.example',
      '9.113.0.203.in-addr.arpa PTR host.example',
      'd.example OTHER v=spf1 -all',
    ]);
    expect(r.records[0]).toEqual({
      name: 'a.example',
      type: 'A',
      data: '203.0.113.9',
      ttl: 42,
      origin: 'dns-cache',
      file: 'd.txt',
      line: 4,
      text: 'a.example A 203.0.113.9',
    });
    expect(r.records[4].ttl).toBeNull();
  });

  it('reads a type-1 record whose value is an IPv4-mapped address as A, type 28 with IPv4 text as A', () => {
    const text = [
      ...record('m.example', '28', '::ffff:203.0.113.9'),
      '',
      ...record('n.example', '1', '2001:db8::1'),
    ].join('\n');
    expect(parseIpconfigDisplayDns(text, 'd.txt').records.map(brief)).toEqual([
      'm.example A 203.0.113.9',
      'n.example AAAA 2001:db8::1',
    ]);
  });

  it('reports a record of five lines, and one of six lines is enough', () => {
    const five = record('a.example', '1', '203.0.113.9').filter((l) => !l.includes('Section'));
    const r = parseIpconfigDisplayDns(
      ['', ...five, '', ...record('b.example', '1', '203.0.113.8')].join('\n'),
      'd.txt',
    );
    expect(r.records.map(brief)).toEqual(['b.example A 203.0.113.8']);
    expect(r.errors).toEqual([
      {
        file: 'd.txt',
        line: 2,
        message: 'incomplete DNS record (5 of 6 lines); capture the whole "ipconfig /displaydns" output',
      },
    ]);
  });

  it('reports a record whose name is no DNS name, and one whose value does not fit its type', () => {
    const text = [
      ...record('not a name!', '1', '203.0.113.9'),
      '',
      ...record('a.example', '1', 'host.example'),
      '',
      ...record('b.example', '5', '203.0.113.9 x'),
    ].join('\n');
    const r = parseIpconfigDisplayDns(text, 'd.txt');
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'd.txt', line: 1, message: '"not a name!" is not a DNS name; record skipped' },
      {
        file: 'd.txt',
        line: 13,
        message: 'record type 1 (A) but "host.example" is not an address; record skipped',
      },
      {
        file: 'd.txt',
        line: 20,
        message: 'record type 5 (CNAME) but "203.0.113.9 x" is not a name; record skipped',
      },
    ]);
  });

  it('takes an empty value after the colon as empty, and lines without an indented "label :" as breaks', () => {
    const lines = record('a.example', '1', '203.0.113.9');
    // A blank value ("Section :") still counts as one of the six lines.
    lines[4] = '    Section . . . . . . . :';
    expect(parseIpconfigDisplayDns(lines.join('\r'), 'd.txt').records.map(brief)).toEqual([
      'a.example A 203.0.113.9',
    ]);
    // Unindented, the same line breaks the record in two.
    const broken = record('a.example', '1', '203.0.113.9');
    broken[3] = 'Data Length . . . . . : 4';
    const r = parseIpconfigDisplayDns(broken.join('\r\n'), 'd.txt');
    expect(r.records).toEqual([]);
    expect(r.errors.map((e) => e.line)).toEqual([1, 5]);
  });

  it('takes the first " :" as the end of the label, so an IPv6 value keeps its colons', () => {
    const lines = record('a.example', '28', 'fe80::1:2');
    expect(parseIpconfigDisplayDns(lines.join('\n'), 'd.txt').records.map((r) => r.data)).toEqual([
      'fe80::1:2',
    ]);
  });

  it('decides by the shape of the value when the type number is not a number', () => {
    const text = [
      ...record('a.example', '1x', 'junk value'),
      '',
      ...record('b.example', 'x1', '203.0.113.9'),
    ].join('\n');
    expect(parseIpconfigDisplayDns(text, 'd.txt').records.map(brief)).toEqual([
      'a.example OTHER junk value',
      'b.example A 203.0.113.9',
    ]);
  });
});

const TABLE = [
  '',
  'Entry                     RecordName                Record Status    Section TimeTo Data   Data',
  '                                                    Type                     Live   Length',
  '-----                     ----------                ------ ------    ------- ------ ------ ----',
  'a.example                 a.example                 A      Success   Answer      38      4 203.0.113.9',
  'alias.example             target.example            A      Success   Answer      20      4 203.0.113.8',
  'a.example                 a.example                 A      Success   Answer      38      4 203.0.113.9',
  'neg.example                                         AAAA   NoRecords                        ',
  'long-name-of-a-host.ex... long-name-of-a-host.ex... A      Success   Answer      10      4 203.0.113.7',
  '9.113.0.203.in-addr.arpa  9.113.0.203.in-addr.arpa  PTR    Success   Answer      x       8 host.example',
  'bad!name                  bad!name                  A      Success   Answer      10      4 203.0.113.6',
  'c.example                 c.example                 CNAME  Success   Answer      10      4 203.0.113.5',
  'd.example                 d.example                 16     Success   Answer      10      4 text',
  'e.example                 e.example                 SRV    Success   Answer      10      4 srv.example',
  '',
].join('\r\n');

describe('parseDnsClientCache edges', () => {
  it('reads rows, drops repeats and negative entries, links Entry, reports cut and bad names and misfits', () => {
    const r = parseDnsClientCache(TABLE, 't.txt');
    expect(r.records.map(brief)).toEqual([
      'a.example A 203.0.113.9',
      'target.example A 203.0.113.8',
      'alias.example CNAME target.example',
      '9.113.0.203.in-addr.arpa PTR host.example',
      'd.example OTHER text',
      'e.example OTHER srv.example',
    ]);
    expect(r.records.map((x) => [x.line, x.ttl])).toEqual([
      [5, 38],
      [6, 20],
      [6, 20],
      [10, null],
      [13, 10],
      [14, 10],
    ]);
    expect(r.records[0].text).toBe(TABLE.split('\r\n')[4]);
    expect(r.errors.map((e) => [e.file, e.line])).toEqual([
      ['t.txt', 9],
      ['t.txt', 11],
      ['t.txt', 12],
    ]);
    expect(r.errors[0].message).toBe(
      'name "long-name-of-a-host.ex..." was cut short by the console width; capture with "Get-DnsClientCache | Format-List" or "ipconfig /displaydns"',
    );
    expect(r.errors[1].message).toBe('"bad!name" is not a DNS name; row skipped');
    expect(r.errors[2].message).toBe('record type 5 (CNAME) but "203.0.113.5" is not a name; row skipped');
  });

  it('takes the full Entry for a RecordName cut short, when the Entry starts with it', () => {
    const text = [
      'Entry                          RecordName                Record Status    Section TimeTo Data   Data',
      '                                                         Type                     Live   Length',
      '-----                          ----------                ------ ------    ------- ------ ------ ----',
      'long-name-of-a-host.example    Long-Name-Of-A-Host.ex…   A      Success   Answer      10      4 203.0.113.7',
      'long-name-of-a-host.example    other-name-of-a-hos...    A      Success   Answer      10      4 203.0.113.6',
    ].join('\n');
    const r = parseDnsClientCache(text, 't.txt');
    expect(r.records.map(brief)).toEqual(['long-name-of-a-host.example A 203.0.113.7']);
    expect(r.errors.map((e) => e.line)).toEqual([5]);
  });

  it('reads named columns (Name, Type, TTL) in any order, and a second table after the first', () => {
    const text = [
      'Data        Type Name        TTL',
      '----        ---- ----        ---',
      '203.0.113.9 1    a.example   30',
      '',
      '------ ------ ------',
      '',
      'Name        Type Data',
      '----        ---- ----',
      'b.example   A    203.0.113.8',
    ].join('\n');
    const r = parseDnsClientCache(text, 't.txt');
    expect(r.records.map((x) => [brief(x), x.ttl])).toEqual([
      ['a.example A 203.0.113.9', 30],
      ['b.example A 203.0.113.8', null],
    ]);
    // The ruler of three runs with no header above it is a table without the columns: reported.
    expect(r.errors).toEqual([
      {
        file: 't.txt',
        line: 5,
        message: expect.stringContaining('without Entry/RecordName/Data columns') as string,
      },
    ]);
  });

  it('reads a table that has Entry but no RecordName, and none without Data', () => {
    const entryOnly = ['Entry       Type Data', '-----       ---- ----', 'a.example   A    203.0.113.9'].join(
      '\n',
    );
    expect(parseDnsClientCache(entryOnly, 't.txt').records.map(brief)).toEqual(['a.example A 203.0.113.9']);
    const noData = ['Entry       Type Value', '-----       ---- -----', 'a.example   A    203.0.113.9'].join(
      '\n',
    );
    expect(parseDnsClientCache(noData, 't.txt')).toEqual({
      records: [],
      errors: [
        {
          file: 't.txt',
          line: 2,
          message:
            'DNS cache table without Entry/RecordName/Data columns; capture plain "Get-DnsClientCache" or "ipconfig /displaydns"',
        },
      ],
    });
    const noName = ['Type Data', '---- ----', '----'].join('\n');
    expect(parseDnsClientCache(noName, 't.txt').records).toEqual([]);
  });

  it('reads only the three lines above the ruler as its header', () => {
    const text = ['Name', 'x', 'x', 'x', '----        ---- ----', 'a.example   A    203.0.113.9'].join('\n');
    // "Name" is four lines up: the header is "xxx", so no name column is found.
    expect(parseDnsClientCache(text, 't.txt').records).toEqual([]);
  });

  it('gives no type when the type cell is empty: the value decides', () => {
    const text = ['Name        Type Data', '----        ---- ----', 'a.example        alias.example'].join(
      '\n',
    );
    expect(parseDnsClientCache(text, 't.txt').records.map(brief)).toEqual(['a.example CNAME alias.example']);
  });
});

describe('parseDnsClientCacheList edges', () => {
  it('reads Type when there is no RecordType, the Entry when there is no RecordName, and reports bad names', () => {
    const text = [
      'Entry : a.example',
      'Type  : 28',
      'TimeToLive : x',
      'Data  : 2001:db8::9',
      '',
      'Entry      : bad!name',
      'Data       : 203.0.113.9',
      '',
      'Entry      : c.example',
      'RecordType : A',
      'Data       : c.example',
      '',
      'Entry      : 9.113.0.203.in-addr.arpa',
      'RecordName : 9.113.0.203.in-addr.arpa',
      'RecordType : PTR',
      'Data       : host.example',
    ].join('\n');
    const r = parseDnsClientCacheList(text, 'l.txt');
    expect(r.records.map((x) => [brief(x), x.line, x.ttl, x.text])).toEqual([
      ['a.example AAAA 2001:db8::9', 1, null, 'a.example AAAA 2001:db8::9'],
      ['9.113.0.203.in-addr.arpa PTR host.example', 13, null, '9.113.0.203.in-addr.arpa PTR host.example'],
    ]);
    expect(r.errors).toEqual([
      { file: 'l.txt', line: 6, message: '"bad!name" is not a DNS name; entry skipped' },
      {
        file: 'l.txt',
        line: 9,
        message: 'record type 1 (A) but "c.example" is not an address; entry skipped',
      },
    ]);
  });

  it('skips a block without Data, and reads a value with no blank after the colon', () => {
    const text = [
      'Entry:a.example',
      'RecordType:A',
      '',
      'Entry:b.example',
      'RecordType:1',
      'Data:203.0.113.9',
    ].join('\n');
    expect(parseDnsClientCacheList(text, 'l.txt')).toEqual({
      records: [
        {
          name: 'b.example',
          type: 'A',
          data: '203.0.113.9',
          ttl: null,
          origin: 'dns-cache',
          file: 'l.txt',
          line: 4,
          text: 'b.example A 203.0.113.9',
        },
      ],
      errors: [],
    });
  });

  it('links an Entry reached through a CNAME, but not for a PTR, and not to itself', () => {
    const text = [
      'Entry      : Alias.Example',
      'RecordName : target.example',
      'RecordType : A',
      'TimeToLive : 7',
      'Data       : 203.0.113.9',
      '',
      'Entry      : target.example',
      'RecordName : target.example',
      'RecordType : A',
      'Data       : 203.0.113.9',
      '',
      'Entry      : 1.in-addr.arpa',
      'RecordName : 9.113.0.203.in-addr.arpa',
      'RecordType : PTR',
      'Data       : host.example',
    ].join('\n');
    expect(parseDnsClientCacheList(text, 'l.txt').records.map((x) => [brief(x), x.ttl])).toEqual([
      ['target.example A 203.0.113.9', 7],
      ['alias.example CNAME target.example', 7],
      ['target.example A 203.0.113.9', null],
      ['9.113.0.203.in-addr.arpa PTR host.example', null],
    ]);
  });
});

describe('parseDnsCacheText detection', () => {
  it('takes a ruler of four or more runs for the table, three runs for no table', () => {
    expect(isDnsClientCacheTable('---- ---- ---- ----')).toBe(true);
    expect(isDnsClientCacheTable('x\r\n  ---- ----  ---- ----  \r\n')).toBe(true);
    expect(isDnsClientCacheTable('---- ---- ----')).toBe(false);
    expect(isDnsClientCacheTable('---- ---- ---- x ----')).toBe(false);
    expect(isDnsClientCacheTable('    ----------------------------------------')).toBe(false);
  });

  it('takes the list form only with unindented Entry and Data lines', () => {
    const list = 'Entry : a.example\nRecordType : A\nData : 203.0.113.9';
    expect(parseDnsCacheText(list, 'x.txt').records.map(brief)).toEqual(['a.example A 203.0.113.9']);
    // Without a Data line it is read as ipconfig output: nothing there.
    expect(parseDnsCacheText('Entry : a.example\nRecordType : A', 'x.txt').records).toEqual([]);
    const ipconfig = record('a.example', '1', '203.0.113.9').join('\n');
    expect(parseDnsCacheText(ipconfig, 'x.txt').records.map(brief)).toEqual(['a.example A 203.0.113.9']);
    expect(parseDnsCacheText(TABLE, 'x.txt').records).toHaveLength(6);
  });
});
