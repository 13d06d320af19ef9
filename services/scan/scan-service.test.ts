import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Connection, DnsRecord, Indicator } from '../../shared/domain';
import { IndicatorIndex } from '../../shared/indicators';
import { createScanService } from './scan-service';
import type { ScanProgress } from '../../shared/ipc/schemas';
import type { ScanDeps } from './types';
import type { WatchSample } from './watch';
import { connection } from '../../test/support/connection';
import { compareFindings } from '../../shared/scan/find-findings';
import { createReplayRunner } from '../command-runner';
import { createLicensingSource } from '../licensing/scan-source';

const ind = (kind: Indicator['kind'], value: string): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source: 'feed.txt',
});
const conn = (remoteAddress: string, localPort: number, pid = 100): Connection =>
  connection({ localPort, remoteAddress, pid, processName: 'x.exe' });
const a = (name: string, data: string): DnsRecord => ({ name, type: 'A', data, ttl: 1, origin: 'dns-cache' });

/** A fake clock: sleeping advances time, listing costs `listMs`. */
function fakeTime(listMs = 0) {
  let t = 1_700_000_000_000;
  return {
    now: () => t,
    sleep: (ms: number) => {
      t += ms;
      return Promise.resolve();
    },
    spend: () => {
      t += listMs;
    },
  };
}

function deps(snapshots: Connection[][], over: Partial<ScanDeps> = {}, listMs = 0) {
  const time = fakeTime(listMs);
  let n = 0;
  const d: ScanDeps = {
    connections: {
      list: () => {
        time.spend();
        const snap = snapshots[Math.min(n, snapshots.length - 1)];
        n++;
        return Promise.resolve({ connections: snap, warnings: [] });
      },
    },
    indicators: () =>
      Promise.resolve({
        index: IndicatorIndex.build([ind('ip', '203.0.113.9'), ind('domain', 'evil.example')]),
        feeds: [{ source: 'feed.txt', indicators: 2 }],
        warnings: [{ file: 'feed.txt', line: 3, message: 'bad line' }],
      }),
    dnsCache: () => Promise.resolve({ records: [], warnings: [] }),
    hostsFile: () => Promise.resolve({ records: [], warnings: [] }),
    now: time.now,
    sleep: time.sleep,
    ...over,
  };
  return { d, listed: () => n };
}

/** Scans with `d`, recording every progress event. */
async function scanRecording(d: Parameters<typeof createScanService>[0]) {
  const events: ScanProgress[] = [];
  const report = await createScanService(d).scan({ onProgress: (p) => events.push(p) });
  return { report, events };
}

describe('scan()', () => {
  it('reports progress through every step and returns the report with all warnings', async () => {
    const { d } = deps([[conn('203.0.113.9', 1), conn('192.0.2.1', 2)]], {
      hostsFile: () =>
        Promise.resolve({
          records: [],
          warnings: [{ file: '/etc/hosts', line: 4, message: 'not a hosts line' }],
        }),
    });
    const { report, events } = await scanRecording(d);
    expect(events.map((e) => e.step)).toEqual([
      'feeds',
      'connections',
      'dns-cache',
      'hosts-file',
      'matching',
      'done',
    ]);
    expect(events[0].fraction).toBe(0);
    expect(events.at(-1)!.fraction).toBe(1);
    expect(events.map((e) => e.fraction)).toEqual([...events.map((e) => e.fraction)].sort((x, y) => x - y));
    expect(report.findings.map((f) => f.indicator)).toEqual(['203.0.113.9']);
    expect(report.connections).toHaveLength(2);
    expect(report.feeds).toEqual([{ source: 'feed.txt', indicators: 2 }]);
    expect(report.warnings.map((w) => `${w.file}:${w.line}`)).toEqual(['feed.txt:3', '/etc/hosts:4']);
    expect(new Date(report.scannedAt).toISOString()).toBe(report.scannedAt);
  });
});

