import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../shared/domain';
import { createLogger } from '../shared/logger';
import { decideVerdict } from '../shared/scan/verdict';
import { createAppServices } from './app-services';
import type { AppServiceOptions } from './app-services';
import { createReplayRunner } from './command-runner';
import type { HttpResponse } from './http-fetch';
import { createLicensingSource } from './licensing/scan-source';
import { withLicensing } from './scan/report';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/licensing', name);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-services-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The app's services over this test's data dir: a Windows machine with nothing to run, unless `over` says. */
const servicesWith = (over: Partial<AppServiceOptions>) =>
  createAppServices({
    dataDir: dir,
    assetsDir: join(root, 'assets'),
    appVersion: '0.1.0',
    platform: 'win32',
    env: {},
    runner: createReplayRunner({}),
    logger: createLogger('test'),
    ...over,
  });

/** A report of the licensing checks on a hosts capture, merged as the app's scan merges them. */
async function reportWithHosts(hostsFile: string): Promise<ScanReport> {
  const licensing = createLicensingSource({
    captures: { hosts: hostsFile },
    runner: createReplayRunner({}),
    platform: 'win32',
    env: {},
    readFile: (p) => Promise.resolve(new Uint8Array(readFileSync(p))),
  });
  const empty: ScanReport = {
    scannedAt: '2026-11-23T09:00:00.000Z',
    findings: [],
    connections: [],
    feeds: [],
    warnings: [],
  };
  return withLicensing(empty, licensing, { already: [], feedKmsHosts: [], agencyKmsHosts: [] });
}

describe('the anonymized result of a scan (tally preview)', () => {
  it('counts a multi-line hosts block as one cracked-software sign per vendor', async () => {
    const services = await servicesWith({});
    const preview = (report: ScanReport) =>
      services.tallyPreview(report, 'SO-TTTT', 'http://127.0.0.1:9/').then((p) => p.result.counts);

    // Realdata 13's Adobe block: 27 lines, one sign.
    const adobe = await reportWithHosts(fixture('hosts-adobe-crack.txt'));
    expect(adobe.findings).toHaveLength(1);
    expect(adobe.findings[0].evidence!.split('\n')).toHaveLength(27);
    expect((await preview(adobe)).crackedSoftwareSigns).toBe(1);

    // The whole realdata 13 capture: Adobe (27 lines) and Autodesk (7 lines), two signs.
    const both = await reportWithHosts(fixture('13_hosts_default_and_crack_entries.txt'));
    expect((await preview(both)).crackedSoftwareSigns).toBe(2);
  });
});

describe('the app scan: what counts and what is information (issue 10)', () => {
  it('marks the sample feed, keeps an ended connection apart as recent, and counts only live findings', async () => {
    // `ss -tunapH` as iproute2 prints it: a live connection to the sample's 203.0.113.9 and a
    // TIME-WAIT one to the same address that no process owns any more.
    const ss = [
      'tcp   ESTAB     0 0   192.168.1.5:51000   203.0.113.9:443   users:(("beacon",pid=900,fd=40))',
      'tcp   TIME-WAIT 0 0   192.168.1.5:50990   203.0.113.9:443',
    ].join('\n');
    const services = await servicesWith({
      platform: 'linux',
      runner: createReplayRunner({ 'ss -tunapH': ss }),
    });
    const report = await services.scan({ onProgress: () => {} });
    expect(report.feeds).toEqual([expect.objectContaining({ sample: true })]);
    expect(report.warnings.some((w) => w.message.includes('the real campaign list is not loaded'))).toBe(
      true,
    );
    expect(report.findings.map((f) => `${f.indicator} ${f.connection?.state} ${f.connection?.pid}`)).toEqual([
      '203.0.113.9 ESTABLISHED 900',
    ]);
    expect(report.recent!.map((f) => `${f.indicator} ${f.connection?.state} ${f.connection?.pid}`)).toEqual([
      '203.0.113.9 TIME_WAIT null',
    ]);

    const counts = (await services.tallyPreview(report, 'SO-TTTT', 'http://127.0.0.1:9/')).result.counts;
    expect(counts.findings).toEqual({ ip: 1, cidr: 0, domain: 0 });

    // Notices, blocked names and ended connections alone count nothing, and neither does a
    // not-activated entry an older report still carried among its findings.
    const notActivated = {
      indicator: 'Windows(R), Professional edition',
      kind: 'not-activated' as const,
      via: 'licensing' as const,
      source: 'slmgr /dli',
      evidence: 'License Status: Notification',
    };
    const informational: ScanReport = {
      ...report,
      findings: [notActivated],
      notices: [notActivated],
      blocked: [{ indicator: 'evil.example', domain: 'c2.evil.example', address: '0.0.0.0', source: 'feed' }],
    };
    const info = (await services.tallyPreview(informational, 'SO-TTTT', 'http://127.0.0.1:9/')).result;
    expect(info.counts.findings).toEqual({ ip: 0, cidr: 0, domain: 0 });
    expect(info.counts.crackedSoftwareSigns).toBe(0);
    expect(info.matchedIndicatorIds).toEqual([]);
  });
});

describe('the feeds of an app scan', () => {
  it('marks the bundled sample feed as a sample, so the verdict is never "clean" on it', async () => {
    const services = await servicesWith({
      platform: 'linux',
      // An idle machine: ss lists no socket.
      runner: createReplayRunner({ 'ss -tunapH': '' }),
    });
    expect((await services.feedStatus()).campaign.sample).toBe(true);
    const report = await services.scan({ onProgress: () => {} });
    expect(report.feeds).toEqual([expect.objectContaining({ sample: true })]);
    expect(decideVerdict(report).state).toBe('sample');
  });
});

