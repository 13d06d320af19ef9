import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanReport } from '../shared/domain';
import { createLogger } from '../shared/logger';
import { createAppServices } from './app-services';
import { mergeFindings } from './cli/scan-command';
import { createReplayRunner } from './services/command-runner';
import { licensingForScan } from './services/licensing/cli-support';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/licensing', name);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-services-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A report of the licensing checks on a hosts capture, merged as the app's scan merges them. */
async function reportWithHosts(hostsFile: string): Promise<ScanReport> {
  const lic = await licensingForScan({
    opts: { hosts: hostsFile },
    captureMode: true,
    runner: createReplayRunner({}),
    platform: 'win32',
    env: {},
    readFile: (p) => Promise.resolve(new Uint8Array(readFileSync(p))),
    already: [],
  });
  const empty: ScanReport = {
    scannedAt: '2026-11-23T09:00:00.000Z',
    findings: [],
    connections: [],
    feeds: [],
    warnings: [],
  };
  return mergeFindings(empty, lic.findings);
}

describe('the anonymized result of a scan (tally preview)', () => {
  it('counts a multi-line hosts block as one cracked-software sign per vendor', async () => {
    const services = await createAppServices({
      dataDir: dir,
      assetsDir: join(root, 'assets'),
      appVersion: '0.1.0',
      platform: 'win32',
      env: {},
      runner: createReplayRunner({}),
      logger: createLogger('test'),
    });
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
      const services = await createAppServices({
        dataDir: dir,
        assetsDir: join(root, 'assets'),
        appVersion: '0.1.0',
        platform: 'win32',
        env: {},
        runner: createReplayRunner({}),
        logger: createLogger('test'),
      });
      expect((await services.feedStatus()).campaign.sample).toBe(true);
      const report = await reportWithHosts(fixture('hosts-adobe-crack.txt'));
      await expect(services.tallySend(report, 'SO-TTTT', url)).rejects.toThrow(/SAMPLE feed is in use/);
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