describe('watch()', () => {
  it('samples four times a second and catches a connection seen in one sample only', async () => {
    const beacon = conn('203.0.113.9', 7);
    const quiet = [conn('192.0.2.1', 1)];
    const { d, listed } = deps([quiet, quiet, [...quiet, beacon], quiet, quiet]);
    const samples: WatchSample[] = [];
    const report = await createScanService(d).watch(2, { onSample: (s) => samples.push(s) });
    expect(listed()).toBe(9); // t = 0, 250, ..., 2000 ms
    expect(report.watch).toEqual({ seconds: 2, samples: 9, maxGapMs: 250 });
    expect(report.findings.map((f) => f.connection)).toEqual([beacon]);
    expect(samples[2].added).toEqual([beacon]);
    expect(samples[2].findings.map((f) => f.indicator)).toEqual(['203.0.113.9']);
    expect(samples[3].removed).toEqual([beacon]);
    expect(report.connections).toHaveLength(2);
  });

  it('names the connections of each sample from the DNS cache, like the report', async () => {
    const beacon = conn('203.0.113.9', 7);
    const { d } = deps([[], [beacon]], {
      dnsCache: () => Promise.resolve({ records: [a('beacon.example', '203.0.113.9')], warnings: [] }),
    });
    const samples: WatchSample[] = [];
    const report = await createScanService(d).watch(1, { onSample: (s) => samples.push(s) });
    expect(samples[1].added.map((c) => c.names)).toEqual([['beacon.example']]);
    expect(report.connections.map((c) => c.names)).toEqual([['beacon.example']]);
  });

  it('keeps distinct connections by protocol, ends and pid', async () => {
    const one = conn('203.0.113.9', 7, 1);
    const samePortOtherPid = conn('203.0.113.9', 7, 2);
    const { d } = deps([[one], [samePortOtherPid], [{ ...one }]]);
    const report = await createScanService(d).watch(1);
    expect(report.findings.map((f) => f.connection?.pid)).toEqual([1, 2]);
  });

  it('links a connection to a flagged name the cache learned during the watch', async () => {
    let reads = 0;
    const { d } = deps([[conn('192.0.2.99', 5)]], {
      dnsCache: () =>
        Promise.resolve({ records: reads++ === 0 ? [] : [a('c2.evil.example', '192.0.2.99')], warnings: [] }),
    });
    const report = await createScanService(d).watch(1);
    expect(report.findings.map((f) => `${f.via} ${f.domain}`)).toEqual([
      'connection c2.evil.example',
      'dns-cache c2.evil.example',
    ]);
  });

  it('reads the DNS cache again during a long watch, so a name that expired before the end still counts', async () => {
    let reads = 0;
    // Only the read half a minute in holds the record: it expired before the final read.
    const { d } = deps([[conn('192.0.2.99', 5)]], {
      dnsCache: () =>
        Promise.resolve({ records: reads++ === 1 ? [a('c2.evil.example', '192.0.2.99')] : [], warnings: [] }),
    });
    const report = await createScanService(d).watch(45);
    expect(reads).toBe(3); // start, 30 s, end
    expect(report.findings.map((f) => `${f.via} ${f.domain}`)).toEqual([
      'connection c2.evil.example',
      'dns-cache c2.evil.example',
    ]);
  });

  it('says so when one sample took longer than a second', async () => {
    const { d } = deps([[conn('192.0.2.1', 1)]], {}, 1500);
    const report = await createScanService(d).watch(2);
    expect(report.watch.maxGapMs).toBe(1500);
    expect(report.warnings.at(-1)!.message).toContain('up to 1500 ms between samples');
  });

  it('stops early when aborted and reports what it saw', async () => {
    const stop = new AbortController();
    const { d, listed } = deps([[conn('203.0.113.9', 1)]]);
    const report = await createScanService(d).watch(60, {
      signal: stop.signal,
      onSample: (s) => {
        if (s.sample === 3) stop.abort();
      },
    });
    expect(listed()).toBe(3);
    expect(report.findings).toHaveLength(1);
  });
});

