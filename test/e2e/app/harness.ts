// Test fixture for the app e2e specs: a loopback listener at a "campaign" address, a child process
// connected to it (the thing the app must flag, with its pid), a feed file listing that address, and
// the browser harness started with `npm run dev:web -- --port 0 --feed F`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The scan sees the whole machine, so two test runs side by side (developers and CI share machines)
// must not flag each other's children: each run lists its own loopback address, derived from its pid.
export const CAMPAIGN_ADDRESS = `127.77.${(process.pid >> 8) & 255}.${process.pid & 255 || 1}`;

export interface Harness {
  url: string;
  childPid: number;
  port: number;
  feedFile: string;
  stop(): Promise<void>;
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

/** Starts the listener, the connected child and the harness; `stop()` ends all three. */
export async function startHarness(options: { sample?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-e2e-'));
  const sockets = new Set<Socket>();
  const listener: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => listener.listen(0, CAMPAIGN_ADDRESS, resolve));
  const port = (listener.address() as { port: number }).port;

  // The "infected program": connects to the campaign address and prints when connected.
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${port},'${CAMPAIGN_ADDRESS}',()=>console.log('connected'));s.on('error',()=>process.exit(3));setInterval(()=>{},60000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  await waitForLine(child, /connected/, 'the connecting child');

  const feedFile = join(dir, 'test-feed.json');
  writeFileSync(
    feedFile,
    JSON.stringify(
      {
        format: 'sachmadoc-campaign-feed',
        formatVersion: 1,
        campaign: {
          id: 'e2e-thu-nghiem',
          name: { vi: 'Chiến dịch thử nghiệm E2E', en: 'E2E test campaign' },
          authority: { vi: 'Cục An toàn thông tin', en: 'Authority of Information Security' },
          letter: '1298/CATTT-NCSC',
          startsOn: '2026-08-23',
          endsOn: '2026-12-31',
          reportDeadline: '2026-12-15',
          infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
          cleanupToolUrl: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu',
          sample: options.sample ?? false,
        },
        version: 7,
        publishedAt: '2026-11-20T08:00:00Z',
        indicators: [
          {
            id: 'e2e-1',
            type: 'ip',
            value: CAMPAIGN_ADDRESS,
            comment: 'địa chỉ thử nghiệm',
            severity: 'critical',
          },
        ],
        allowList: [],
      },
      null,
      2,
    ),
  );

  const harness = spawn(
    'npm',
    ['run', '--silent', 'dev:web', '--', '--port', '0', '--feed', feedFile, '--data', dir],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  const m = await waitForLine(harness, /Sạch Mã Độc web harness: (http:\/\/127\.0\.0\.1:\d+\/)/, 'dev:web');

  return {
    url: m[1],
    childPid: child.pid!,
    port,
    feedFile,
    async stop() {
      const exited = harness.exitCode === null ? new Promise((r) => harness.once('exit', r)) : null;
      killGroup(harness);
      killGroup(child);
      for (const s of sockets) s.destroy();
      await new Promise((r) => listener.close(r));
      if (exited) await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
