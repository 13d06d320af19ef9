// Disk full, for real: the tally serves from a 4 MB tmpfs (the tests run as root, as scripts/test.sh
// does), a filler file takes the rest of the space, and then is deleted. The server answers 5xx for
// what it could not store, its second thread survives every SQLite error (fold and checkpoint),
// /healthz says 503 with the real error while it fails, and everything recovers once space is freed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnonymizedResult } from '../../shared/tally/result';
import { openSqliteStore } from './sqlite-store';
import { makeResult, seedTestStore } from '../../test/support/tally/helpers';
import {
  startTallyProcess,
  stopTallyProcess,
  type ServerProcess,
} from '../../test/support/tally/server-process';

const TOKEN = 'disk-full-token';
const SLOW = 120_000;

describe('tally on a full disk', () => {
  const mnt = mkdtempSync(join(tmpdir(), 'tally-tmpfs-'));
  const dataDir = join(mnt, 'data');
  let server: ServerProcess | undefined;
  beforeAll(() => {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(
        `This test needs root to mount a 4 MB tmpfs (scripts/test.sh runs as root): ${(e as Error).message}`,
        { cause: e },
      );
    }
    mkdirSync(dataDir);
  });
  afterAll(async () => {
    if (server) await stopTallyProcess(server, 'SIGKILL');
    execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });

  let tokens: Record<string, string> = {};
  const post = async (r: AnonymizedResult) => {
    const res = await fetch(`${server!.url}/api/v1/results`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[r.unitCode]}` },
      body: JSON.stringify(r),
    });
    return { status: res.status, body: (await res.json()) as { message?: string } };
  };
  const health = async () => {
    const res = await fetch(`${server!.url}/healthz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; problems?: string[] } };
  };

  it(
    'answers 5xx, reports 503 with the real error, and recovers by itself when space is freed',
    { timeout: SLOW },
    async () => {
      // The campaign is published and the unit enrolled before the server starts (as the CLI does).
      const seed = openSqliteStore({ file: join(dataDir, 'tally.sqlite') });
      tokens = await seedTestStore(seed);
      await seed.close();
      server = await startTallyProcess({
        TALLY_DATA_DIR: dataDir,
        TALLY_ADMIN_TOKEN: TOKEN,
        TALLY_RATE_LIMIT_MAX: '100000',
      });
      const imported = await fetch(`${server.url}/api/admin/units/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        body: 'code,name\nSO-TTTT,Sở Thông tin và Truyền thông\n',
      });
      expect(imported.status).toBe(200);
      let stored = 0;
      expect((await post(makeResult())).status).toBe(201);
      stored += 1;

      // Take every free byte.
      const filler = join(mnt, 'filler');
      expect(() => writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024))).toThrow(/ENOSPC/);

      let refused: { status: number; body: { message?: string } } | undefined;
      for (let i = 0; i < 500 && !refused; i += 1) {
        const r = await post(makeResult());
        if (r.status === 201) stored += 1;
        else refused = r;
      }
      expect(refused?.status).toBe(500);
      expect(refused?.body.message).toContain('nothing was stored');
      await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(503);
      const sick = await health();
      expect(sick.body.ok).toBe(false);
      expect(sick.body.problems?.join(' ')).toContain('SQLITE_FULL: database or disk is full');
      expect(server.stderr()).toContain('SQLITE_FULL: database or disk is full');
      expect(server.stderr()).not.toContain('[object Object]');

      rmSync(filler);
      // The next submissions are stored, the second thread catches up, /healthz is well again.
      await expect.poll(async () => (await post(makeResult())).status, { timeout: 10_000 }).toBe(201);
      stored += 1;
      await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(200);
      const stats = await fetch(`${server.url}/api/admin/stats`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(stats.status).toBe(200);
      const body = (await stats.json()) as { province: { results: number } };
      expect(body.province.results).toBeGreaterThanOrEqual(stored);
      // A thread that logged it was failing logs that it recovered (which thread hits the full disk
      // first depends on timing: the writer's failures are the 5xx answers above).
      const failing = (server.stderr().match(/SQLite \w+ thread failing/g) ?? []).length;
      if (failing > 0)
        await expect.poll(() => server!.stderr(), { timeout: 15_000 }).toContain('thread recovered');
    },
  );
});
