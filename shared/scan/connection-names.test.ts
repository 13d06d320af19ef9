import { describe, expect, it } from 'vitest';
import type { Connection, DnsRecord, Indicator } from '../domain';
import { IndicatorIndex } from '../indicators';
import { withNames } from './find-findings';
import { buildResolution } from './resolution';
import { createScanService } from '../../services/scan/scan-service';
import { connection } from '../../test/support/connection';

const conn = (remoteAddress: string, localPort: number): Connection =>
  connection({
    localPort,
    remoteAddress,
    pid: 4242,
    processName: 'beacon.exe',
    processPath: 'C:\\Users\\a\\AppData\\beacon.exe',
  });
const rec = (
  name: string,
  type: DnsRecord['type'],
  data: string,
  origin: DnsRecord['origin'] = 'dns-cache',
) => ({ name, type, data, ttl: 60, origin }) satisfies DnsRecord;
const ind = (kind: Indicator['kind'], value: string): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source: 'feed.txt',
});

// www.portal.example → cdn.edge.example → 198.51.100.7 (the shape of a real CDN chain), plus a
// hosts-file block to 0.0.0.0 and an unrelated name of another address.
const dnsCache: DnsRecord[] = [
  rec('www.portal.example', 'CNAME', 'cdn.edge.example'),
  rec('cdn.edge.example', 'A', '198.51.100.7'),
  rec('other.example', 'A', '192.0.2.44'),
];
const hostsFile: DnsRecord[] = [
  rec('blocked.example', 'A', '0.0.0.0', 'hosts-file'),
  rec('app.intranet.portal.example', 'A', '198.51.100.7', 'hosts-file'),
];

function service(connections: Connection[], indicators: Indicator[]) {
  // Sleeping advances the clock, so a watch ends after its samples without waiting for real.
  let t = 1_700_000_000_000;
  return createScanService({
    sleep: (ms) => {
      t += ms;
      return Promise.resolve();
    },
    now: () => t,
    connections: { list: () => Promise.resolve({ connections, warnings: [] }) },
    indicators: () =>
      Promise.resolve({
        index: IndicatorIndex.build(indicators),
        feeds: [{ source: 'feed.txt', indicators: indicators.length }],
        warnings: [],
      }),
    dnsCache: () => Promise.resolve({ records: dnsCache, warnings: [] }),
    hostsFile: () => Promise.resolve({ records: hostsFile, warnings: [] }),
  });
}

describe('connection names from the DNS cache and hosts file', () => {
  it('gives a connection reached through a CNAME chain both names, most specific first', async () => {
    const report = await service([conn('198.51.100.7', 50001)], []).scan();
    // Most labels first, then alphabetical; the hosts-file name of the address is there too.
    expect(report.connections[0].names).toEqual([
      'app.intranet.portal.example',
      'cdn.edge.example',
      'www.portal.example',
    ]);
  });

  it('fills names on every connection, not only flagged ones, and on the flagged one in its finding', async () => {
    const report = await service(
      [conn('198.51.100.7', 50001), conn('192.0.2.44', 50002), conn('203.0.113.80', 50003)],
      [ind('domain', 'edge.example')],
    ).scan();
    const byRemote = new Map(report.connections.map((c) => [c.remoteAddress, c.names]));
    expect(byRemote.get('192.0.2.44')).toEqual(['other.example']);
    const onConnection = report.findings.filter((f) => f.via === 'connection');
    expect(onConnection).toHaveLength(1);
    expect(onConnection[0]).toMatchObject({ indicator: 'edge.example', domain: 'cdn.edge.example' });
    expect(onConnection[0].connection?.names).toContain('www.portal.example');
    // No name known: no key at all, so a report without DNS data keeps its former shape.
    expect(report.connections.find((c) => c.remoteAddress === '203.0.113.80')).not.toHaveProperty('names');
  });

  it('fills names in the report of a watch as well', async () => {
    const report = await service([conn('198.51.100.7', 50001), conn('203.0.113.80', 50003)], []).watch(1);
    expect(report.watch.samples).toBeGreaterThan(1);
    expect(report.connections.find((c) => c.remoteAddress === '198.51.100.7')?.names).toContain(
      'www.portal.example',
    );
    expect(report.connections.find((c) => c.remoteAddress === '203.0.113.80')).not.toHaveProperty('names');
  });

  it('links no name to sinkhole addresses or to sockets without a peer', () => {
    const resolution = buildResolution([...dnsCache, ...hostsFile]);
    const out = withNames(
      [conn('0.0.0.0', 1), conn('::ffff:198.51.100.7', 2), { ...conn('*', 3), protocol: 'udp' }],
      resolution,
    );
    expect(out[0]).not.toHaveProperty('names');
    // An IPv4-mapped peer is the same host as its IPv4 form.
    expect(out[1].names).toContain('cdn.edge.example');
    expect(out[2]).not.toHaveProperty('names');
  });

  it('replaces names a connection already carried instead of keeping stale ones', () => {
    const stale = { ...conn('192.0.2.44', 9), names: ['old.example'] };
    expect(withNames([stale], buildResolution(dnsCache))[0].names).toEqual(['other.example']);
    expect(withNames([stale], buildResolution([]))[0]).not.toHaveProperty('names');
  });
});
