// Crash test (issue 5): kill -9 the server during load; after a restart every submission that got
// a 2xx is stored, and sending them all again changes no count.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import { postResultTo, seedTestStore } from '../../test/support/tally/helpers';
import { killUnderLoad } from '../../test/support/tally/kill-under-load';
import {
  startTallyProcess,
  stopTallyProcess,
  type ServerProcess,
} from '../../test/support/tally/server-process';

const TOKEN = 'crash-test-token';

// Each case starts Node with tsx at least once; on a loaded 2-core machine that can take seconds.
const SLOW = 120_000;

describe('tally server killed with SIGKILL under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-crash-'));
  const env = { TALLY_DATA_DIR: dataDir, TALLY_ADMIN_TOKEN: TOKEN, TALLY_RATE_LIMIT_MAX: '1000000' };
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopTallyProcess(server, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged submission and counts none twice', { timeout: SLOW }, async () => {
    const seed = openSqliteStore({ file: join(dataDir, 'tally.sqlite'), writer: 'inline' });
    const tokens = await seedTestStore(seed);
    await seed.close();

    // 12 senders, each bounded; the kill happens once 300 submissions were acknowledged.
    server = await startTallyProcess(env);
    const { sent, acked, machines } = await killUnderLoad(server, tokens, 12);
    expect(acked.size).toBeGreaterThanOrEqual(300);

    // Straight from the file, before anything else touches it: every acknowledged id is there.
    const db = new Database(join(dataDir, 'tally.sqlite'), { readonly: true });
    const stored = new Set(
      db
        .prepare<[], { id: string }>('SELECT submission_id AS id FROM results')
        .all()
        .map((r) => r.id),
    );
    db.close();
    const missing = [...acked].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);

    server = await startTallyProcess(env);
    const statsOf = async () => {
      const res = await fetch(`${server!.url}/api/admin/stats`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      return (await res.json()) as { province: Record<string, number> };
    };
    const before = await statsOf();
    expect(before.province.results).toBe(stored.size);

    // Retrying every acknowledged submission: all idempotent 200s, no count moves.
    for (const r of sent.filter((x) => acked.has(x.submissionId))) {
      expect((await postResultTo(server.url, tokens, r)).status).toBe(200);
    }
    expect(await statsOf()).toEqual({ ...before, generatedAt: expect.any(String) as string });

    // The ones cut off by the kill: stored now or already (200), once each.
    for (const r of sent.filter((x) => !acked.has(x.submissionId))) {
      expect([200, 201]).toContain((await postResultTo(server.url, tokens, r)).status);
    }
    const after = await statsOf();
    expect(after.province.results).toBe(new Set(sent.map((r) => r.submissionId)).size);
    expect(after.province.machines).toBeLessThanOrEqual(machines.length);
  });
});
