// GET /api/v1/units: the registered units (code and name), public, so the app can offer a unit
// picker instead of a free-text code the results route would refuse. Units are public bodies; the
// list says nothing about who took part (that stays behind the admin token).
import type { FastifyInstance } from 'fastify';
import type { UnitList } from '../../shared/tally/units';
import type { TallyStore } from '../store/types';

/** Registers the public unit list. */
export function registerUnitsRoute(app: FastifyInstance, store: TallyStore): void {
  app.get('/api/v1/units', async (_req, reply) => {
    const units: UnitList = (await store.listUnits()).map(({ code, name }) => ({ code, name }));
    return reply.header('cache-control', 'no-cache').send(units);
  });
}
