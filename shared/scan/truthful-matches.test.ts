// Issue 10, points 2 and 5: what counts as a finding and what is only information. A hosts line
// that blocks an indicator's name is protection; the DNS-cache rows Windows copies from it are not
// lookups; an ended socket without a process is a trace of a past connection, not a live one.
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import { IndicatorIndex } from '../indicators';
import { isBlockingAddress, isPrivateOrLinkLocal } from '../net/address-scope';
import { parseDnsClientCache, parseIpconfigDisplayDns } from '../parsers/dns-cache';
import { parseHostsFile } from '../parsers/hosts-file';
import { parseNetstat } from '../parsers/netstat';
import { isEndedConnection, matchScan } from './find-findings';
import { joinWindows } from '../../services/connections';
import { fixture, sections } from '../../test/support/scan/fixtures';

const ind = (kind: Indicator['kind'], value: string): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source: 'campaign',
});

describe('address scope', () => {
  it('knows the blocking addresses of a hosts line and nothing else', () => {
    for (const a of ['0.0.0.0', '127.0.0.1', '127.0.0.2', '127.255.255.254', '::', '::1', '::ffff:127.0.0.1'])
      expect(isBlockingAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '128.0.0.1', '126.255.255.255', '::2', 'fe80::1', 'not-an-ip'])
      expect(isBlockingAddress(a), a).toBe(false);
  });

  it('knows private and link-local addresses, and keeps loopback and public ones out', () => {
    for (const a of [
      '10.5.213.229',
      '172.16.0.1',
      '172.31.255.1',
      '192.168.100.1',
      '169.254.3.4',
      '100.64.0.1',
    ])
      expect(isPrivateOrLinkLocal(a), a).toBe(true);
    for (const a of ['fd00::5', 'fe80::1'] as const) expect(isPrivateOrLinkLocal(a), a).toBe(true);
    for (const a of ['127.0.0.2', '172.32.0.1', '8.8.8.8', '2001:db8::1', '::1', 'kms.example'])
      expect(isPrivateOrLinkLocal(a), a).toBe(false);
  });
});

