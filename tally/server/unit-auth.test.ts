// Unit enrolment (issue 12, "Adding to the counts"): before it, anyone could add forged machines to
// any unit. Each attack below stored results on the code before this module; now none does.
import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SERVER_LIMITS, type TallyAppOptions } from './app';
import { hashUnitToken, newUnitToken } from './unit-auth';
import { tallyFixtureForSuite, testTallyApp } from '../../test/support/tally/app';
import { makeResult, sqliteFactory, STORES } from '../../test/support/tally/helpers';

const ADMIN = 'admin-token-for-unit-auth-tests';

/** Posts a result to `app` with `token` as the unit's bearer token, from `remoteAddress` if given. */
const postResult = (app: FastifyInstance, token: string, result: unknown, remoteAddress?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/results',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: JSON.stringify(result),
    ...(remoteAddress ? { remoteAddress } : {}),
  });

describe.each(STORES)('unit enrolment on %s', (_name, factory) => {
  const t = tallyFixtureForSuite(factory, { adminToken: ADMIN });
  const post = (body: unknown, authorization?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/results',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      payload: JSON.stringify(body),
    });

  it('answers 401 without a token, with a made-up one, and with the admin token; stores nothing', async () => {
    const before = await t.store.resultCount();
    for (const auth of [
      undefined,
      `Bearer ${newUnitToken()}`,
      `Bearer ${ADMIN}`,
      'Basic dXNlcjpwYXNz',
      'Bearer ',
    ]) {
      const res = await post(makeResult(), auth);
      expect(res.statusCode, auth).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="tally-unit"');
      expect(res.json()).toMatchObject({
        error: 'unit-token-required',
        message: expect.stringContaining('Settings'),
      });
    }
    expect(await t.store.resultCount()).toBe(before);
  });

  it('answers 403 to a unit’s token used for another unit; stores nothing', async () => {
    const before = await t.store.resultCount();
    const res = await post(makeResult({ unitCode: 'BV-TINH' }), `Bearer ${t.tokens['SO-TTTT']}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: 'wrong-unit-token',
      message: expect.stringContaining('BV-TINH'),
    });
    expect(await t.store.resultCount()).toBe(before);
    expect(
      (await post(makeResult({ unitCode: 'BV-TINH' }), `Bearer ${t.tokens['BV-TINH']}`)).statusCode,
    ).toBe(201);
  });

  it('a rotated token replaces the old one; a revoked unit can no longer submit', async () => {
    const fresh = newUnitToken();
    expect(await t.store.setUnitTokenHash('UB-HUYEN-A', hashUnitToken(fresh), false)).toBe('exists');
    expect(await t.store.setUnitTokenHash('UB-HUYEN-A', hashUnitToken(fresh), true)).toBe('set');
    expect(await t.store.setUnitTokenHash('KHONG-CO', hashUnitToken(fresh), true)).toBe('unknown-unit');
    // The server caches the token table for a moment; a fresh app reads it at once.
    const again = await testTallyApp({ store: t.store, adminToken: ADMIN });
    const send = (app: FastifyInstance, token: string) =>
      postResult(app, token, makeResult({ unitCode: 'UB-HUYEN-A' }));
    expect((await send(again, t.tokens['UB-HUYEN-A'])).statusCode).toBe(401);
    expect((await send(again, fresh)).statusCode).toBe(201);
    await again.close();
    expect(await t.store.revokeUnitToken('UB-HUYEN-A')).toBe(true);
    expect(await t.store.revokeUnitToken('UB-HUYEN-A')).toBe(false);
    const third = await testTallyApp({ store: t.store, adminToken: ADMIN });
    expect((await send(third, fresh)).statusCode).toBe(401);
    await third.close();
  });

  it('stores only the token’s hash', async () => {
    const hashes = await t.store.unitTokenHashes();
    expect([...hashes.keys()].every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(hashes.has(t.tokens['SO-TTTT'])).toBe(false);
    expect(hashes.get(hashUnitToken(t.tokens['SO-TTTT']))).toBe('SO-TTTT');
  });
});

describe('per-unit rate limit, server deadlines and 413 messages (SQLite)', () => {
  // The suite's own app has the default limits; each test that needs others builds one more.
  const t = tallyFixtureForSuite(sqliteFactory, { adminToken: ADMIN });
  const app = (extra: Partial<TallyAppOptions>) =>
    testTallyApp({ store: t.store, adminToken: ADMIN, ...extra });

  it('limits one unit’s token across many addresses, and leaves other units alone', async () => {
    const a = await app({ unitRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const before = await t.store.resultCount();
    const send = (unit: string, i: number) =>
      // A new source address each time.
      postResult(a, t.tokens[unit], makeResult({ unitCode: unit }), `10.0.${i}.1`);
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await send('SO-TTTT', i)).statusCode);
    expect(codes).toEqual([201, 201, 201, 429, 429, 429]);
    expect((await send('BV-TINH', 99)).statusCode).toBe(201);
    expect(await t.store.resultCount()).toBe(before + 4);
    await a.close();
  });

  it('says which limit a 413 hit: 16 KB for a result, 1 MB for other requests', async () => {
    const big = await postResult(t.app, t.tokens['SO-TTTT'], { ...makeResult(), pad: 'x'.repeat(20_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json<{ message: string }>().message).toMatch(
      /tối đa 16 KB cho một kết quả.*16 KB at most for a result/s,
    );
    const units = await t.app.inject({
      method: 'POST',
      url: '/api/admin/units/import',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      payload: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
    });
    expect(units.statusCode).toBe(413);
    expect(units.json<{ message: string }>().message).toMatch(
      /1 MB at most for a request to \/api\/admin\/units\/import/,
    );
  });

  it('cuts a body trickled byte by byte at the request deadline (30 s by default), storing nothing', async () => {
    expect(SERVER_LIMITS.requestTimeoutMs).toBe(30_000);
    const a = await app({ requestTimeoutMs: 1500 });
    await a.listen({ host: '127.0.0.1', port: 0 });
    const port = (a.server.address() as { port: number }).port;
    const before = await t.store.resultCount();
    const body = JSON.stringify(makeResult());
    const started = Date.now();
    const outcome = await new Promise<{ text: string; ms: number }>((resolve) => {
      const s = connect(port, '127.0.0.1');
      let text = '';
      let i = 0;
      s.on('data', (d) => (text += d.toString()));
      s.on('close', () => {
        clearInterval(drip);
        resolve({ text, ms: Date.now() - started });
      });
      s.write(
        `POST /api/v1/results HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
          `authorization: Bearer ${t.tokens['SO-TTTT']}\r\ncontent-length: ${body.length}\r\n\r\n`,
      );
      const drip = setInterval(() => {
        if (i < body.length && !s.destroyed) s.write(body[i++]);
      }, 100);
    });
    expect(outcome.text).toMatch(/^HTTP\/1\.1 408/);
    expect(outcome.ms).toBeLessThan(6000);
    expect(await t.store.resultCount()).toBe(before);
    await a.close();
  });

  it('caps open connections', async () => {
    const a = await app({ maxConnections: 7 });
    expect(a.server.maxConnections).toBe(7);
    await a.close();
    expect(t.app.server.maxConnections).toBe(SERVER_LIMITS.maxConnections);
  });
});
