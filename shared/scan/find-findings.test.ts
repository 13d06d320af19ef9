import { describe, expect, it } from 'vitest';
import type { Connection, Indicator } from '../domain';
import { IndicatorIndex } from '../indicators';
import { parseDnsClientCache, parseIpconfigDisplayDns } from '../parsers/dns-cache';
import { parseHostsFile } from '../parsers/hosts-file';
import { findFindings, matchScan } from './find-findings';
import { addressOfReverseName, buildResolution } from './resolution';
import { fixture, sections } from '../../test/support/scan/fixtures';
import { connection } from '../../test/support/connection';

const ind = (kind: Indicator['kind'], value: string, source = 'test-feed'): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source,
});

const conn = (remoteAddress: string, extra: Partial<Connection> = {}): Connection =>
  connection({ remoteAddress, pid: 4242, processName: 'beacon.exe', ...extra });

const rec = (name: string, type: 'A' | 'AAAA' | 'CNAME' | 'PTR', data: string) => ({
  name,
  type,
  data,
  ttl: 60,
  origin: 'dns-cache' as const,
});

describe('findFindings: connections', () => {
  const index = IndicatorIndex.build([
    ind('ip', '203.0.113.9'),
    ind('cidr', '198.51.100.0/24'),
    ind('cidr', '2001:db8::/32'),
  ]);

  it('flags a connection to a listed IP (kind ip) and to a listed range (kind cidr)', () => {
    const a = conn('203.0.113.9');
    const b = conn('198.51.100.200', { localPort: 50001 });
    const f = findFindings({ connections: [a, b, conn('192.0.2.1')], index });
    expect(f).toEqual([
      {
        indicator: '198.51.100.0/24',
        kind: 'cidr',
        via: 'connection',
        source: 'test-feed',
        indicatorId: 'cidr:198.51.100.0/24',
        connection: b,
      },
      {
        indicator: '203.0.113.9',
        kind: 'ip',
        via: 'connection',
        source: 'test-feed',
        indicatorId: 'ip:203.0.113.9',
        connection: a,
      },
    ]);
  });

  it('matches an IPv4-mapped remote (dual-stack socket) against the IPv4 indicator', () => {
    const f = findFindings({ connections: [conn('::ffff:203.0.113.9')], index });
    expect(f.map((x) => [x.indicator, x.connection?.remoteAddress])).toEqual([
      ['203.0.113.9', '::ffff:203.0.113.9'],
    ]);
  });

  it('matches IPv6 ranges in any spelling and ignores sockets without a peer', () => {
    const f = findFindings({
      connections: [
        conn('2001:DB8:0:0::1'),
        conn('0.0.0.0', { state: 'LISTEN' }),
        conn('*', { protocol: 'udp' }),
        conn('::'),
      ],
      index,
    });
    expect(f.map((x) => x.indicator)).toEqual(['2001:db8::/32']);
  });

  it('flags loopback and private addresses when a feed lists them', () => {
    const f = findFindings({
      connections: [conn('127.0.0.77')],
      index: IndicatorIndex.build([ind('ip', '127.0.0.77')]),
    });
    expect(f).toHaveLength(1);
  });

  it('reports one finding per connection even if the same socket is listed twice', () => {
    const c = conn('203.0.113.9');
    expect(findFindings({ connections: [c, { ...c }], index })).toHaveLength(1);
  });
});

