// Unit enrolment on POST /api/v1/results. Each unit has one random token (printed once by
// `npm run tally -- units token UNIT`, stored only as its SHA-256); the app sends it as
// `Authorization: Bearer TOKEN`. No valid token: 401. Another unit's token: 403. Nothing is stored
// in either case. A per-unit rate limit sits beside the per-address one, so one unit's token
// cannot flood the counts from many addresses.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TallyStore } from '../store/types';
import { errorAnswer } from './answer';

/** A new enrolment token: 32 random bytes, base64url, with a prefix that says what it is. */
export function newUnitToken(): string {
  return `smd-unit-${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token. */
export function hashUnitToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface UnitAuthOptions {
  /** Results per unit per window (default: the per-address limit). */
  perUnit: { max: number; timeWindowMs: number };
  /** How long the token table is cached: a token made or revoked by the CLI counts after this (default 2 s). */
  cacheMs?: number;
  now?: () => number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The unit whose enrolment token the request carried. */
    enrolledUnit?: string;
  }
}

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/**
 * Hooks for the results route: `onRequest` checks the token before the body is even read (401,
 * per-unit 429), `preHandler` checks the parsed body names the token's unit (403).
 */
export function createUnitAuth(store: TallyStore, o: UnitAuthOptions) {
  const now = o.now ?? Date.now;
  const cacheMs = o.cacheMs ?? 2000;
  let table: { at: number; map: Promise<Map<string, string>> } | null = null;
  const lookup = (hash: string) => {
    if (!table || now() - table.at >= cacheMs) {
      const map = store.unitTokenHashes();
      table = { at: now(), map };
      // A failed read is not cached: the next request reads again.
      map.catch(() => (table = null));
    }
    return table.map.then((m) => m.get(hash) ?? null);
  };
  const windows = new Map<string, { start: number; count: number }>();

  async function onRequest(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const match = BEARER.exec(req.headers.authorization ?? '');
    const unit = match ? await lookup(hashUnitToken(match[1])) : null;
    if (!unit) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="tally-unit"')
        .send(errorAnswer('unit-token-required', 'tally.server.unitTokenRequired'));
      return;
    }
    const t = now();
    const w = windows.get(unit);
    if (!w || t - w.start >= o.perUnit.timeWindowMs) windows.set(unit, { start: t, count: 1 });
    else if (++w.count > o.perUnit.max) {
      await reply
        .code(429)
        .header('retry-after', String(Math.ceil((w.start + o.perUnit.timeWindowMs - t) / 1000)))
        .send(errorAnswer('rate-limited', 'tally.server.unitRateLimited', { unit }));
      return;
    }
    req.enrolledUnit = unit;
  }

  async function preHandler(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const unit = req.enrolledUnit;
    const claimed = (req.body as { unitCode?: unknown } | null)?.unitCode;
    if (typeof claimed === 'string' && claimed !== unit) {
      await reply
        .code(403)
        .send(errorAnswer('wrong-unit-token', 'tally.server.wrongUnitToken', { unit: claimed }));
      return;
    }
  }

  return { onRequest, preHandler };
}
