// The DNS-cache parsers (shared/parsers/dns-cache.ts) on capture shapes that mutation testing
// (issue 19, second pass) showed no test pinned down: console copies (lines padded with blanks, a
// prompt above the table, an indentation turned into a tab), Format-Table with chosen columns
// (`Get-DnsClientCache | Format-Table Entry, TimeToLive, Data`, numbers right-aligned, a wrapped
// header, SRV rows of a domain-joined PC), columns cut short, reverse names reached through a
// CNAME (RFC 2317) and PTR names with a search suffix appended. The rows are the realdata ones
// (shared/realdata/14_ipconfig_displaydns.txt, 15_get_dnsclientcache.txt), re-arranged.
import { describe, expect, it } from 'vitest';
import {
  parseDnsCacheText,
  parseDnsClientCache,
  parseDnsClientCacheList,
  parseIpconfigDisplayDns,
} from './dns-cache';
import type { DnsRecord } from '../domain';

const brief = (r: DnsRecord): string => `${r.name} ${r.type} ${r.data}`;

const ipconfigRecord = (name: string, type: string, data: string, pad = '    ', after = ' '): string[] => [
  `${pad}Record Name . . . . . :${after}${name}`,
  `${pad}Record Type . . . . . :${after}${type}`,
  `${pad}Time To Live  . . . . :${after}622`,
  `${pad}Data Length . . . . . :${after}4`,
  `${pad}Section . . . . . . . :${after}Answer`,
  `${pad}A (Host) Record . . . :${after}${data}`,
];

describe('ipconfig /displaydns as a console or an editor hands it over', () => {
  it('reads records indented by one tab or one blank instead of four blanks', () => {
    const text = [
      ...ipconfigRecord('wns.notify.trafficmanager.net', '1', '4.213.25.241', '\t'),
      '',
      ...ipconfigRecord('google.com', '1', '76.32.97.132', ' '),
    ].join('\r\n');
    const r = parseIpconfigDisplayDns(text, 'dns.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [brief(x), x.ttl, x.line])).toEqual([
      ['wns.notify.trafficmanager.net A 4.213.25.241', 622, 1],
      ['google.com A 76.32.97.132', 622, 8],
    ]);
  });

  it('reads the type number and TTL when several blanks stand after the colon', () => {
    const r = parseIpconfigDisplayDns(
      ipconfigRecord('1.0.25.172.in-addr.arpa.', '12', 'DESKTOP-3R4QLRE.mshome.net', '    ', '   ').join(
        '\n',
      ),
      'dns.txt',
    );
    expect(r.errors).toEqual([]);
    expect(r.records).toEqual([
      {
        name: '1.0.25.172.in-addr.arpa',
        type: 'PTR',
        data: 'desktop-3r4qlre.mshome.net',
        ttl: 622,
        origin: 'dns-cache',
        file: 'dns.txt',
        line: 1,
        text: '1.0.25.172.in-addr.arpa PTR desktop-3r4qlre.mshome.net',
      },
    ]);
  });

  it('reports a record whose name or address line is empty, quoting the empty value', () => {
    // ipconfig ends such a line at its colon.
    const noName = ipconfigRecord('', '1', '76.32.97.132').map((l) => l.trimEnd());
    const noAddress = ipconfigRecord('google.com', '1', '').map((l) => l.trimEnd());
    const r = parseIpconfigDisplayDns([...noName, '', ...noAddress].join('\n'), 'dns.txt');
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'dns.txt', line: 1, message: '"" is not a DNS name; record skipped' },
      {
        file: 'dns.txt',
        line: 13,
        message: 'record type 1 (A) but "" is not an address; record skipped',
      },
    ]);
  });

  it('with a mangled type number, takes a name as PTR only when it ends in in-addr.arpa or ip6.arpa', () => {
    // The search suffix appended to a reverse name ("…in-addr.arpa.corp.example") is a forward name.
    const text = [
      ...ipconfigRecord('1.0.25.172.in-addr.arpa.corp.example', '?', 'desktop-3r4qlre.mshome.net'),
      '',
      ...ipconfigRecord('1.0.25.172.in-addr.arpa', '?', 'desktop-3r4qlre.mshome.net'),
    ].join('\n');
    expect(parseIpconfigDisplayDns(text, 'dns.txt').records.map(brief)).toEqual([
      '1.0.25.172.in-addr.arpa.corp.example CNAME desktop-3r4qlre.mshome.net',
      '1.0.25.172.in-addr.arpa PTR desktop-3r4qlre.mshome.net',
    ]);
  });
});