describe('findFindings: domains through the DNS cache', () => {
  const index = IndicatorIndex.build([ind('domain', 'evil.example')]);

  it('links a connection to a flagged name through a CNAME chain (www.a.example → cdn.evil.example → A)', () => {
    const dns = [
      rec('www.a.example', 'CNAME', 'cdn.evil.example'),
      rec('cdn.evil.example', 'A', '198.51.100.7'),
    ];
    const c = conn('198.51.100.7');
    const f = findFindings({ connections: [c], dnsRecords: dns, index });
    const viaConn = f.filter((x) => x.via === 'connection');
    expect(viaConn).toEqual([
      expect.objectContaining({
        indicator: 'evil.example',
        kind: 'domain',
        domain: 'cdn.evil.example',
        connection: c,
      }),
    ]);
    // The cache itself proves the name was resolved, even without the connection.
    expect(f.filter((x) => x.via === 'dns-cache').map((x) => x.domain)).toEqual(['cdn.evil.example']);
  });

  it('flags an alias that is itself flagged even when the final name is not', () => {
    const dns = [
      rec('x.evil.example', 'CNAME', 'edge.cdn.test'),
      rec('edge.cdn.test', 'AAAA', '2001:db8::9'),
    ];
    const f = findFindings({ connections: [conn('2001:db8::9')], dnsRecords: dns, index });
    expect(f.filter((x) => x.via === 'connection').map((x) => x.domain)).toEqual(['x.evil.example']);
  });

  it('reports a resolved flagged name with no connection, once, with the first cache line as evidence', () => {
    const text = parseIpconfigDisplayDns(
      [
        '    c2.evil.example',
        '    ----',
        '    Record Name . . . . . : c2.evil.example',
        '    Record Type . . . . . : 1',
        '    Time To Live  . . . . : 60',
        '    Data Length . . . . . : 4',
        '    Section . . . . . . . : Answer',
        '    A (Host) Record . . . : 192.0.2.50',
        '',
        '    Record Name . . . . . : c2.evil.example',
        '    Record Type . . . . . : 1',
        '    Time To Live  . . . . : 60',
        '    Data Length . . . . . : 4',
        '    Section . . . . . . . : Answer',
        '    A (Host) Record . . . : 192.0.2.51',
      ].join('\n'),
      'dns.txt',
    );
    const f = findFindings({ connections: [], dnsRecords: text.records, index });
    expect(f).toEqual([
      {
        indicator: 'evil.example',
        kind: 'domain',
        via: 'dns-cache',
        domain: 'c2.evil.example',
        source: 'test-feed',
        indicatorId: 'domain:evil.example',
        evidence: 'dns.txt:3: c2.evil.example A 192.0.2.50',
      },
    ]);
  });

  it('finds the Adobe activation names in the realdata Get-DnsClientCache PTR rows', () => {
    const adobe = IndicatorIndex.build([ind('domain', 'practivate.adobe.com')]);
    const records = parseDnsClientCache(
      sections(fixture('dns/get-dnsclientcache-realdata.txt')).B,
      'cache.txt',
    ).records;
    // The names point at 127.0.0.1 (a hosts-file block): the cache record is the finding; the
    // machine's own loopback connections are not "connections to practivate.adobe.com".
    const f = findFindings({ connections: [conn('127.0.0.1')], dnsRecords: records, index: adobe });
    expect(f.map((x) => `${x.via} ${x.domain}`)).toEqual(['dns-cache practivate.adobe.com']);
  });

  it('links names to other loopback and private addresses like any other', () => {
    const f = findFindings({
      connections: [conn('127.0.0.77'), conn('10.1.2.3')],
      dnsRecords: [rec('a.evil.example', 'A', '127.0.0.77'), rec('b.evil.example', 'A', '10.1.2.3')],
      index,
    });
    expect(f.filter((x) => x.via === 'connection').map((x) => x.domain)).toEqual([
      'a.evil.example',
      'b.evil.example',
    ]);
  });

  it('reports a cached name that resolved to a flagged address (kind ip, via dns-cache)', () => {
    const f = findFindings({
      connections: [],
      dnsRecords: [rec('innocent-looking.test', 'A', '203.0.113.9')],
      index: IndicatorIndex.build([ind('ip', '203.0.113.9')]),
    });
    expect(f).toEqual([
      expect.objectContaining({
        indicator: '203.0.113.9',
        kind: 'ip',
        via: 'dns-cache',
        domain: 'innocent-looking.test',
      }),
    ]);
  });

  it('the allow-list wins over an indicator that covers it', () => {
    const allowIndex = IndicatorIndex.build(
      [ind('domain', 'evil.example'), ind('cidr', '198.51.100.0/24')],
      [
        { type: 'domain', value: 'safe.evil.example' },
        { type: 'ip', value: '198.51.100.7' },
      ],
    );
    const dns = [rec('safe.evil.example', 'A', '198.51.100.7')];
    expect(findFindings({ connections: [conn('198.51.100.7')], dnsRecords: dns, index: allowIndex })).toEqual(
      [],
    );
    expect(findFindings({ connections: [conn('198.51.100.8')], index: allowIndex })).toHaveLength(1);
  });
});

describe('findFindings: hosts file', () => {
  it('flags a line redirecting a flagged name and a line sending any name to a flagged address', () => {
    // (A line sending the name to 0.0.0.0 or loopback blocks it instead: truthful-matches.test.ts.)
    const hosts = parseHostsFile(
      '192.0.2.10 update.evil.example\n203.0.113.9 bank.test # phishing\n10.1.1.1 fine.test\n',
      'hosts',
    );
    const index = IndicatorIndex.build([ind('domain', 'evil.example'), ind('ip', '203.0.113.9')]);
    const f = findFindings({ connections: [], hostsRecords: hosts.records, index });
    expect(f.map((x) => [x.kind, x.indicator, x.domain, x.evidence])).toEqual([
      ['ip', '203.0.113.9', 'bank.test', 'hosts:2: 203.0.113.9 bank.test # phishing'],
      ['domain', 'evil.example', 'update.evil.example', 'hosts:1: 192.0.2.10 update.evil.example'],
    ]);
    expect(f.every((x) => x.via === 'hosts-file')).toBe(true);
  });

  it('links a connection to the address a hosts line gave a flagged name', () => {
    const hosts = parseHostsFile('192.0.2.44 c2.evil.example\n', 'hosts');
    const f = findFindings({
      connections: [conn('192.0.2.44')],
      hostsRecords: hosts.records,
      index: IndicatorIndex.build([ind('domain', 'evil.example')]),
    });
    expect(f.map((x) => `${x.via} ${x.domain}`)).toEqual([
      'connection c2.evil.example',
      'hosts-file c2.evil.example',
    ]);
  });
});

