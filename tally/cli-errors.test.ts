// Every error of the tally's command line is one line (what, where, what to do) with exit status 2,
// never raw errno text or a stack: unknown flags, missing values, a directory as --out, bad
// environment values, PostgreSQL not reachable, a data directory that is a file or read-only, a
// second server on the same data directory, and results lost while the counts remain. Its words
// come from the catalogue in both languages, or one with --lang vi|en or SACHMADOC_LANG.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './store/sqlite-store';
import { CAMPAIGN, makeResult, UNITS } from '../test/support/tally/helpers';
import { startTallyProcess, stopTallyProcess } from '../test/support/tally/server-process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = mkdtempSync(join(tmpdir(), 'tally-cli-errors-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const SLOW = 120_000;

const tally = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tally', 'cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, TALLY_DATA_DIR: join(base, 'data'), DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};

/** Exit 2, exactly one line, none of the raw forms. */
const oneLine = (r: { status: number | null; stderr: string }) => {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|^\s+at |\bE[A-Z]{3,}: [a-z]/m);
  return lines[0];
};

describe('tally CLI errors', () => {
  it('unknown flag, missing value, extra argument, unknown command', { timeout: SLOW }, () => {
    expect(oneLine(tally(['report', '--format', 'csv', '--out', join(base, 'r.csv'), '--bogus']))).toContain(
      'unknown option --bogus',
    );
    expect(oneLine(tally(['report', '--format']))).toContain('--format needs a value');
    expect(oneLine(tally(['serve', 'now']))).toContain('unexpected argument now');
    expect(oneLine(tally(['reprot']))).toContain('no such command');
  });

  it(
    'speaks one language with --lang or SACHMADOC_LANG, both by default, and refuses another',
    { timeout: SLOW },
    () => {
      expect(oneLine(tally(['reprot']))).toBe(
        'tally: không có lệnh "reprot" / no such command "reprot". Xem: npm run tally -- --help / See: npm run tally -- --help',
      );
      expect(oneLine(tally(['--lang', 'en', 'reprot']))).toBe(
        'tally: no such command "reprot". See: npm run tally -- --help',
      );
      expect(oneLine(tally(['reprot'], { SACHMADOC_LANG: 'vi' }))).toBe(
        'tally: không có lệnh "reprot". Xem: npm run tally -- --help',
      );
      expect(oneLine(tally(['reprot', '--lang=en'], { SACHMADOC_LANG: 'vi' }))).not.toContain('không');
      expect(oneLine(tally(['--lang', 'fr', 'campaigns']))).toContain('--lang takes vi or en, not “fr”');
      const help = tally(['--lang', 'en', '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage:\n {2}npm run tally -- serve/);
      expect(help.stdout).not.toContain('Cách dùng');
    },
  );

  it('quotes a bad unit-list line with its control characters escaped', { timeout: SLOW }, () => {
    const file = join(base, 'units-esc.csv');
    writeFileSync(file, 'code,name\n\u001b[2JBAD CODE,Tên\n');
    const r = tally(['units', 'import', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:2:`);
    expect(r.stderr).toContain('"\\u001b[2JBAD CODE"');
    expect(r.stderr).not.toContain('\u001b');
  });

  it('a directory as --out, or an --out whose directory does not exist', { timeout: SLOW }, () => {
    expect(oneLine(tally(['report', '--format', 'csv', '--out', base]))).toMatch(/--out is a directory/);
    expect(
      oneLine(tally(['report', '--format', 'csv', '--out', join(base, 'no', 'such', 'r.csv')])),
    ).toContain('its directory does not exist');
  });

  it('bad environment values', { timeout: SLOW }, () => {
    expect(oneLine(tally(['serve'], { TALLY_RATE_LIMIT_MAX: 'nhiều' }))).toContain(
      'TALLY_RATE_LIMIT_MAX=nhiều: cần một số nguyên dương. / TALLY_RATE_LIMIT_MAX=nhiều: expected a positive whole number.',
    );
    expect(oneLine(tally(['serve'], { TALLY_SQLITE_SYNC: 'sometimes' }))).toContain(
      'expected FULL or NORMAL',
    );
  });

  it('PostgreSQL not reachable, without printing the password', { timeout: SLOW }, () => {
    const line = oneLine(
      tally(['units', 'import', join(root, 'test', 'fixtures', 'tally', 'units.csv')], {
        DATABASE_URL: 'postgres://tally:bi-mat@127.0.0.1:1/tally',
      }),
    );
    expect(line).toContain('PostgreSQL 127.0.0.1:1/tally: không kết nối được (ECONNREFUSED)');
    expect(line).toContain('Check DATABASE_URL');
    expect(line).not.toContain('bi-mat');
  });

  it('a data directory that is a file', { timeout: SLOW }, () => {
    const file = join(base, 'not-a-dir');
    writeFileSync(file, 'x');
    const line = oneLine(tally(['serve'], { TALLY_DATA_DIR: file }));
    expect(line).toContain(file);
    expect(line).toContain('TALLY_DATA_DIR');
  });

  it(
    'a read-only data directory (a read-only tmpfs; needs root, as scripts/test.sh runs)',
    { timeout: SLOW },
    () => {
      const mnt = join(base, 'ro');
      mkdirSync(mnt);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mnt]);
      try {
        const line = oneLine(tally(['serve'], { TALLY_DATA_DIR: mnt }));
        expect(line).toContain(mnt);
        expect(line).toMatch(/read-only file system/);
      } finally {
        execFileSync('umount', [mnt]);
      }
    },
  );

  it('a second server on the same data directory names the first one’s pid', { timeout: SLOW }, async () => {
    const dataDir = join(base, 'shared');
    const first = await startTallyProcess({ TALLY_DATA_DIR: dataDir });
    try {
      const line = oneLine(tally(['serve', '--port', '0'], { TALLY_DATA_DIR: dataDir }));
      expect(line).toContain(`another tally server (PID ${first.child.pid}) is using this data directory`);
    } finally {
      await stopTallyProcess(first);
    }
    // Stopped: the lock went with it, and a stale lock of a dead pid is taken over.
    writeFileSync(join(dataDir, 'tally.lock'), '2147483646\n');
    const again = await startTallyProcess({ TALLY_DATA_DIR: dataDir });
    await stopTallyProcess(again);
  });

  it('refuses to start when the results are gone but the counts remain', { timeout: SLOW }, async () => {
    const dataDir = join(base, 'lost');
    const store = openSqliteStore({ file: join(dataDir, 'tally.sqlite') });
    await store.upsertUnits(UNITS);
    await store.submit(makeResult());
    await store.aggregates({ campaignId: CAMPAIGN.id });
    await store.close();
    for (const f of ['tally.sqlite', 'tally.sqlite-wal', 'tally.sqlite-shm'])
      rmSync(join(dataDir, f), { force: true });
    const line = oneLine(tally(['serve', '--port', '0'], { TALLY_DATA_DIR: dataDir }));
    expect(line).toContain(`${join(dataDir, 'tally.sqlite')}: the results file is missing`);
    expect(line).toContain('Restore');
    unlinkSync(join(dataDir, 'tally-counts.sqlite')); // the person's explicit choice: start afresh
    const fresh = await startTallyProcess({ TALLY_DATA_DIR: dataDir });
    await stopTallyProcess(fresh);
  });
});