// A console copy pads every line to the window width with blanks, blank lines included.
const pad = (line: string): string => line.padEnd(100, ' ');

describe('Get-DnsClientCache tables as a console copy gives them', () => {
  it('stops the header at a blank-padded line, so the prompt above it is not read as column names', () => {
    const text = [
      'PS C:\\Users\\Tomàs> Get-DnsClientCache | Format-Table Name, Type, TTL, Data',
      '',
      'Name                      Type TTL    Data',
      '----                      ---- ---    ----',
      'www.google.com            A    210    216.58.215.132',
    ]
      .map(pad)
      .join('\r\n');
    const r = parseDnsClientCache(text, 'c.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [brief(x), x.ttl])).toEqual([['www.google.com A 216.58.215.132', 210]]);
  });

  it('ends a table at a blank-padded line: the prompt after it is not a row', () => {
    const text = [
      'Entry                     RecordName                Record Status    Section TimeTo Data   Data',
      '                                                    Type                     Live   Length',
      '-----                     ----------                ------ ------    ------- ------ ------ ----',
      'www.gstatic.com           www.gstatic.com           A      Success   Answer      38      4 216.58.221.67',
      '',
      'PS C:\\Users\\axiomiety> Get-DnsClientCache | Format-List | Out-File -Encoding utf8 C:\\Temp\\dns.txt',
    ]
      .map(pad)
      .join('\r\n');
    const r = parseDnsClientCache(text, 'c.txt');
    expect(r.records.map(brief)).toEqual(['www.gstatic.com A 216.58.221.67']);
    expect(r.errors).toEqual([]);
  });

  it('reads the eight columns of the default table by position when the header above the ruler is lost', () => {
    const text = [
      '',
      '-----                     ----------                ------ ------    ------- ------ ------ ----',
      'www.youtube.com           youtube-ui.l.google.com   A      Success   Answer      92      4 216.58.221.78',
    ].join('\n');
    const r = parseDnsClientCache(text, 'c.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [brief(x), x.ttl])).toEqual([
      ['youtube-ui.l.google.com A 216.58.221.78', 92],
      ['www.youtube.com CNAME youtube-ui.l.google.com', 92],
    ]);
  });
});

