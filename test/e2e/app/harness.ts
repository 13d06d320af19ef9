// Test fixture for the app e2e specs: a loopback listener at a "campaign" address, a child process
// connected to it (the thing the app must flag, with its pid), a feed file listing that address, and
// the browser harness started with `npm run dev:web -- --port 0 --feed F`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaign } from '../../support/campaign';

// The scan sees the whole machine, so two test runs side by side (developers and CI share machines)
// must not flag each other's children: each run lists its own loopback address, derived from its pid.
export const CAMPAIGN_ADDRESS = `127.77.${(process.pid >> 8) & 255}.${process.pid & 255 || 1}`;

export interface Harness {
  url: string;
  /** The campaign address the feed lists and the listener serves (CAMPAIGN_ADDRESS by default). */
  address: string;
  /** The connected child's pid; 0 when started with `connect: false`. */
  childPid: number;
  port: number;
  feedFile: string;
  /** The harness's data directory (settings, last check, cleanup backups). */
  dataDir: string;
  /** Starts another child connected to the campaign address (a beacon back under a new PID). */
  connectAgain(): Promise<number>;
  /**
   * Connects to the campaign address and closes from the client side, so the kernel keeps the
   * client's socket in TIME_WAIT (about 60 s on Linux) with no owning process.
   */
  connectAndClose(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Start a child connected to the campaign address (the default). */
  connect?: boolean;
  /** `test`: the feed listing the campaign address (default); `bundled`: no --feed, the app's sample. */
  feed?: 'test' | 'bundled';
  /**
   * Another loopback campaign address: a spec that must see no trace of an earlier spec's sockets
   * (TIME_WAIT lasts a minute) uses its own.
   */
  address?: string;
  /** The test feed marked `campaign.sample: true` (what a result made with the sample must not send). */
  sample?: boolean;
  /** The feed's contact points (the Authority's and the province's). */
  contacts?: Record<string, unknown>;
  /** Extra environment for the harness (SACHMADOC_HOSTS_FILE, SACHMADOC_UNIT_CONFIG, SACHMADOC_FEED_URL…). */
  env?: Record<string, string>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const m = pattern.exec(seen);
      if (m) {
        child.stdout?.off('data', onData);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)));
  });
}

const killGroup = (child: ChildProcess) => {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
};

/** Starts a child connected to the campaign address; resolves when it is connected. */
async function spawnConnector(address: string, port: number): Promise<ChildProcess> {
  // The "infected program": connects to the campaign address and prints when connected.
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${port},'${address}',()=>console.log('connected'));s.on('error',()=>process.exit(3));setInterval(()=>{},60000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  await waitForLine(child, /connected/, 'the connecting child');
  return child;
}

/** Starts the listener, the connected child and the harness; `stop()` ends all three. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-e2e-'));
  const sockets = new Set<Socket>();
  const listener: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  const address = options.address ?? CAMPAIGN_ADDRESS;
  await new Promise<void>((resolve) => listener.listen(0, address, resolve));
  const port = (listener.address() as { port: number }).port;
  const children: ChildProcess[] = [];
  if (options.connect !== false) children.push(await spawnConnector(address, port));

  const feedFile = join(dir, 'test-feed.json');
  writeFileSync(
    feedFile,
    JSON.stringify(
      {
        format: 'sachmadoc-campaign-feed',
        formatVersion: 1,
        campaign: campaign({
          id: 'e2e-thu-nghiem',
          name: { vi: 'Chiến dịch thử nghiệm E2E', en: 'E2E test campaign' },
          sample: options.sample ?? false,
        }),
        version: 7,
        publishedAt: '2026-11-20T08:00:00Z',
        indicators: [
          {
            id: 'e2e-1',
            type: 'ip',
            value: address,
            comment: 'địa chỉ thử nghiệm',
            severity: 'critical',
          },
        ],
        allowList: [],
        ...(options.contacts ? { contacts: options.contacts } : {}),
      },
      null,
      2,
    ),
  );

  const feedArgs = options.feed === 'bundled' ? [] : ['--feed', feedFile];
  const harness = spawn(
    'npm',
    ['run', '--silent', 'dev:web', '--', '--port', '0', ...feedArgs, '--data', dir],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    },
  );
  const m = await waitForLine(harness, /Sạch Mã Độc web harness: (http:\/\/127\.0\.0\.1:\d+\/)/, 'dev:web');

  return {
    url: m[1],
    address,
    childPid: children[0]?.pid ?? 0,
    port,
    feedFile,
    dataDir: dir,
    async connectAgain() {
      const child = await spawnConnector(address, port);
      children.push(child);
      return child.pid!;
    },
    async connectAndClose() {
      const client = createConnection(port, address);
      await new Promise<void>((resolve, reject) => {
        client.once('error', reject);
        client.once('connect', () => client.end());
        client.once('close', () => resolve());
      });
    },
    async stop() {
      const exited = harness.exitCode === null ? new Promise((r) => harness.once('exit', r)) : null;
      killGroup(harness);
      for (const child of children) killGroup(child);
      for (const s of sockets) s.destroy();
      await new Promise((r) => listener.close(r));
      if (exited) await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
