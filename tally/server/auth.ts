// Admin routes: a Bearer token compared in constant time. Without a configured token every admin
// route answers 401, so a forgotten setting never opens the data.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorAnswer } from './answer';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** A Fastify onRequest hook that answers 401 unless the request carries the admin token. */
export function requireAdmin(adminToken: string | undefined) {
  const expected = adminToken ? digest(adminToken) : undefined;
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    // Hashing both sides gives equal lengths, so timingSafeEqual never leaks the token's length.
    if (expected && match && timingSafeEqual(digest(match[1]), expected)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="tally-admin"')
      .send(errorAnswer('unauthorized', 'tally.server.adminTokenRequired'));
  };
}
