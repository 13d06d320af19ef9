import { describe, expect, it } from 'vitest';
import {
  isDnsClientCacheTable,
  parseDnsCacheText,
  parseDnsClientCache,
  parseDnsClientCacheList,
  parseIpconfigDisplayDns,
} from './dns-cache';
import type { DnsRecord } from '../domain';
import { fixture, sections } from '../../test/support/scan/fixtures';

const brief = (r: DnsRecord): string => `${r.name} ${r.type} ${r.data}`;

describe('parseIpconfigDisplayDns on the realdata captures', () => {
  const file = 'ipconfig-displaydns-realdata.txt';
  const text = fixture(`dns/${file}`);
  const s = sections(text);

  it('reads a CNAME chain and its A record (en-US lab notes)', () => {
    const r = parseIpconfigDisplayDns(s.A, 'a.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual([
      'download.windowsupdate.com CNAME download.windowsupdate.com.delivery.microsoft.com',
      'download.windowsupdate.com.delivery.microsoft.com CNAME wu-f-net.trafficmanager.net',
      'client.wns.windows.com CNAME wns.notify.trafficmanager.net',
      'wns.notify.trafficmanager.net A 4.213.25.241',
    ]);
    expect(r.records[3].ttl).toBe(12098);
    expect(r.records.every((x) => x.origin === 'dns-cache')).toBe(true);
  });

  it('reads a PTR record with a trailing-dot name and skips negative entries (Korean notes)', () => {
    const r = parseIpconfigDisplayDns(s.B, 'b.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual(['1.0.25.172.in-addr.arpa PTR desktop-3r4qlre.mshome.net']);
  });

  it('ignores the prompt line and reads the poisoned google.com entry (TryHackMe)', () => {
    const r = parseIpconfigDisplayDns(s.C, 'c.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual(['google.com A 76.32.97.132']);
    expect(r.records[0].ttl).toBe(86400);
  });

  it('reads German labels with UTF-8 umlauts by structure', () => {
    const r = parseIpconfigDisplayDns(s.D, 'd.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual(['github.com A 140.82.121.4']);
    expect(r.records[0].line).toBe(3);
  });

  it('finds nothing in the message-catalog templates and no record in prose', () => {
    expect(parseIpconfigDisplayDns(s.E, 'e.txt')).toEqual({ records: [], errors: [] });
  });

  it('parses the whole capture in one piece, CRLF line ends included, with file:line', () => {
    const whole = parseIpconfigDisplayDns(text.replace(/\n/g, '\r\n'), file);
    expect(whole.records).toHaveLength(7);
    expect(whole.records.find((x) => x.name === 'github.com')).toMatchObject({ file, line: 76 });
  });
});

describe('parseIpconfigDisplayDns in other languages and encodings', () => {
  // Label wording from the Korean, French and Japanese Windows builds; values as Windows prints them.
  const block = (labels: string[], values: string[]): string =>
    [
      '    some.name',
      '    ----------------------------------------',
      ...labels.map((l, i) => `    ${l} : ${values[i]}`),
    ].join('\r\n');

  it.each([
    {
      what: 'reads Korean labels',
      labels: [
        '레코드 이름 . . . . .',
        '레코드 유형 . . . . .',
        'TTL(Time To Live) . .',
        '데이터 길이 . . . . .',
        '섹션 . . . . . . . .',
        'A(호스트) 레코드 . .',
      ],
      values: ['c2.evil.example', '1', '300', '4', '응답', '198.51.100.7'],
      file: 'ko',
      record: 'c2.evil.example A 198.51.100.7',
    },
    {
      what: 'reads French labels through CP850 mojibake (Dur‚e, R‚ponse)',
      labels: [
        'Nom d’enregistrement . . . . .',
        'Type d’enregistrement . . . .',
        'Dur‚e de vie . . . . . . . . .',
        'Longueur de donn‚es  . . . . .',
        'Section. . . . . . . . . . . .',
        'Enregistrement AAAA  . . . . .',
      ],
      values: ['v6.evil.example.', '28', '60', '16', 'R‚ponse', '2001:DB8::0:7'],
      file: 'fr',
      record: 'v6.evil.example AAAA 2001:db8::7',
    },
    {
      what: 'decides the type by number, not the label: type 5 with a label in Japanese',
      labels: [
        'レコード名 . . . . . .',
        'レコードの種類 . . . .',
        'Time To Live . . . . .',
        'データの長さ . . . . .',
        'セクション . . . . . .',
        'CNAME レコード . . . .',
      ],
      values: ['www.a.example', '5', '60', '8', '回答', 'cdn.evil.example'],
      file: 'ja',
      record: 'www.a.example CNAME cdn.evil.example',
    },
  ])('$what', ({ labels, values, file, record }) => {
    expect(parseIpconfigDisplayDns(block(labels, values), file).records.map(brief)).toEqual([record]);
  });

  it('reports a record whose value does not fit its type number, with file and line', () => {
    const labels = [
      'Record Name . . . . .',
      'Record Type . . . . .',
      'Time To Live  . . . .',
      'Data Length . . . . .',
      'Section . . . . . . .',
      'A (Host) Record . . .',
    ];
    const r = parseIpconfigDisplayDns(
      block(labels, ['x.example', '1', '60', '4', 'Answer', 'not-an-ip']),
      'cap.txt',
    );
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'cap.txt', line: 8, message: expect.stringContaining('"not-an-ip" is not an address') },
    ]);
  });

  it('keeps records of other types as OTHER with their raw value', () => {
    const labels = [
      'Record Name . . . . .',
      'Record Type . . . . .',
      'Time To Live  . . . .',
      'Data Length . . . . .',
      'Section . . . . . . .',
      'SRV Record  . . . . .',
    ];
    const r = parseIpconfigDisplayDns(
      block(labels, ['_ldap._tcp.dc.example', '33', '60', '8', 'Answer', 'dc1.dc.example']),
      'x',
    );
    expect(r.records.map(brief)).toEqual(['_ldap._tcp.dc.example OTHER dc1.dc.example']);
  });
});

