// The tally's opt-in access log (issue 14): TALLY_ACCESS_LOG names a file; one line per request
// with the route pattern, never a token, a unit code, an install or submission id, or an address.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store';
import { makeResult, postResultTo, seedTestStore, UNITS } from '../../test/support/tally/helpers';
import { startTallyProcess, stopTallyProcess } from '../../test/support/tally/server-process';

const ADMIN = 'access-log-admin-token';
const SLOW = 120_000;

describe('tally serve with TALLY_ACCESS_LOG', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-access-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'writes one line per request with the route, status and time, and no secret or id',
    { timeout: SLOW },
    async () => {
      const seed = openSqliteStore({ file: join(dataDir, 'tally.sqlite'), writer: 'inline' });
      const tokens = await seedTestStore(seed);
      await seed.close();

      const logFile = join(dataDir, 'access.log');
      const server = await startTallyProcess({
        TALLY_DATA_DIR: dataDir,
        TALLY_ADMIN_TOKEN: ADMIN,
        TALLY_ACCESS_LOG: logFile,
      });
      const result = makeResult({ unitCode: UNITS[0].code });
      try {
        const sent = await postResultTo(server.url, tokens, result);
        expect(sent.status).toBeLessThan(300);
        const stats = await fetch(`${server.url}/api/admin/stats?unitCode=${UNITS[0].code}`, {
          headers: { authorization: `Bearer ${ADMIN}` },
        });
        expect(stats.status).toBe(200);
        const refused = await fetch(`${server.url}/api/admin/stats`, {
          headers: { authorization: 'Bearer wrong-token' },
        });
        expect(refused.status).toBe(401);
        expect((await fetch(`${server.url}/no/such/${result.installId}`)).status).toBe(404);
      } finally {
        await stopTallyProcess(server);
      }

      const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
      expect(lines).toHaveLength(4);
      const line = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (GET|POST) (\S+) (\d{3}) \d+\.\dms$/;
      expect(lines.map((l) => line.exec(l)?.slice(1, 4))).toEqual([
        ['POST', '/api/v1/results', String(lines[0].split(' ')[3])],
        ['GET', '/api/admin/stats', '200'],
        ['GET', '/api/admin/stats', '401'],
        ['GET', '-', '404'],
      ]);
      const text = lines.join('\n');
      for (const secret of [
        ADMIN,
        'wrong-token',
        ...Object.values(tokens),
        UNITS[0].code,
        result.installId,
        result.submissionId,
        '127.0.0.1',
      ])
        expect(text).not.toContain(secret);
    },
  );

  it('writes nothing unless asked', { timeout: SLOW }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-noaccess-'));
    try {
      const server = await startTallyProcess({ TALLY_DATA_DIR: dir, TALLY_ACCESS_LOG: '' });
      let out = '';
      server.child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      await fetch(`${server.url}/api/admin/stats`);
      await stopTallyProcess(server);
      expect(out).not.toMatch(/\/api\/admin\/stats/);
      expect(existsSync(join(dir, 'access.log'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