describe('watch(): ended connections and hosts blocks (issue 10)', () => {
  it('a beacon that closes is one finding (live) and one recent trace (TIME_WAIT, no process); the closed socket is no sample hit', async () => {
    const beacon = conn('203.0.113.9', 7, 4120);
    const ended = { ...beacon, state: 'TIME_WAIT', pid: 0, processName: null };
    const { d } = deps([[], [beacon], [ended], []], {
      hostsFile: () =>
        Promise.resolve({
          records: [
            {
              name: 'c2.evil.example',
              type: 'A',
              data: '0.0.0.0',
              ttl: null,
              origin: 'hosts-file',
              file: 'hosts',
              line: 3,
            },
          ],
          warnings: [],
        }),
    });
    const samples: WatchSample[] = [];
    const report = await createScanService(d).watch(1, { onSample: (s) => samples.push(s) });
    expect(samples[1].findings.map((f) => f.connection?.pid)).toEqual([4120]);
    expect(samples[2].added).toEqual([ended]);
    expect(samples[2].findings).toEqual([]);
    expect(report.findings.map((f) => `${f.indicator} ${f.connection?.state}`)).toEqual([
      '203.0.113.9 ESTABLISHED',
    ]);
    expect(report.recent!.map((f) => `${f.indicator} ${f.connection?.state} ${f.connection?.pid}`)).toEqual([
      '203.0.113.9 TIME_WAIT 0',
    ]);
    expect(report.blocked!.map((b) => `${b.domain} ${b.address} ${b.line}`)).toEqual([
      'c2.evil.example 0.0.0.0 3',
    ]);
  });
});

describe('the licensing checks as a source of the scan pipeline', () => {
  const fixtures = fileURLToPath(new URL('../../test/fixtures/licensing/', import.meta.url));
  /** The real licensing source on real captures: a public KMS host and Adobe's crack hosts block. */
  const licensing = createLicensingSource({
    captures: {
      slmgr: [join(fixtures, 'slmgr-dlv-en-registered-kms.txt')],
      hosts: join(fixtures, 'hosts-adobe-crack.txt'),
    },
    runner: createReplayRunner({}),
    platform: 'win32',
    env: {},
    readFile: (p) => Promise.resolve(new Uint8Array(readFileSync(p))),
  });

  it('runs after the matching, adds its signs in the findings order and reports a licensing step', async () => {
    const { d } = deps([[conn('203.0.113.9', 1)]], { licensing });
    const { report, events } = await scanRecording(d);
    expect(events.map((e) => e.step)).toEqual([
      'feeds',
      'connections',
      'dns-cache',
      'hosts-file',
      'matching',
      'licensing',
      'done',
    ]);
    expect(events.map((e) => e.fraction)).toEqual([0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]);
    expect(report.findings.map((f) => f.kind).sort()).toEqual(
      ['hosts-activation-block', 'ip', 'kms-activation'].sort(),
    );
    expect(report.findings).toEqual([...report.findings].sort(compareFindings));
  });

  it("gives the source the feed's kmsHosts and the scan's Settings hosts: a listed KMS host is no sign", async () => {
    const fromFeed = deps([[]], {
      licensing,
      indicators: () =>
        Promise.resolve({
          index: IndicatorIndex.build([]),
          feeds: [],
          warnings: [],
          kmsHosts: ['vbs.net.cn'],
        }),
    });
    const viaFeed = await createScanService(fromFeed.d).scan();
    expect(viaFeed.findings.map((f) => f.kind)).toEqual(['hosts-activation-block']);
    const fromSettings = deps([[]], { licensing });
    const viaSettings = await createScanService(fromSettings.d).scan({ agencyKmsHosts: ['kms.vbs.net.cn'] });
    expect(viaSettings.findings.map((f) => f.kind)).toEqual(['hosts-activation-block']);
  });

  it('also ends a watch', async () => {
    const { d } = deps([[conn('203.0.113.9', 1)]], { licensing });
    const report = await createScanService(d).watch(1);
    expect(report.findings.map((f) => f.kind).sort()).toEqual(
      ['hosts-activation-block', 'ip', 'kms-activation'].sort(),
    );
  });
});