describe('parseDnsClientCache on the realdata captures', () => {
  const file = 'get-dnsclientcache-realdata.txt';
  const text = fixture(`dns/${file}`);
  const s = sections(text);

  it('reads the default table, skips NoRecords rows, links Entry to a different RecordName', () => {
    const r = parseDnsClientCache(s.A, 'a.txt');
    expect(r.records.map(brief)).toEqual([
      'www.gstatic.com A 216.58.221.67',
      'www.youtube.com CNAME youtube-ui.l.google.com',
      'youtube-ui.l.google.com A 216.58.221.78',
      'win10.ipv6.microsoft.com CNAME windows.ipv6.microsoft.com.akadns.net',
    ]);
    expect(r.records[0]).toMatchObject({ ttl: 38, line: 6, text: expect.stringContaining('216.58.221.67') });
  });

  it('reports names cut short by the console width instead of guessing them', () => {
    const r = parseDnsClientCache(s.A, 'a.txt');
    expect(r.errors).toEqual([{ file: 'a.txt', line: 7, message: expect.stringContaining('cut short') }]);
  });

  it('reads the wrapped "Data L / ength" header, PTR rows and a second table (ca-ES)', () => {
    const r = parseDnsClientCache(s.B, 'b.txt');
    expect(r.records.map(brief)).toEqual([
      '1.0.0.127.in-addr.arpa PTR activate.adobe.com',
      '1.0.0.127.in-addr.arpa PTR practivate.adobe.com',
      '1.0.0.127.in-addr.arpa PTR ereg.adobe.com',
      '1.0.0.127.in-addr.arpa PTR activate.wip3.adobe.com',
      '1.0.0.127.in-addr.arpa PTR wip3.adobe.com',
      '1.0.0.127.in-addr.arpa PTR 3dns-3.adobe.com',
      'www.google.com A 216.58.215.132',
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([7, 8]);
  });

  it('reads AAAA rows and a CNAME-reached A row whose CNAME row was filtered out', () => {
    expect(parseDnsClientCache(s.C, 'c').records.map(brief)).toEqual([
      'wiki.archlinux.org CNAME apollo.archlinux.org',
      'apollo.archlinux.org AAAA 2a01:4f8:172:1d86::1',
      'apollo.archlinux.org A 138.201.81.199',
    ]);
    expect(parseDnsClientCache(s.D, 'd').records.map(brief)).toEqual([
      'cs9.wac.phicdn.net A 72.21.91.29',
      'crl3.digicert.com CNAME cs9.wac.phicdn.net',
      'youtube-ui.l.google.com A 216.58.222.238',
      'www.youtube.com CNAME youtube-ui.l.google.com',
    ]);
  });

  it('reads the PowerShell 7 layout with one DataLength column', () => {
    const r = parseDnsClientCache(s.E, 'e');
    expect(r).toEqual({
      records: [
        expect.objectContaining({ name: 'example.com', type: 'A', data: '93.184.216.34', ttl: 25805 }),
      ],
      errors: [],
    });
  });

  it('parses the whole capture in one piece without crashing', () => {
    const r = parseDnsClientCache(text.replace(/\n/g, '\r\n'), file);
    expect(r.records.length).toBeGreaterThanOrEqual(17);
    expect(r.errors.every((e) => e.file === file && e.line > 0)).toBe(true);
  });
});

describe('parseDnsCacheText detects the capture kind', () => {
  it('by the table ruler, not the file name', () => {
    const ps = fixture('dns/get-dnsclientcache-realdata.txt');
    const ip = fixture('dns/ipconfig-displaydns-realdata.txt');
    expect(isDnsClientCacheTable(ps)).toBe(true);
    expect(isDnsClientCacheTable(ip)).toBe(false);
    expect(parseDnsCacheText(ps, 'x').records).toEqual(parseDnsClientCache(ps, 'x').records);
    expect(parseDnsCacheText(ip, 'x').records).toEqual(parseIpconfigDisplayDns(ip, 'x').records);
  });
});

describe('parseDnsClientCacheList (Get-DnsClientCache | Format-List, what the truncation warning asks for)', () => {
  // The realdata rows of the axiomiety table, in the list layout PowerShell prints for them.
  const list = [
    '',
    'Entry      : hk2sch130021919.wns.windows.com',
    'RecordName : HK2SCH130021919.wns.windows.com',
    'RecordType : A',
    'Status     : Success',
    'Section    : Answer',
    'TimeToLive : 1796',
    'DataLength : 4',
    'Data       : 111.221.29.155',
    '',
    'Entry      : nexus-websocket-a-3879.example',
    'RecordName : ',
    'RecordType : AAAA',
    'Status     : NoRecords',
    'Section    : ',
    'TimeToLive : ',
    'DataLength : ',
    'Data       : ',
    '',
    'Entry      : www.youtube.com',
    'RecordName : youtube-ui.l.google.com',
    'RecordType : A',
    'Status     : Success',
    'Section    : Answer',
    'TimeToLive : 92',
    'DataLength : 4',
    'Data       : 216.58.221.78',
    '',
  ].join('\r\n');

  it('reads full names, skips negative entries and links Entry to RecordName', () => {
    const r = parseDnsClientCacheList(list, 'fl.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual([
      'hk2sch130021919.wns.windows.com A 111.221.29.155',
      'youtube-ui.l.google.com A 216.58.221.78',
      'www.youtube.com CNAME youtube-ui.l.google.com',
    ]);
    expect(r.records[0]).toMatchObject({ line: 2, ttl: 1796 });
  });

  it('is detected by parseDnsCacheText', () => {
    expect(parseDnsCacheText(list, 'fl.txt').records).toHaveLength(3);
  });
});

// Issue 19: with the record-type number mangled (a code-page accident turns "12" into "1²" or
// leaves it blank), the value's shape decides, and a name on an in-addr.arpa / ip6.arpa name is a
// PTR, never a CNAME. A planted "always CNAME" survived every test.
describe('parseIpconfigDisplayDns when the type number is mangled', () => {
  const record = (name: string, type: string, data: string): string =>
    [
      `    ${name}`,
      '    ----------------------------------------',
      `    Record Name . . . . . : ${name}`,
      `    Record Type . . . . . : ${type}`,
      '    Time To Live  . . . . : 600',
      '    Data Length . . . . . : 8',
      '    Section . . . . . . . : Answer',
      `    PTR Record  . . . . . : ${data}`,
      '',
    ].join('\r\n');

  it('reads a name on in-addr.arpa and ip6.arpa as PTR, on other names as CNAME, an address as A/AAAA', () => {
    const text = [
      'Windows IP Configuration',
      '',
      record('23.1.168.192.in-addr.arpa', '1²', 'Desktop-NguyenVanA.lan'),
      record('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa', '', 'host6.example'),
      record('cdn.example.vn', '¿', 'edge.example.net'),
      record('evil.example', '?', '203.0.113.9'),
      record('evil6.example', 'x', '2001:db8::5'),
    ].join('\r\n');
    const r = parseIpconfigDisplayDns(text, 'dns.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map(brief)).toEqual([
      '23.1.168.192.in-addr.arpa PTR desktop-nguyenvana.lan',
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa PTR host6.example',
      'cdn.example.vn CNAME edge.example.net',
      'evil.example A 203.0.113.9',
      'evil6.example AAAA 2001:db8::5',
    ]);
  });

  it('keeps the declared type when the number is readable, even on an arpa name', () => {
    const r = parseIpconfigDisplayDns(record('9.113.0.203.in-addr.arpa', '5', 'alias.example'), 'dns.txt');
    expect(r.records.map(brief)).toEqual(['9.113.0.203.in-addr.arpa CNAME alias.example']);
  });
});
