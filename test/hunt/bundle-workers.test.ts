// The installed command runs the CLI bundle (dist/cli/sachmadoc.mjs), not TypeScript: its hunt
// must read several files on worker threads too (the worker bundle beside it, built with it),
// with the same result as one thread. A preloaded hook names every worker thread started.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { HuntReport } from '../../shared/logs/report';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bundle-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hook = join(dir, 'hook.mjs');
writeFileSync(
  hook,
  `import wt from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';
const W = wt.Worker;
wt.Worker = class extends W {
  constructor(url, opts) {
    super(url, opts);
    process.stderr.write('worker thread: ' + url + '\\n');
  }
};
syncBuiltinESMExports();
`,
);

const LOGS = ['pfirewall.log', 'dnsmasq.log', 'mikrotik.log', 'eve.json'].map(
  (f) => `test/fixtures/logs/${f}`,
);

function hunt(workers: string): { report: HuntReport; threads: string[] } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(hook).href,
      'dist/cli/sachmadoc.mjs',
      'hunt',
      '--feed',
      'test/fixtures/logs/feed.txt',
      '--tz',
      '+07:00',
      '--json',
      '--workers',
      workers,
      ...LOGS,
    ],
    {
      cwd: repo,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, SACHMADOC_ASSETS_DIR: `${repo}assets` },
    },
  );
  expect(r.status, r.stderr).toBe(1);
  const report = JSON.parse(r.stdout) as HuntReport;
  const threads = r.stderr.split('\n').filter((l) => l.startsWith('worker thread: '));
  return { report, threads };
}

describe('sachmadoc hunt from the compiled bundle', () => {
  it('reads several files on worker threads (the bundled worker) and finds what one thread finds', () => {
    // bin builds the bundles when the sources are newer.
    expect(spawnSync(process.execPath, ['bin/sachmadoc.cjs', '--help'], { cwd: repo }).status).toBe(0);
    const one = hunt('1');
    const two = hunt('2');
    expect(one.threads).toEqual([]);
    expect(two.threads).toEqual([
      expect.stringMatching(/dist\/cli\/hunt-worker\.mjs$/),
      expect.stringMatching(/dist\/cli\/hunt-worker\.mjs$/),
    ]);
    const same = (r: HuntReport) => ({
      ...r,
      huntedAt: '',
      files: [...r.files].sort((a, b) => a.path.localeCompare(b.path)),
    });
    expect(same(two.report)).toEqual(same(one.report));
    expect(one.report.devices.length).toBeGreaterThan(3);
  }, 240_000);
});
