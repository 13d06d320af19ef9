// Issue 18: `npm run tally` starts in ≤ 4× `node -e 0` because each verb loads only the packages it
// needs. The compiled bundle is run as bin/tally.cjs runs it, with a preload that lists, at exit,
// every package loaded from node_modules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'tally-lazy-'));
// Inside the checkout: the bundle finds its packages in node_modules, as dist/tally/cli.mjs does.
mkdirSync(join(root, 'dist'), { recursive: true });
const outDir = mkdtempSync(join(root, 'dist', 'tally-lazy-test-'));
const bundle = join(outDir, 'cli.mjs');
const preload = join(dir, 'loaded.cjs');

beforeAll(async () => {
  writeFileSync(
    preload,
    `process.on('exit', () => {
  const names = new Set();
  for (const k of Object.keys(require.cache)) {
    const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(k);
    if (m) names.add(m[1].replace('\\\\', '/'));
  }
  process.stderr.write('LOADED ' + JSON.stringify([...names]) + '\\n');
});`,
  );
  const builder = (await import(join(root, 'scripts', 'build-tally.mjs'))) as {
    buildTally(out: string): Promise<string>;
  };
  await builder.buildTally(bundle);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

function loaded(...args: string[]): { status: number | null; packages: string[]; stdout: string } {
  const r = spawnSync(process.execPath, ['--require', preload, bundle, ...args], {
    cwd: root,
    env: { ...process.env, TALLY_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
    encoding: 'utf8',
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  return { status: r.status, packages: JSON.parse(line?.slice(7) ?? 'null') as string[], stdout: r.stdout };
}

const HEAVY = ['fastify', 'pg', 'better-sqlite3', 'exceljs', 'docx', 'zod'];

describe('tally start-up loads only what the verb needs', () => {
  it('prints its usage without loading any package', { timeout: 60_000 }, () => {
    const r = loaded('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('npm run tally -- serve');
    expect(r.packages).toEqual([]);
  });

  it('lists campaigns with SQLite alone: no Fastify, pg or report writers', { timeout: 60_000 }, () => {
    const r = loaded('campaigns');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('campaign');
    expect(r.packages).toContain('better-sqlite3');
    for (const p of HEAVY.filter((h) => h !== 'better-sqlite3')) expect(r.packages).not.toContain(p);
  });
});
