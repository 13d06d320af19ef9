// The live end-to-end test of the issue: a child process connects to a listener on a loopback
// address that a feed (written here) lists, once over IPv4 and once through a dual-stack IPv6
// socket to the IPv4-mapped form, and the real CLI (spawned as a user would run it) must flag
// both with the child's pid and process name. Then --watch must catch a connection that lives
// about half a second. Loopback only; every process started here is ended here.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../shared/domain';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const FLAGGED = '127.0.0.77';
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-live-'));
const feed = join(dir, 'live-feed.txt');
writeFileSync(feed, `# live test feed\n${FLAGGED}\n`);

let server: Server;
let port = 0;
const accepted = new Set<Socket>();
const children = new Set<ChildProcess>();

beforeAll(async () => {
  // Dual-stack: one listener on :: takes both the IPv4 connection and the IPv4-mapped one.
  server = createServer((s) => {
    accepted.add(s);
    s.on('close', () => accepted.delete(s));
    s.on('error', () => {});
  });
  server.listen({ host: '::', port: 0, ipv6Only: false });
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const c of children) c.kill();
  for (const s of accepted) s.destroy();
  server.close();
  await once(server, 'close');
  rmSync(dir, { recursive: true, force: true });
});

/** Child that opens the connections, prints their local ports, then holds them `holdMs` (or until killed). */
function startClient(holdMs: number | null): {
  child: ChildProcess;
  ports: Promise<{ v4: number; mapped: number }>;
} {
  const script = `
    const net = require('node:net');
    const hosts = ${JSON.stringify([FLAGGED, `::ffff:${FLAGGED}`])};
    const sockets = hosts.map((host) => net.connect({ host, port: ${port} }));
    Promise.all(sockets.map((s) => new Promise((r) => s.once('connect', r)))).then(() => {
      process.stdout.write(JSON.stringify({ v4: sockets[0].localPort, mapped: sockets[1].localPort }) + '\\n');
      const hold = ${holdMs === null ? 'null' : holdMs};
      if (hold !== null) setTimeout(() => { sockets.forEach((s) => s.destroy()); process.exit(0); }, hold);
    });
    sockets.forEach((s) => s.on('error', (e) => { console.error(e.message); process.exit(3); }));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const ports = new Promise<{ v4: number; mapped: number }>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(JSON.parse(buf) as { v4: number; mapped: number });
    });
    child.once('exit', (code) => reject(new Error(`client exited early with ${code}`)));
  });
  return { child, ports };
}

/** Runs the real CLI as a user would; resolves with its exit code and output. */
function runCli(args: string[], onStderr?: (text: string) => void) {
  const cli = spawn('npx', ['tsx', 'cli/main.ts', ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(cli);
  let out = '';
  let err = '';
  cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
  cli.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    onStderr?.(err);
  });
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    cli.on('close', (code) => {
      children.delete(cli);
      resolve({ code, out, err });
    });
  });
}

// Each test spawns the CLI through npx and tsx, which takes seconds on a busy 2-core machine.
describe.runIf(process.platform === 'linux')(
  'live scan (real sockets, real CLI)',
  { timeout: 120_000 },
  () => {
    it('flags the IPv4 and the IPv4-mapped connection with the child pid and process name', async () => {
      const client = startClient(null);
      const ports = await client.ports;
      const r = await runCli(['scan', '--feed', feed, '--json']);
      client.child.kill();
      expect(r.code, r.err).toBe(1);
      const report = JSON.parse(r.out) as ScanReport;
      const flagged = report.findings.filter(
        (f) => f.via === 'connection' && f.connection?.remotePort === port,
      );
      expect(flagged.map((f) => f.connection!.localPort).sort()).toEqual([ports.v4, ports.mapped].sort());
      for (const f of flagged) {
        expect(f).toMatchObject({ indicator: FLAGGED, kind: 'ip', source: 'live-feed.txt' });
        expect(f.connection).toMatchObject({
          remoteAddress: FLAGGED,
          pid: client.child.pid,
          processName: 'node',
        });
      }
    });

    it('--watch catches a connection that lives about half a second', async () => {
      let client: ReturnType<typeof startClient> | null = null;
      const result = runCli(['scan', '--feed', feed, '--json', '--watch', '4'], (err) => {
        // Start the short-lived client only once the watch is really sampling.
        if (client === null && err.includes('watch: sampling')) client = startClient(500);
      });
      const r = await result;
      expect(client).not.toBeNull();
      const child = client!.child;
      const ports = await client!.ports;
      expect(r.code, r.err).toBe(1);
      const report = JSON.parse(r.out) as ScanReport & { watch: { samples: number; maxGapMs: number } };
      const seen = report.findings
        .filter((f) => f.connection?.pid === child.pid)
        .map((f) => f.connection!.localPort);
      expect(seen.sort()).toEqual([ports.v4, ports.mapped].sort());
      expect(report.watch.samples).toBeGreaterThanOrEqual(4);
    });
  },
);