describe('Get-DnsClientCache | Format-Table with chosen columns', () => {
  it('reads a right-aligned TimeToLive first column without shifting the others', () => {
    const text = [
      'TimeToLive Entry                     Data',
      '---------- -----                     ----',
      '        38 www.gstatic.com           216.58.221.67',
      '      1796 crl3.digicert.com         72.21.91.29',
    ].join('\n');
    const r = parseDnsClientCache(text, 'c.txt');
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [brief(x), x.ttl, x.text])).toEqual([
      ['www.gstatic.com A 216.58.221.67', 38, '38 www.gstatic.com           216.58.221.67'],
      ['crl3.digicert.com A 72.21.91.29', 1796, '1796 crl3.digicert.com         72.21.91.29'],
    ]);
  });

  it('joins a header name wrapped over two lines ("TimeTo" / "Live")', () => {
    const text = [
      'Entry                     TimeTo Data',
      '                          Live',
      '-----                     ------ ----',
      'www.youtube.com               92 216.58.221.78',
    ].join('\n');
    expect(parseDnsClientCache(text, 'c.txt').records.map((x) => [brief(x), x.ttl])).toEqual([
      ['www.youtube.com A 216.58.221.78', 92],
    ]);
  });

  it('reads the type as written: SRV stays OTHER, numbers of two digits are types too', () => {
    const text = [
      'Name                             Type Data',
      '----                             ---- ----',
      '_ldap._tcp.dc._msdcs.corp.example SRV dc1.corp.example',
      'apollo.archlinux.org             28   2a01:4f8:172:1d86::1',
      '1.0.0.127.in-addr.arpa           12   activate.adobe.com',
    ].join('\n');
    expect(parseDnsClientCache(text, 'c.txt').records.map(brief)).toEqual([
      '_ldap._tcp.dc._msdcs.corp.example OTHER dc1.corp.example',
      'apollo.archlinux.org AAAA 2a01:4f8:172:1d86::1',
      '1.0.0.127.in-addr.arpa PTR activate.adobe.com',
    ]);
  });

  it('without a type column, the shape of the value decides', () => {
    const text = [
      'Entry                     RecordName                Data',
      '-----                     ----------                ----',
      'wiki.archlinux.org        apollo.archlinux.org      138.201.81.199',
      'www.youtube.com           www.youtube.com           youtube-ui.l.google.com',
    ].join('\n');
    expect(parseDnsClientCache(text, 'c.txt').records.map(brief)).toEqual([
      'apollo.archlinux.org A 138.201.81.199',
      'wiki.archlinux.org CNAME apollo.archlinux.org',
      'www.youtube.com CNAME youtube-ui.l.google.com',
    ]);
  });

  it('reports a table with Data but no name column once, at its ruler, and reads no row of it', () => {
    const text = [
      'Type TimeToLive Data',
      '---- ---------- ----',
      'A            38 216.58.221.67',
      'A          1796 111.221.29.155',
    ].join('\n');
    expect(parseDnsClientCache(text, 'c.txt')).toEqual({
      records: [],
      errors: [
        {
          file: 'c.txt',
          line: 2,
          message:
            'DNS cache table without Entry/RecordName/Data columns; capture plain "Get-DnsClientCache" or "ipconfig /displaydns"',
        },
      ],
    });
  });

  it('takes a TTL cut short by the column width as unknown', () => {
    const text = [
      'Entry                      Type TimeTo Data',
      '                                Live',
      '-----                      ---- ------ ----',
      'wwis-dubc1-vip60.adobe.com A    407... 127.0.0.1',
      'www.google.com             A    210…   216.58.215.132',
    ].join('\n');
    const r = parseDnsClientCache(text, 'c.txt');
    expect(r.records.map((x) => [brief(x), x.ttl])).toEqual([
      ['wwis-dubc1-vip60.adobe.com A 127.0.0.1', null],
      ['www.google.com A 216.58.215.132', null],
    ]);
  });

  it('adds no CNAME link for a reverse name reached through a classless delegation (RFC 2317)', () => {
    const text = [
      'Entry                     RecordName                     Type Data',
      '-----                     ----------                     ---- ----',
      '9.113.0.203.in-addr.arpa  9.0-25.113.0.203.in-addr.arpa  PTR  host.example',
    ].join('\n');
    expect(parseDnsClientCache(text, 'c.txt').records.map(brief)).toEqual([
      '9.0-25.113.0.203.in-addr.arpa PTR host.example',
    ]);
  });
});

describe('Get-DnsClientCache | Format-List with some properties left out', () => {
  it('without a RecordType or Type line, the shape of the value decides', () => {
    const text = [
      'Entry      : wiki.archlinux.org',
      'RecordName : apollo.archlinux.org',
      'Data       : 2a01:4f8:172:1d86::1',
    ].join('\n');
    expect(parseDnsClientCacheList(text, 'l.txt').records.map(brief)).toEqual([
      'apollo.archlinux.org AAAA 2a01:4f8:172:1d86::1',
      'wiki.archlinux.org CNAME apollo.archlinux.org',
    ]);
  });

  it('reports a block with Data but neither Entry nor RecordName, quoting the empty name', () => {
    const text = [
      'Entry      : www.google.com',
      'Data       : 216.58.215.132',
      '',
      'Data       : 216.58.215.133',
    ].join('\n');
    const r = parseDnsCacheText(text, 'l.txt');
    expect(r.records.map(brief)).toEqual(['www.google.com A 216.58.215.132']);
    expect(r.errors).toEqual([{ file: 'l.txt', line: 4, message: '"" is not a DNS name; entry skipped' }]);
  });

  it('keeps the record but adds no CNAME link when the Entry is no DNS name', () => {
    const text = [
      'Entry      : www.youtube.com!',
      'RecordName : youtube-ui.l.google.com',
      'RecordType : A',
      'Data       : 216.58.221.78',
    ].join('\n');
    const r = parseDnsClientCacheList(text, 'l.txt');
    expect(r.records.map(brief)).toEqual(['youtube-ui.l.google.com A 216.58.221.78']);
    expect(r.errors).toEqual([]);
  });
});