describe('the anonymized result across restarts and with the sample feed', () => {
  const open = () => servicesWith({});
  const report = (findings: ScanReport['findings']): ScanReport => ({
    scannedAt: '2026-11-23T09:00:00.000Z',
    findings,
    connections: [],
    feeds: [],
    warnings: [],
  });
  const finding: ScanReport['findings'][number] = {
    indicator: '192.0.2.10',
    kind: 'ip',
    via: 'dns-cache',
    source: 'lam-sach-ma-doc-mau',
    indicatorId: 'mau-ip-1',
  };

  it('sends the first check without findings after one with findings as a clean re-scan, after a restart too', async () => {
    const first = await open();
    const before = await first.tallyPreview(report([]), 'SO-TTTT', 'http://127.0.0.1:9/');
    expect(before.result.cleanRescan).toBeNull();
    const found = await first.tallyPreview(report([finding]), 'SO-TTTT', 'http://127.0.0.1:9/');
    expect(found.result.cleanRescan).toBeNull();
    expect(found.result.counts.findings.ip).toBe(1);
    // The app restarts: a new set of services over the same data directory.
    const restarted = await open();
    const clean = await restarted.tallyPreview(report([]), 'SO-TTTT', 'http://127.0.0.1:9/');
    expect(clean.result.cleanRescan).toBe(true);
    expect(clean.result.installId).toBe(found.result.installId);
  });

  it('refuses to send a result made with the sample feed, and queues nothing', async () => {
    const services = await open();
    await expect(services.tallySend(report([]), 'SO-TTTT', 'http://127.0.0.1:9/')).rejects.toThrow(
      'danh sách MẪU',
    );
    const preview = await services.tallyPreview(report([]), 'SO-TTTT', 'http://127.0.0.1:9/');
    expect(preview.pending).toBe(0);
  });
});

describe('the sample feed and the tally', () => {
  it('never sends (or queues) a result of a scan against the bundled sample feed', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const services = await servicesWith({});
      expect((await services.feedStatus()).campaign.sample).toBe(true);
      const report = await reportWithHosts(fixture('hosts-adobe-crack.txt'));
      await expect(services.tallySend(report, 'SO-TTTT', url)).rejects.toThrow(/SAMPLE list is in use/);
      expect(requests).toBe(0);
      const queued = join(dir, 'tally');
      expect(
        existsSync(queued)
          ? readdirSync(queued, { recursive: true }).filter((f) => String(f).endsWith('.json'))
          : [],
      ).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a list update that fails, as the page words it', () => {
  const services = () =>
    createAppServices({
      dataDir: dir,
      assetsDir: join(root, 'assets'),
      appVersion: '0.1.0',
      platform: 'linux',
      env: {},
      runner: createReplayRunner({ 'ss -tunapH': '' }),
      logger: createLogger('test'),
    });

  it('says in words that no address is set, never "--url", and words the bundled sample as such', async () => {
    const s = await services();
    expect((await s.feedStatus()).origin).toBe('bundled');
    const update = await s.updateFeed(undefined);
    expect(update).toMatchObject({ outcome: 'failed', text: { code: 'msg.feed.no-url' } });
    // The raw service text (with the command-line flag) stays for the log and IT's details only.
    expect(update.message).toContain('--url');
  });

  it('words an HTTP refusal by its status, keeping the raw answer for IT', async () => {
    const server = createServer((_req, res) => res.writeHead(403).end('forbidden'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const update = await (await services()).updateFeed(`http://127.0.0.1:${port}/feed/latest.json`);
      expect(update).toMatchObject({
        outcome: 'failed',
        text: { code: 'msg.feed.http-status', params: { status: '403' } },
      });
      expect(update.message).toMatch(/HTTP 403/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('the injected fetch (Electron gives net.fetch: the system proxy and PAC)', () => {
  it('carries every request of the services: feed, signature and unit list, web streams included', async () => {
    const feed = readFileSync(join(root, 'assets/feed/sample-feed.json'));
    const sig = readFileSync(join(root, 'assets/feed/sample-feed.json.sig'));
    const units = JSON.stringify([{ code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' }]);
    const server = createServer((req, res) => {
      if (req.url === '/feed.json') return void res.end(feed);
      if (req.url === '/feed.json.sig') return void res.end(sig);
      if (req.url === '/api/v1/units')
        return void res.setHeader('content-type', 'application/json').end(units);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const seen: string[] = [];
    try {
      const services = await servicesWith({
        platform: 'linux',
        // An env proxy that does not exist: only the injected fetch can reach the server.
        env: { HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9' },
        // Node's own fetch returns web streams, as Electron's net.fetch does.
        fetch: async (url, init) => {
          seen.push(url.replace(base, ''));
          return (await fetch(url, init)) as unknown as HttpResponse;
        },
      });
      const update = await services.updateFeed(`${base}/feed.json`);
      const list = await services.tallyUnits(base);
      expect(seen).toEqual(['/feed.json', '/feed.json.sig', '/api/v1/units']);
      expect(JSON.stringify(update)).not.toMatch(/network|proxy/i);
      expect(JSON.stringify(list)).toContain('SO-TTTT');
    } finally {
      server.close();
    }
  });
});