describe('hosts-file blocks (point 2)', () => {
  const hostsB = parseHostsFile(sections(fixture('hosts/hosts-realdata.txt')).B, 'hosts-b');
  const hostsC = parseHostsFile(sections(fixture('hosts/hosts-realdata.txt')).C, 'hosts-c');
  // As if the campaign listed Adobe's activation names (a feed can list anything).
  const index = IndicatorIndex.build([ind('domain', 'practivate.adobe.com'), ind('domain', 'adobe.io')]);

  it('a block to 127.0.0.1 or 0.0.0.0 is "blocked", never a finding', () => {
    const m = matchScan({ connections: [], hostsRecords: [...hostsB.records, ...hostsC.records], index });
    expect(m.findings).toEqual([]);
    expect(m.blocked.map((b) => `${b.domain} ${b.address} ${b.line}`)).toEqual([
      'practivate.adobe.com 127.0.0.1 2',
      'ic.adobe.io 0.0.0.0 2',
      'cc-api-data.adobe.io 0.0.0.0 3',
      '5zgzzv92gn.adobe.io 0.0.0.0 5',
      'r3zj0yju1q.adobe.io 0.0.0.0 6',
      '3ca52znvmj.adobe.io 0.0.0.0 7',
      'p13n.adobe.io 0.0.0.0 8',
      'licensing.adobe.io 0.0.0.0 9',
    ]);
    expect(m.blocked[0]).toEqual({
      indicator: 'practivate.adobe.com',
      indicatorId: 'domain:practivate.adobe.com',
      domain: 'practivate.adobe.com',
      address: '127.0.0.1',
      source: 'campaign',
      file: 'hosts-b',
      line: 2,
      text: '127.0.0.1 practivate.adobe.com',
    });
  });

  it('a block to another loopback address or to :: / ::1 is "blocked" too', () => {
    const hosts = parseHostsFile('127.0.0.2 c2.evil.example\n::1 c2.evil.example\n:: x.evil.example\n', 'h');
    const m = matchScan({
      connections: [],
      hostsRecords: hosts.records,
      index: IndicatorIndex.build([ind('domain', 'evil.example')]),
    });
    expect(m.findings).toEqual([]);
    expect(m.blocked.map((b) => `${b.domain}→${b.address}`)).toEqual([
      'c2.evil.example→127.0.0.2',
      'c2.evil.example→::1',
      'x.evil.example→::',
    ]);
  });

  it('a hosts line sending an indicator name anywhere else is a hijack finding', () => {
    // The TryHackMe capture: the hosts file sent google.com to 76.32.97.132.
    const hosts = parseHostsFile('76.32.97.132 google.com\n0.0.0.0 ads.google.com\n', 'hosts');
    const m = matchScan({
      connections: [],
      hostsRecords: hosts.records,
      index: IndicatorIndex.build([ind('domain', 'google.com')]),
    });
    expect(m.findings.map((f) => `${f.via} ${f.domain} ${f.evidence}`)).toEqual([
      'hosts-file google.com hosts:1: 76.32.97.132 google.com',
    ]);
    expect(m.blocked.map((b) => b.domain)).toEqual(['ads.google.com']);
  });

  it('DNS-cache rows that only mirror the blocking hosts lines are not findings (realdata Get-DnsClientCache)', () => {
    const cache = parseDnsClientCache(
      sections(fixture('dns/get-dnsclientcache-realdata.txt')).B,
      'cache.txt',
    ).records;
    expect(cache.some((r) => r.type === 'PTR' && r.data === 'practivate.adobe.com')).toBe(true);
    const m = matchScan({ connections: [], dnsRecords: cache, hostsRecords: hostsB.records, index });
    expect(m.findings).toEqual([]);
    expect(m.blocked.map((b) => b.domain)).toEqual(['practivate.adobe.com']);
    // Without the hosts file the same rows are what they look like: the machine looked the name up.
    const alone = matchScan({ connections: [], dnsRecords: cache, index });
    expect(alone.findings.map((f) => `${f.via} ${f.domain}`)).toEqual(['dns-cache practivate.adobe.com']);
  });

  it('a cached lookup of an indicator name that the hosts file does not hold stays a finding, sinkhole answer included', () => {
    const hosts = parseHostsFile('0.0.0.0 blocked.evil.example\n', 'hosts');
    const cache = parseIpconfigDisplayDns(
      [
        'Windows IP Configuration',
        '',
        '    beacon.evil.example',
        '    ----------------------------------------',
        '    Record Name . . . . . : beacon.evil.example',
        '    Record Type . . . . . : 1',
        '    Time To Live  . . . . : 300',
        '    Data Length . . . . . : 4',
        '    Section . . . . . . . : Answer',
        '    A (Host) Record . . . : 0.0.0.0',
        '',
        '    blocked.evil.example',
        '    ----------------------------------------',
        '    Record Name . . . . . : blocked.evil.example',
        '    Record Type . . . . . : 1',
        '    Time To Live  . . . . : 300',
        '    Data Length . . . . . : 4',
        '    Section . . . . . . . : Answer',
        '    A (Host) Record . . . : 203.0.113.66',
      ].join('\n'),
      'displaydns.txt',
    ).records;
    const m = matchScan({
      connections: [],
      dnsRecords: cache,
      hostsRecords: hosts.records,
      index: IndicatorIndex.build([ind('domain', 'evil.example')]),
    });
    // beacon: a sinkhole answer from a DNS server, not from hosts; blocked: the cache holds a real
    // answer (another address than the hosts line), so the name was looked up before the block.
    expect(m.findings.map((f) => `${f.via} ${f.domain}`)).toEqual([
      'dns-cache beacon.evil.example',
      'dns-cache blocked.evil.example',
    ]);
    expect(m.blocked.map((b) => b.domain)).toEqual(['blocked.evil.example']);
  });

  it('a socket to the loopback address a hosts line blocks a name with is not a connection to it', () => {
    const hosts = parseHostsFile('127.0.0.2 c2.evil.example\n', 'hosts');
    const local = {
      protocol: 'tcp' as const,
      localAddress: '127.0.0.1',
      localPort: 50000,
      remoteAddress: '127.0.0.2',
      remotePort: 80,
      state: 'ESTABLISHED',
      pid: 800,
      processName: 'httpd.exe',
      processPath: null,
      services: [],
    };
    const m = matchScan({
      connections: [local],
      hostsRecords: hosts.records,
      index: IndicatorIndex.build([ind('domain', 'evil.example')]),
    });
    expect(m.findings).toEqual([]);
    expect(m.blocked).toHaveLength(1);
  });
});

describe('ended connections (point 5)', () => {
  // Spanish Windows `netstat -nabo`: a TIME_WAIT row under PID 0 beside live ones.
  const rows = parseNetstat(fixture('netstat/nabo-es-mojibake.txt'), 'netstat.txt').rows;
  const connections = joinWindows(rows, null, null);
  const index = IndicatorIndex.build([ind('ip', '34.120.208.123'), ind('ip', '20.7.1.246')]);

  it('a TIME_WAIT socket with no process is "recent", with its state; a live one is a finding', () => {
    const m = matchScan({ connections, index });
    expect(m.findings.map((f) => `${f.indicator} ${f.connection?.state} ${f.connection?.pid}`)).toEqual([
      '20.7.1.246 ESTABLISHED 3508',
    ]);
    expect(
      m.recent.map((f) => `${f.indicator} ${f.via} ${f.connection?.state} ${f.connection?.pid}`),
    ).toEqual(['34.120.208.123 connection TIME_WAIT 0']);
  });

  it('only a known ended state without an owner is ended; an unknown word or an owner keeps it live', () => {
    const base = connections.find((c) => c.state === 'TIME_WAIT')!;
    expect(isEndedConnection(base)).toBe(true);
    expect(isEndedConnection({ ...base, state: 'CLOSED', pid: null })).toBe(true);
    expect(isEndedConnection({ ...base, state: 'FIN_WAIT_2', pid: 0 })).toBe(true);
    expect(isEndedConnection({ ...base, pid: 4120 })).toBe(false);
    expect(isEndedConnection({ ...base, state: 'ESTABLISHED' })).toBe(false);
    expect(isEndedConnection({ ...base, state: 'SYN_SENT', pid: null })).toBe(false);
    // A localised word nobody mapped: shown raw, and never taken for "ended".
    expect(isEndedConnection({ ...base, state: 'ZAMKNIĘTE' })).toBe(false);
  });
});
