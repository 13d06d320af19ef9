import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runCli } from './main';
import type { Connection } from '../shared/domain';
import { connection } from '../test/support/connection';

const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'feed.txt'), '203.0.113.9\n');

const conn = (remoteAddress: string, localPort: number): Connection =>
  connection({ localPort, remoteAddress, pid: 77, processName: 'beacon' });

describe('sachmadoc scan --watch (in-process, fake clock)', () => {
  it('reports a connection seen in one sample, says so live on stderr, and adds "watch" to the JSON', async () => {
    const snapshots = [[], [conn('203.0.113.9', 1)], []];
    let n = 0;
    let t = 0;
    const io = memoryIo({ cwd: dir });
    const code = await runCli(['scan', '--watch', '2', '--json', '--feed', 'feed.txt'], io, {
      platform: 'linux',
      // The feed is read from disk; the machine's hosts file is kept out of the test.
      readFile: (p) =>
        p === '/etc/hosts'
          ? Promise.reject(Object.assign(new Error('no hosts'), { code: 'ENOENT' }))
          : readFile(p),
      connections: {
        list: () => Promise.resolve({ connections: snapshots[Math.min(n++, 2)], warnings: [] }),
      },
      now: () => t,
      sleep: (ms) => {
        t += ms;
        return Promise.resolve();
      },
    });
    expect(code).toBe(1);
    const report = JSON.parse(io.out.join('')) as { findings: { connection: Connection }[]; watch: unknown };
    expect(report.findings.map((f) => f.connection.localPort)).toEqual([1]);
    expect(report.watch).toEqual({ seconds: 2, samples: 9, maxGapMs: 250 });
    const err = io.err.join('');
    expect(err).toContain('Watching connections for 2 s');
    expect(err).toMatch(/!! .* tcp 203\.0\.113\.9:443 pid 77 beacon → 203\.0\.113\.9/);
  });
});
