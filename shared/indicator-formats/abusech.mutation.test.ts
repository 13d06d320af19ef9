// abuse.ch CSV exports row by row (issue 19, mutation testing of abusech.ts), on rows shaped as
// the real Feodo Tracker, URLhaus and ThreatFox dumps (../shared/realdata/19_abusech_*): columns by
// header or by position, comments built from the malware and status columns, ids, and each
// refusal in words at its line.
import { describe, expect, it } from 'vitest';
import { parseCsvLine, parseFeodoCsv, parseThreatfoxCsv, parseUrlhausCsv } from './abusech';
import { msg } from './types';

const BOX = [
  '################################################################',
  '# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)          #',
  '# Last updated: 2021-08-17 15:00:42 UTC                        #',
  '################################################################',
  '#',
];

describe('Feodo Tracker ipblocklist.csv', () => {
  it('the real dump (header not commented, CRLF): address, port and "malware · C2 status"', () => {
    const text = [
      ...BOX,
      '"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"',
      '"2021-01-17 07:30:05","67.213.75.205","443","offline","2021-08-18","Dridex"',
      '"2021-01-17 07:44:46","51.178.161.32","4643","online","2021-08-18","Dridex"',
      '',
    ].join('\r\n');
    expect(parseFeodoCsv(text, 'ipblocklist.csv')).toEqual({
      format: 'feodo-csv',
      indicators: [
        { kind: 'ip', value: '67.213.75.205', line: 7, port: 443, comment: 'Dridex · C2 offline' },
        { kind: 'ip', value: '51.178.161.32', line: 8, port: 4643, comment: 'Dridex · C2 online' },
      ],
      errors: [],
      skipped: 0,
    });
  });

  it('columns by position without a header; a blank port, status or "None" malware is left out', () => {
    const r = parseFeodoCsv(
      [
        '"2021-01-17","67.213.75.205","","","2021-08-18","None"',
        '"2021-01-17","51.178.161.32","x","online"',
        '"2021-01-17","162.144.127.197","3786"',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '67.213.75.205', line: 1 },
      { kind: 'ip', value: '51.178.161.32', line: 2, comment: 'C2 online' },
      { kind: 'ip', value: '162.144.127.197', line: 3, port: 3786 },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('a header in another order moves the columns; a later commented header moves them again', () => {
    const r = parseFeodoCsv(
      [
        '# malware,dst_port,dst_ip',
        'Emotet,8080,203.0.113.9',
        '# "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"',
        '"2021-01-17","198.51.100.7","443","online","2021-08-18","Dridex"',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '203.0.113.9', line: 2, port: 8080, comment: 'Emotet' },
      { kind: 'ip', value: '198.51.100.7', line: 4, port: 443, comment: 'Dridex · C2 online' },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('a header missing a column takes that column at its default position', () => {
    const r = parseFeodoCsv(
      [
        '# "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"',
        '"2021","198.51.100.7","443","online","x","Dridex"',
        '# dst_ip,first_seen_utc',
        '198.51.100.8,2021,9001,offline,x,QakBot',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators.map((i) => [i.value, i.port, i.comment])).toEqual([
      ['198.51.100.7', 443, 'Dridex · C2 online'],
      ['198.51.100.8', 9001, 'QakBot · C2 offline'],
    ]);
  });

  it('a header-like line after the data is a data row; a comment naming the marker is no header', () => {
    const r = parseFeodoCsv(
      [
        '# the dst_ip column holds the C2 address',
        '"2021","198.51.100.7","443","online","x","Dridex"',
        'first_seen_utc,dst_ip,dst_port',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators.map((i) => i.value)).toEqual(['198.51.100.7']);
    expect(r.errors).toEqual([
      { file: 'f.csv', line: 3, message: msg('msg.formats.notIp', { value: '"dst_ip"' }) },
    ]);
  });

  it('refuses, at their lines: a name or block for an address, too few columns, an open quote', () => {
    const r = parseFeodoCsv(
      [
        '"2021","evil.example","443"',
        '"2021","198.51.100.0/24","443"',
        '"2021","198.51.100.7"',
        '"2021","198.51.100.8',
        '"2021","198.51.100.9","443"',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators.map((i) => [i.value, i.line])).toEqual([['198.51.100.9', 5]]);
    expect(r.errors).toEqual([
      { file: 'f.csv', line: 1, message: msg('msg.formats.notIp', { value: '"evil.example"' }) },
      { file: 'f.csv', line: 2, message: msg('msg.formats.notIp', { value: '"198.51.100.0/24"' }) },
      { file: 'f.csv', line: 3, message: msg('msg.formats.fewColumns', { found: 2, min: 3 }) },
      { file: 'f.csv', line: 4, message: msg('msg.formats.unterminatedQuote') },
    ]);
    expect(r.errors[2]?.message).toContain('expected at least 3 CSV columns, found 2');
  });
});

describe('URLhaus CSV dump', () => {
  it('the real recent dump: URL with id and "threat · tags", and its host', () => {
    const text = [
      '# abuse.ch URLhaus Database Dump (CSV - recent URLs only)      #',
      '#',
      '# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter',
      '"3786237","2026-02-26 12:05:20","http://182.126.120.150:58801/i","online","2026-02-26 12:05:20","malware_download","32-bit,elf,mips,Mozi","https://urlhaus.abuse.ch/url/3786237/","geenensp"',
    ].join('\n');
    expect(parseUrlhausCsv(text, 'csv.txt').indicators).toEqual([
      {
        kind: 'url',
        value: 'http://182.126.120.150:58801/i',
        line: 4,
        id: 'urlhaus-3786237',
        comment: 'malware_download · 32-bit,elf,mips,Mozi',
      },
      {
        kind: 'ip',
        value: '182.126.120.150',
        line: 4,
        id: 'urlhaus-3786237#182.126.120.150',
        comment: 'malware_download · 32-bit,elf,mips,Mozi',
        port: 58801,
        fromUrl: 'http://182.126.120.150:58801/i',
      },
    ]);
  });

  it('an old dump without last_online by position; an id that is no number is left out', () => {
    const r = parseUrlhausCsv(
      [
        '"105821","2019-01-21","http://evil.example/x.exe","offline","malware_download","exe"',
        '"x12","2019-01-21","http://c2.example/","online","","None"',
        '"1","2019-01-21","not a url","online"',
        '"2","2019-01-21"',
      ].join('\n'),
      'old.csv',
    );
    expect(r.indicators.filter((i) => i.kind === 'url')).toEqual([
      {
        kind: 'url',
        value: 'http://evil.example/x.exe',
        line: 1,
        id: 'urlhaus-105821',
        comment: 'malware_download · exe',
      },
      { kind: 'url', value: 'http://c2.example/', line: 2 },
    ]);
    expect(r.errors).toEqual([
      { file: 'old.csv', line: 3, message: msg('msg.formats.urlNoHost', { value: '"not a url"' }) },
      { file: 'old.csv', line: 4, message: msg('msg.formats.fewColumns', { found: 2, min: 3 }) },
    ]);
    expect(r.format).toBe('urlhaus-csv');
  });
});

describe('ThreatFox CSV export', () => {
  const header =
    '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"';
  const row = (id: string, value: string, type: string, threat = 'botnet_cc', malware = 'Cobalt Strike') =>
    `"2024-07-16 05:25:36", "${id}", "${value}", "${type}", "${threat}", "win.x", "alias", "${malware}", "", "100", "None", "tag", "0", "abuse_ch"`;

  it('ip:port, domain and url rows with id and "malware · threat"; every hash type skipped', () => {
    const hashes = ['md5_hash', 'sha1_hash', 'sha256_hash', 'sha3_384_hash', 'imphash', 'tlsh', 'ssdeep'];
    const r = parseThreatfoxCsv(
      [
        header,
        row('1301610', '8.134.12.90:7777', 'ip:port'),
        row('1301611', 'Evil.Example', 'domain', 'payload_delivery', 'Loki Password Stealer (PWS)'),
        row('1301612', 'http://rocheholding.top/rudolph/five/fre.php', 'URL', 'botnet_cc', 'None'),
        ...hashes.map((h, i) => row(String(i), 'd41d8cd98f00b204e9800998ecf8427e', h.toUpperCase())),
        row('x', '[2001:db8::1]:443', 'ip:port', '', ''),
      ].join('\n'),
      'full.csv',
    );
    expect(r.indicators).toEqual([
      {
        kind: 'ip',
        value: '8.134.12.90',
        line: 2,
        id: 'threatfox-1301610',
        comment: 'Cobalt Strike · botnet_cc',
        port: 7777,
      },
      {
        kind: 'domain',
        value: 'evil.example',
        line: 3,
        id: 'threatfox-1301611',
        comment: 'Loki Password Stealer (PWS) · payload_delivery',
      },
      {
        kind: 'url',
        value: 'http://rocheholding.top/rudolph/five/fre.php',
        line: 4,
        id: 'threatfox-1301612',
        comment: 'botnet_cc',
      },
      {
        kind: 'domain',
        value: 'rocheholding.top',
        line: 4,
        id: 'threatfox-1301612#rocheholding.top',
        comment: 'botnet_cc',
        fromUrl: 'http://rocheholding.top/rudolph/five/fre.php',
      },
      { kind: 'ip', value: '2001:db8::1', line: 12, port: 443 },
    ]);
    expect(r.skipped).toBe(7);
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('threatfox-csv');
  });

  it('refuses in words: an unknown type, a value not of its type, a block with a port, too few columns', () => {
    const r = parseThreatfoxCsv(
      [
        header,
        row('1', 'x@evil.example', 'Email'),
        row('2', 'evil.example:443', 'ip:port'),
        row('3', '203.0.113.9', 'domain'),
        row('4', '198.51.100.0/24:443', 'ip:port'),
        row('5', 'no url', 'url'),
        '"2024-07-16", "6", "evil.example"',
      ].join('\n'),
      'tf.csv',
    );
    expect(r.indicators).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'tf.csv', line: 2, message: msg('msg.formats.unsupportedIocType', { type: '"email"' }) },
      {
        file: 'tf.csv',
        line: 3,
        message: msg('msg.formats.invalidIocValue', { value: '"evil.example:443"', type: 'ip:port' }),
      },
      {
        file: 'tf.csv',
        line: 4,
        message: msg('msg.formats.invalidIocValue', { value: '"203.0.113.9"', type: 'domain' }),
      },
      {
        file: 'tf.csv',
        line: 5,
        message: msg('msg.formats.invalidIocValue', { value: '"198.51.100.0/24:443"', type: 'ip:port' }),
      },
      {
        file: 'tf.csv',
        line: 6,
        message: msg('msg.formats.invalidIocValue', { value: '"no url"', type: 'url' }),
      },
      { file: 'tf.csv', line: 7, message: msg('msg.formats.fewColumns', { found: 3, min: 4 }) },
    ]);
    expect(r.errors[1]?.message).toContain('not a valid ip:port value');
  });
});

describe('parseCsvLine', () => {
  it("trims fields, reads ThreatFox's '\", \"' separator, and says null only for an open quote", () => {
    expect(parseCsvLine('"a", "b" ,c')).toEqual(['a', 'b', 'c']);
    expect(parseCsvLine('')).toEqual(['']);
    expect(parseCsvLine('"a","b')).toBeNull();
  });
});
