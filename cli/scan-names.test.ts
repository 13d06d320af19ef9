import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../shared/domain';
import { cliIn } from '../test/support/cli';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-cli-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

// The real `ipconfig /displaydns` capture resolves client.wns.windows.com through the CNAME
// wns.notify.trafficmanager.net to 4.213.25.241; the netstat capture has a socket to that address
// and one to an address the cache does not know.
const cache = join(fixtures, 'dns/ipconfig-displaydns-realdata.txt');
const netstat = write(
  'netstat-wns.txt',
  '  TCP    10.0.0.8:50123    4.213.25.241:443    ESTABLISHED     5120\r\n' +
    '  TCP    10.0.0.8:50124    192.0.2.77:443      ESTABLISHED     5121\r\n',
);
const quietFeed = write('quiet.txt', '192.0.2.200\n');
// trafficmanager.net itself is a public suffix (every Azure Traffic Manager customer): catch-all.
const wnsFeed = write('wns.txt', 'wns.notify.trafficmanager.net\n');

const run = cliIn(dir);

describe('sachmadoc scan: DNS names of connections', () => {
  it('puts the names of a CNAME-chained peer in the JSON of a clean connection', async () => {
    const r = await run('scan', '--json', '--feed', quietFeed, '--netstat', netstat, '--dns-cache', cache);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ScanReport;
    const byRemote = new Map(report.connections.map((c) => [c.remoteAddress, c]));
    expect(byRemote.get('4.213.25.241')?.names).toEqual([
      'client.wns.windows.com',
      'wns.notify.trafficmanager.net',
    ]);
    expect(byRemote.get('192.0.2.77')).not.toHaveProperty('names');
  });

  it('carries the names in the connection of a finding too', async () => {
    const r = await run('scan', '--json', '--feed', wnsFeed, '--netstat', netstat, '--dns-cache', cache);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ScanReport;
    const f = report.findings.find((x) => x.via === 'connection');
    expect(f).toMatchObject({
      indicator: 'wns.notify.trafficmanager.net',
      domain: 'wns.notify.trafficmanager.net',
    });
    expect(f?.connection?.names).toEqual(['client.wns.windows.com', 'wns.notify.trafficmanager.net']);
  });

  it('adds a names column to the readable table only when some peer has a name', async () => {
    const named = await run('scan', '--feed', quietFeed, '--netstat', netstat, '--dns-cache', cache);
    expect(named.out).toContain('Tên miền/Names');
    const row = named.out.split('\n').find((l) => l.includes('4.213.25.241:443'));
    expect(row).toMatch(/5120 +\? +client\.wns\.windows\.com, wns\.notify\.trafficmanager\.net$/);
    const plain = await run('scan', '--feed', quietFeed, '--netstat', netstat);
    expect(plain.out).toContain('Giao thức/Proto');
    expect(plain.out).not.toContain('Tên miền/Names');
  });
});