describe('findFindings is deterministic', () => {
  it('gives the same order whatever the input order', () => {
    const index = IndicatorIndex.build([ind('cidr', '198.51.100.0/24'), ind('domain', 'evil.example')]);
    const conns = [1, 2, 3, 4].map((n) => conn(`198.51.100.${n}`, { pid: 10 - n }));
    const dns = [rec('a.evil.example', 'A', '198.51.100.1'), rec('b.evil.example', 'A', '198.51.100.2')];
    const one = findFindings({ connections: conns, dnsRecords: dns, index });
    const two = findFindings({ connections: [...conns].reverse(), dnsRecords: [...dns].reverse(), index });
    expect(two).toEqual(one);
    // 4 connections in the range, 2 of them reached by flagged names, 2 flagged names in the
    // cache, and 2 cache records whose address is in the range.
    expect(one).toHaveLength(4 + 2 + 2 + 2);
  });
});

describe('buildResolution', () => {
  it('links every name of a chain to the address, bounded on CNAME loops', () => {
    const r = buildResolution([
      rec('www.a.example', 'CNAME', 'cdn.evil.example'),
      rec('cdn.evil.example', 'A', '198.51.100.7'),
      rec('loop1.test', 'CNAME', 'loop2.test'),
      rec('loop2.test', 'CNAME', 'loop1.test'),
      rec('loop1.test', 'A', '192.0.2.1'),
    ]);
    expect(r.get('198.51.100.7')).toEqual(['cdn.evil.example', 'www.a.example']);
    expect(r.get('192.0.2.1')).toEqual(['loop1.test', 'loop2.test']);
  });

  it('reads the address of a PTR record from its reverse name', () => {
    expect(addressOfReverseName('1.0.0.127.in-addr.arpa')).toBe('127.0.0.1');
    expect(addressOfReverseName(`1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`)).toBe('2001:db8::1');
    expect(addressOfReverseName('example.com')).toBeNull();
  });

  it('follows the realdata ipconfig CNAME chain to the A record', () => {
    const records = parseIpconfigDisplayDns(
      sections(fixture('dns/ipconfig-displaydns-realdata.txt')).A,
      'a',
    ).records;
    expect(buildResolution(records).get('4.213.25.241')).toEqual([
      'client.wns.windows.com',
      'wns.notify.trafficmanager.net',
    ]);
  });
});

describe('findFindings: the index id path (issue 18)', () => {
  const index = IndicatorIndex.build([ind('domain', 'evil.example'), ind('ip', '203.0.113.9')]);
  // The same index through the object-only interface, and through the id path with its builds counted.
  const objectOnly = {
    matchAddress: (a: string) => index.matchAddress(a),
    matchDomain: (n: string) => index.matchDomain(n),
  };
  const counted = () => {
    const m = {
      built: 0,
      matchAddress: (a: string) => index.matchAddress(a),
      matchDomain: (n: string) => index.matchDomain(n),
      lookupDomainId: (n: string) => index.lookupDomainId(n),
      domainValue: (id: number) => index.domainValue(id),
      domainIndicator: (id: number) => {
        m.built++;
        return index.domainIndicator(id);
      },
    };
    return m;
  };
  // A cache with repeated rows of a flagged name (as ipconfig /displaydns prints one per answer),
  // sockets to its addresses, an allowed-looking near miss and a name under the listed one.
  const dnsRecords = [
    rec('cdn.evil.example', 'A', '198.51.100.7'),
    rec('cdn.evil.example', 'A', '198.51.100.8'),
    rec('cdn.evil.example', 'A', '198.51.100.9'),
    rec('notevil.example', 'A', '192.0.2.5'),
    rec('www.cdn.evil.example', 'CNAME', 'cdn.evil.example'),
  ];
  const connections = [
    conn('198.51.100.7'),
    conn('198.51.100.7', { localPort: 50002 }),
    conn('198.51.100.8', { localPort: 50003, state: 'TIME_WAIT', pid: null, processName: null }),
  ];

  it('finds exactly what the object path finds, building an indicator only for each kept finding', () => {
    const plain = matchScan({ connections, dnsRecords, index: objectOnly });
    const m = counted();
    expect(matchScan({ connections, dnsRecords, index: m })).toEqual(plain);
    expect(matchScan({ connections, dnsRecords, index })).toEqual(plain);
    // cdn.evil.example is one cache finding for its three rows, www.cdn.evil.example one by its
    // CNAME; each socket is one finding per name that resolved to it (the ended one is recent).
    expect(plain.findings.filter((f) => f.via === 'dns-cache').map((f) => f.domain)).toEqual([
      'cdn.evil.example',
      'www.cdn.evil.example',
    ]);
    const kept = [...plain.findings, ...plain.recent].filter((f) => f.kind === 'domain').length;
    expect(kept).toBe(8);
    // The object path builds one per matching row or name (5 in the cache alone, 11 in all).
    expect(m.built).toBe(kept);
  });
});
