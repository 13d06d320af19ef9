// Every verb of both command lines answers --help on stdout with exit 0 (issue 14), and the
// packed `sachmadoc` runs its built bundle with no sources, no node_modules and no tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { COMMANDS, runCli } from './main';

const repo = fileURLToPath(new URL('../', import.meta.url));
const SLOW = 180_000;

describe('sachmadoc <command> [verb] --help', () => {
  const lines = Object.entries(COMMANDS).flatMap(([command, verbs]) => [
    [command],
    ...verbs.map((v) => [command, v]),
  ]);

  it.each(lines)('%s %s --help: usage on stdout, exit 0', async (...words: string[]) => {
    for (const flag of ['--help', '-h']) {
      const io = memoryIo();
      expect(await runCli([...words, flag], io)).toBe(0);
      expect(io.err).toEqual([]);
      const out = io.out.join('');
      expect(out).toContain(`sachmadoc ${words[0]}`);
      if (words[1]) expect(out).toMatch(new RegExp(`^ {2}${words[1]}\\b`, 'm'));
    }
  });

  it('walks every feed verb, including verify (it used to refuse --help)', () => {
    expect(COMMANDS.feed).toEqual(
      expect.arrayContaining(['status', 'update', 'keygen', 'build', 'sign', 'verify', 'inspect', 'export']),
    );
  });
});

describe('tally <verb> --help', () => {
  const tally = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/tally.cjs', ...args], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('answers for every verb its usage lists', { timeout: SLOW }, () => {
    const all = tally('--help');
    expect(all.status).toBe(0);
    const verbs = [...all.stdout.matchAll(/^ {2}npm run tally -- (\w+)(?: ([a-z]+)\b)?/gm)].map((m) =>
      // `units import FILE.csv`: a lower-case second word is a sub-verb; FILE, UNIT are arguments.
      m[2] && m[2] !== m[2].toUpperCase() ? [m[1], m[2]] : [m[1]],
    );
    expect(verbs.map((v) => v.join(' '))).toEqual(
      expect.arrayContaining([
        'serve',
        'units import',
        'units token',
        'units revoke',
        'feed publish',
        'campaigns',
        'report',
      ]),
    );
    for (const words of verbs) {
      const r = tally(...words, '--help');
      expect(r.status, `tally ${words.join(' ')} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`npm run tally -- ${words.join(' ')}`);
      expect(r.stderr).toBe('');
    }
  });
});

describe('the packed sachmadoc (npm pack)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle the build produced: no sources, no node_modules, no tsx', { timeout: SLOW }, () => {
    // prepack builds the bundle: the same script `npm run build` runs.
    const pack = spawnSync('npm', ['pack', '--pack-destination', dir, '--json'], {
      cwd: repo,
      encoding: 'utf8',
      timeout: SLOW,
    });
    expect(pack.status, pack.stderr).toBe(0);
    const [{ filename, files }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const paths = files.map((f) => f.path);
    expect(paths).toContain('dist/cli/sachmadoc.mjs');
    expect(paths.filter((p) => p.endsWith('.ts'))).toEqual([]);
    expect(spawnSync('tar', ['-xzf', join(dir, filename), '-C', dir]).status).toBe(0);
    const installed = join(dir, 'package');
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    const run = spawnSync(
      process.execPath,
      [join(installed, 'bin', 'sachmadoc.cjs'), 'feed', 'verify', '--help'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('verify FEED');
  });
});
