// `sachmadoc scan` live on a real Windows (issue 20): the real netstat.exe, tasklist.exe and the real
// Windows PowerShell host started by its System32 path. Collected only on Windows (vitest.config.ts);
// on Linux the same code runs against a stand-in child (scan-live-processes.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runScanCommand } from './scan-command';
import { createExecFileRunner } from '../services/command-runner';
import type { ScanReport } from '../shared/domain';
import { tcpClientScript, useLivePeer } from '../test/support/live-peer';

const peer = useLivePeer();
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-live-win-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describe.runIf(process.platform === 'win32')('sachmadoc scan, live on Windows, with paths', () => {
  it("fills a child's program path, parent and command line through the real PowerShell host", async () => {
    const port = await peer.listen();
    const child = await peer.run(tcpClientScript(port, 60000));
    const localPort = Number(child.line);
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
