// POST /api/v1/hunt-summaries: a unit's log-hunt summary (counts only, shared/tally/hunt-summary.ts).
// Validated by the shared schema, answered only after the store has committed. A unit's later
// summary for a campaign replaces its earlier one. Unit authentication is the results route's:
// `unitAuth` takes the same onRequest/preHandler hooks (the unit enrolment token check), so both
// routes accept exactly the same callers.
import type { FastifyInstance, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { huntSummarySchema } from '../../shared/tally/hunt-summary';
import type { TallyStore } from '../store/types';
import { errorAnswer } from './answer';

export const HUNT_SUMMARY_BODY_LIMIT = 4 * 1024;

/** The unit authentication hooks of the results route, when the tally has them. */
export interface UnitAuthHooks {
  onRequest?: onRequestAsyncHookHandler;
  preHandler?: preHandlerAsyncHookHandler;
}

export function registerHuntSummaryRoute(
  app: FastifyInstance,
  store: TallyStore,
  rate: { max: number; timeWindowMs: number },
  now: () => Date = () => new Date(),
  unitAuth: UnitAuthHooks = {},
): void {
  app.post(
    '/api/v1/hunt-summaries',
    {
      bodyLimit: HUNT_SUMMARY_BODY_LIMIT,
      config: { rateLimit: { max: rate.max, timeWindow: rate.timeWindowMs } },
      ...unitAuth,
    },
    async (req, reply) => {
      const parsed = huntSummarySchema.safeParse(req.body);
      if (!parsed.success) {
        return reply.code(422).send({
          ...errorAnswer(
            'invalid-hunt-summary',
            'tally.server.invalidHuntSummary',
            undefined,
            z.prettifyError(parsed.error),
          ),
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const h = parsed.data;
      const outcome = await store.submitHuntSummary(h, now().toISOString());
      switch (outcome) {
        case 'created':
          return reply.code(201).send({ status: 'stored', campaignId: h.campaignId, unitCode: h.unitCode });
        case 'replaced':
          return reply.code(200).send({ status: 'replaced', campaignId: h.campaignId, unitCode: h.unitCode });
        case 'unknown-campaign':
          return reply
            .code(422)
            .send(
              errorAnswer('unknown-campaign', 'tally.server.huntUnknownCampaign', { campaign: h.campaignId }),
            );
        case 'unknown-unit':
          return reply
            .code(422)
            .send(errorAnswer('unknown-unit', 'tally.server.huntUnknownUnit', { unit: h.unitCode }));
      }
    },
  );
}
