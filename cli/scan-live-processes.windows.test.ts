// `sachmadoc scan` live on a real Windows (issue 20): the real netstat.exe, tasklist.exe and the real
// Windows PowerShell host started by its System32 path. Collected only on Windows (vitest.config.ts);
// on Linux the same code runs against a stand-in child (scan-live-processes.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runScanCommand } from './scan-command';
import { createExecFileRunner } from '../services/command-runner';
import type { ScanReport } from '../shared/domain';

let server: Server | null = null;
let child: ChildProcess | null = null;
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-live-win-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  child?.kill();
  if (child && child.exitCode === null) await once(child, 'exit');
  child = null;
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = null;
});

describe.runIf(process.platform === 'win32')('sachmadoc scan, live on Windows, with paths', () => {
  it("fills a child's program path, parent and command line through the real PowerShell host", async () => {
    server = createServer((s) => s.on('error', () => {}));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    child = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('node:net').connect(${port}, '127.0.0.1', () => process.stdout.write(String(s.localPort) + '\\n')); setTimeout(() => process.exit(0), 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const localPort = Number(line.toString().trim());
    const feed = join(dir, 'feed.txt');
    writeFileSync(feed, '127.0.0.1\n');

    const io = memoryIo({ cwd: dir, env: { ...process.env, SACHMADOC_DATA_DIR: join(dir, 'data') } });
    const started = Date.now();
    const code = await runScanCommand(['--json', '--feed', feed], io, {
      runner: createExecFileRunner({ timeoutMs: 60_000 }),
      processHostTimeoutMs: 60_000,
    });
    console.log(`sachmadoc scan (live, with paths): ${Date.now() - started} ms`);
    expect(code).toBe(1);
    const report = JSON.parse(io.out.join('')) as ScanReport;
    expect(report.warnings.filter((w) => /program paths unavailable/.test(w.message))).toEqual([]);
    const mine = report.connections.find(
      (c) => c.protocol === 'tcp' && c.localPort === localPort && c.remotePort === port,
    );
    expect(mine?.pid).toBe(child.pid);
    expect(mine?.processPath?.toLowerCase()).toBe(process.execPath.toLowerCase());
    expect(mine?.parentPid).toBe(process.pid);
    expect(mine?.commandLine).toContain('-e');
    expect(mine?.disguise).toBeUndefined();
  }, 120_000);
});
