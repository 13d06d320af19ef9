// A full live scan of this machine (connections with processes, DNS cache, hosts file, matching
// against the bundled campaign feed) timed against `ss -tunap` alone, the floor any Linux scan
// pays, in the same run so the machine's load affects both alike. Runs are interleaved.
// The bench first opens SACHMADOC_BENCH_SOCKETS loopback sockets (default 11000: half client ends,
// half the listener's accepted ends) so both sides list a busy server's worth of sockets.
// `npm run bench -- live-scan`; SACHMADOC_BENCH_RUNS sets the number of runs (default 30).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createExecFileRunner } from '../services/command-runner';
import { loadDefaultIndicators } from '../services/scan/default-feed';
import { indexIndicators } from '../services/scan/indicators';
import { createScanService } from '../services/scan/scan-service';
import { liveScanDeps } from '../services/scan/live-deps';

const runs = Number(process.env.SACHMADOC_BENCH_RUNS ?? 30);
const wantSockets = Number(process.env.SACHMADOC_BENCH_SOCKETS ?? 11_000);
const run = promisify(execFile);

function stats(ms: number[]): { median: number; p95: number; min: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: s[0] };
}

const fmt = (x: number): string => `${x.toFixed(1)} ms`;

/** Opens `count` loopback sockets (count/2 connections to one listener on 127.0.0.1). */
async function openSockets(count: number): Promise<{ close: () => Promise<void> }> {
  const accepted: Socket[] = [];
  const server: Server = createServer((s) => {
    s.on('error', () => {});
    accepted.push(s);
  });
  server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 });
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const clients: Socket[] = [];
  const pairs = Math.floor(count / 2);
  for (let done = 0; done < pairs;) {
    const batch = Math.min(500, pairs - done);
    await Promise.all(
      Array.from({ length: batch }, async () => {
        const c = connect({ host: '127.0.0.1', port });
        c.on('error', () => {});
        clients.push(c);
        await once(c, 'connect');
      }),
    );
    done += batch;
  }
  while (accepted.length < pairs) await new Promise((r) => setImmediate(r));
  return {
    close: async () => {
      for (const c of clients) c.destroy();
      for (const s of accepted) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('live-scan: the ss baseline needs Linux; skipped');
    return;
  }
  const sockets = await openSockets(wantSockets);
  try {
    await measure();
  } finally {
    await sockets.close();
  }
}

async function measure(): Promise<void> {
  const runner = createExecFileRunner();
  const platform = process.platform;
  const coldStart = performance.now();
  const load = await loadDefaultIndicators();
  const set = indexIndicators(load);
  const coldFeedMs = performance.now() - coldStart;
  const service = createScanService({
    ...liveScanDeps({ runner, platform, env: process.env }),
    indicators: () => Promise.resolve(set),
  });

  await service.scan(); // warm-up: module loading and the first process spawn are not the steady state
  await run('ss', ['-tunap'], { maxBuffer: 64 * 1024 * 1024 });
  const scanMs: number[] = [];
  const ssMs: number[] = [];
  let connections = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await run('ss', ['-tunap'], { maxBuffer: 64 * 1024 * 1024 });
    ssMs.push(performance.now() - t);
    t = performance.now();
    const report = await service.scan();
    scanMs.push(performance.now() - t);
    connections = report.connections.length;
  }
  const scan = stats(scanMs);
  const ss = stats(ssMs);
  console.log(
    `live-scan: ${runs} runs, ${connections} connections (${wantSockets} opened by the bench), feed ${load.feeds.map((f) => f.source).join(', ')}`,
  );
  console.log(`  feed load + index (once):   ${fmt(coldFeedMs)}`);
  console.log(
    `  full scan (scan service):   median ${fmt(scan.median)}  p95 ${fmt(scan.p95)}  min ${fmt(scan.min)}`,
  );
  console.log(
    `  ss -tunap alone (baseline): median ${fmt(ss.median)}  p95 ${fmt(ss.p95)}  min ${fmt(ss.min)}`,
  );
  console.log(`  scan / ss (median):         ${(scan.median / ss.median).toFixed(2)}x`);
  console.log(
    `  --watch sampling budget:    ${scan.median < 250 ? 'fits' : 'exceeds'} the 250 ms sample interval`,
  );
}

await main();
