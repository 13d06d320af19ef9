// abuse.ch CSV exports at their edges (issue 19, survivors of the feed-csv-detect Stryker run of
// 2026-12-02 20:20 UTC): headers written by hand (no blank after '#', indented, names padded inside
// their quotes), cells padded inside their quotes, a comment with a quote left open, ids that are
// only partly digits and an address block where ThreatFox promises an address.
import { describe, expect, it } from 'vitest';
import { parseFeodoCsv, parseThreatfoxCsv, parseUrlhausCsv } from './abusech';
import { msg } from './types';

describe('Feodo Tracker CSV: headers written by hand', () => {
  it('a commented header without a blank after "#" still names the columns', () => {
    const r = parseFeodoCsv(['#dst_ip,dst_port,malware', '203.0.113.9,8080,Emotet'].join('\n'), 'f.csv');
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '203.0.113.9', line: 2, port: 8080, comment: 'Emotet' },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('an indented commented header counts, before the data and after it', () => {
    const r = parseFeodoCsv(
      [
        '   # dst_ip,dst_port,malware',
        '203.0.113.9,8080,Emotet',
        '\t# malware,dst_port,dst_ip',
        'QakBot,443,198.51.100.7',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '203.0.113.9', line: 2, port: 8080, comment: 'Emotet' },
      { kind: 'ip', value: '198.51.100.7', line: 4, port: 443, comment: 'QakBot' },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('column names padded inside their quotes are found without the blanks', () => {
    const r = parseFeodoCsv(
      ['# "dst_ip", " dst_port ", " malware "', '"203.0.113.9", "8080", "Emotet"'].join('\n'),
      'f.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '203.0.113.9', line: 2, port: 8080, comment: 'Emotet' },
    ]);
  });

  it('cells padded inside their quotes give the comment without the blanks; blank-only cells are empty', () => {
    const r = parseFeodoCsv(
      [
        '"2021-01-17", "67.213.75.205", "443", " online ", "2021-08-18", " Dridex "',
        '"2021-01-17", "51.178.161.32", "4643", "   ", "2021-08-18", " None "',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '67.213.75.205', line: 1, port: 443, comment: 'Dridex · C2 online' },
      { kind: 'ip', value: '51.178.161.32', line: 2, port: 4643 },
    ]);
  });

  it('a comment naming a column with a quote left open is a comment, not a header or a crash', () => {
    const r = parseFeodoCsv(
      [
        '# "dst_ip" is the C2 address, "dst_port its port',
        '"2021-01-17","198.51.100.7","443","online","2021-08-18","Dridex"',
      ].join('\n'),
      'f.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '198.51.100.7', line: 2, port: 443, comment: 'Dridex · C2 online' },
    ]);
    expect(r.errors).toEqual([]);
  });
});

describe('ids that are only partly digits are left out', () => {
  it('URLhaus', () => {
    const r = parseUrlhausCsv(
      '"3786237a","2026-02-26","http://evil.example/i","online","malware_download","elf"',
      'u.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'url', value: 'http://evil.example/i', line: 1, comment: 'malware_download · elf' },
      {
        kind: 'domain',
        value: 'evil.example',
        line: 1,
        comment: 'malware_download · elf',
        fromUrl: 'http://evil.example/i',
      },
    ]);
  });

  it('ThreatFox, with digits before or after the letters', () => {
    const row = (id: string, value: string) =>
      `"2024-07-16 05:25:36", "${id}", "${value}", "domain", "botnet_cc", "win.x", "", "Cobalt Strike"`;
    const r = parseThreatfoxCsv(
      [row('1301610', 'a.example'), row('1301611x', 'b.example'), row('x1301612', 'c.example')].join('\n'),
      'tf.csv',
    );
    expect(r.indicators.map((i) => [i.value, i.id])).toEqual([
      ['a.example', 'threatfox-1301610'],
      ['b.example', undefined],
      ['c.example', undefined],
    ]);
  });
});

describe('ThreatFox CSV: an address block where an ip:port is promised', () => {
  it('is refused in words at its line, not kept as a block', () => {
    const r = parseThreatfoxCsv(
      [
        '"2024-07-16", "1", "198.51.100.0/24", "ip:port", "botnet_cc", "", "", "Emotet"',
        '"2024-07-16", "2", "198.51.100.7", "ip:port", "botnet_cc", "", "", "Emotet"',
      ].join('\n'),
      'tf.csv',
    );
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '198.51.100.7', line: 2, id: 'threatfox-2', comment: 'Emotet · botnet_cc' },
    ]);
    expect(r.errors).toEqual([
      {
        file: 'tf.csv',
        line: 1,
        message: msg('msg.formats.invalidIocValue', { value: '"198.51.100.0/24"', type: 'ip:port' }),
      },
    ]);
  });
});
