// Several files on two worker threads read ONE index that this thread built and moved into shared
// memory (issue 16). The hunt they give together must be the hunt of one thread, to the last field:
// random sets of the sample logs (every format, real and hand-written) against random feeds drawn
// from the names, addresses, blocks and URLs that occur in them, with ids, comments, severities
// and allow-list entries, so that every table of the index (and its packed strings) is read in
// the workers.
import { cpSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../shared/domain';
import type { AllowEntry } from '../../shared/indicators';
import { runHunt } from './hunt-service';
import { workersAvailable } from './workers';

const LOGS = resolve(__dirname, '../../test/fixtures/logs');
const dir = mkdtempSync(join(tmpdir(), 'shared-index-hunt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = [
  'pfirewall.log',
  'pfirewall-no-pid.log',
  'dns-debug.log',
  'dnsmasq.log',
  'mikrotik.log',
  'eve.json',
  'access.log',
  'zeek-http.json',
  'zeek-conn.log',
  'sysmon.xml',
  'fortigate.log',
  'real/cisco-asa.log',
  'real/squid-access.log',
  'real/zeek-dns.log',
  'real/sophos-xg-19.log',
  'real/pfsense-filterlog.log',
];
// Copied once, with a fixed modification time (syslog dates have no year).
for (const f of FILES) {
  const to = join(dir, f.replace('/', '-'));
  cpSync(join(LOGS, f), to);
  utimesSync(to, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
}

const VALUES: [Indicator['kind'], string][] = [
  ['ip', '203.0.113.9'],
  ['cidr', '198.51.100.0/24'],
  ['cidr', '2001:db8:bad::/48'],
  ['domain', 'evil.example'],
  ['domain', 'c2.bad.example'],
  ['url', 'http://dl.evil.example/gate.php?id=7'],
  ['domain', 'wrccdc.org'],
  ['ip', '89.160.20.156'],
  ['cidr', '1.0.0.0/24'],
  ['ip', '81.2.69.142'],
  ['domain', 'digicert.com'],
  ['domain', 'kmip.net'],
  ['url', 'http://info.cspserver.net/api/v1/connect-test'],
  ['ip', '10.1.2.44'],
  ['ip', '2001:db8:bad::9'],
];
const indicatorArb = fc.record({
  pick: fc.nat(VALUES.length - 1),
  source: fc.constantFrom('nguồn-1', 'feed-2'),
  severity: fc.constantFrom(undefined, 'high', 'critical'),
  id: fc.option(fc.constantFrom('IOC-1', 'IOC-2'), { nil: undefined }),
  comment: fc.option(fc.constantFrom('C2', 'máy chủ điều khiển'), { nil: undefined }),
});
const ALLOW: AllowEntry[] = [
  { type: 'domain', value: 'cdn.evil.example' },
  { type: 'ip', value: '198.51.100.77' },
  { type: 'cidr', value: '1.0.0.128/25' },
];

describe('hunt on two workers with one shared index', () => {
  it('runs where the test runs (the worker threads start from TypeScript)', () => {
    expect(workersAvailable()).toBe(true);
  });

  it('equals the single-thread hunt to the last field', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(FILES, { minLength: 2 }),
        fc.array(indicatorArb, { minLength: 1, maxLength: 12 }),
        fc.subarray(ALLOW),
        async (files, raw, allow) => {
          const indicators: Indicator[] = raw.map((r) => {
            const [kind, value] = VALUES[r.pick];
            const out: Indicator = { id: r.id ?? `${kind}:${value}`, kind, value, source: r.source };
            if (r.severity) out.severity = r.severity;
            if (r.comment) out.comment = r.comment;
            return out;
          });
          const paths = files.map((f) => join(dir, f.replace('/', '-')));
          const request = {
            paths,
            indicators: { indicators, allow, feeds: [], warnings: [] },
            offsetMinutes: 420,
            now: () => Date.UTC(2026, 11, 1),
          };
          const one = await runHunt({ ...request, workers: 1 });
          const two = await runHunt({ ...request, workers: 2 });
          // The files are listed in the order they were read: one thread reads them in turn,
          // two workers in two groups.
          const byPath = <T extends { path: string }>(l: T[]): T[] =>
            [...l].sort((a, b) => a.path.localeCompare(b.path));
          expect({ ...two, files: byPath(two.files) }).toEqual({ ...one, files: byPath(one.files) });
          expect(one.files).toHaveLength(files.length);
          found += one.devices.length;
        },
      ),
      { numRuns: 6 },
    );
    // Not vacuous: the runs found devices (every run lists at least one matching value).
    expect(found).toBeGreaterThan(0);
  }, 300_000);
});
