// POST /api/v1/results: the only route the desktop app calls. Validated by the shared schema,
// idempotent by submission id, and answered only after the store has committed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { anonymizedResultSchema } from '../../shared/tally/result';
import type { CampaignRecord, TallyStore } from '../store/types';
import { errorAnswer } from './answer';
import { checkResult, refusal, unknownIndicatorsRefusal } from './result-checks';
import { createUnitAuth, type UnitAuthOptions } from './unit-auth';

export const RESULT_BODY_LIMIT = 16 * 1024;

/**
 * Registers the results endpoint with its body limit, per-address rate limit and unit enrolment
 * (token, and per-unit rate limit: unit-auth.ts).
 */
export function registerResultsRoute(
  app: FastifyInstance,
  store: TallyStore,
  rate: { max: number; timeWindowMs: number },
  unitAuth: Omit<UnitAuthOptions, 'perUnit'> & { perUnit?: UnitAuthOptions['perUnit'] } = {},
  now: () => Date = () => new Date(),
): void {
  const campaigns = campaignCache(store);
  app.post(
    '/api/v1/results',
    {
      bodyLimit: RESULT_BODY_LIMIT,
      config: { rateLimit: { max: rate.max, timeWindow: rate.timeWindowMs } },
      ...createUnitAuth(store, { ...unitAuth, perUnit: unitAuth.perUnit ?? rate }),
    },
    async (req, reply) => {
      const parsed = anonymizedResultSchema.safeParse(req.body);
      if (!parsed.success) {
        const words = refusal('invalid-result', {});
        return reply.code(422).send({
          ...words,
          message: `${words.message}\n${z.prettifyError(parsed.error)}`,
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const r = parsed.data;
      const refused = checkResult(r, await campaigns(r.campaignId), now());
      if (refused) return reply.code(422).send(refused);
      if (r.matchedIndicatorIds.length > 0) {
        const unknown = await store.unknownIndicators(r.campaignId, r.matchedIndicatorIds);
        if (unknown.length > 0)
          return reply.code(422).send({ ...unknownIndicatorsRefusal(r, unknown), unknown });
      }
      const outcome = await store.submit(r);
      switch (outcome.status) {
        case 'created':
          return reply.code(201).send({ status: 'stored', submissionId: parsed.data.submissionId });
        case 'duplicate':
          return reply.code(200).send({ status: 'already-stored', submissionId: parsed.data.submissionId });
        case 'conflict':
          return reply.code(409).send(errorAnswer('submission-conflict', 'tally.server.submissionConflict'));
        case 'unknown-unit':
          return reply.code(422).send(refusal('unknown-unit', { unit: parsed.data.unitCode }));
      }
    },
  );
}

/** How long a campaign's record is reused before it is read again (a re-publish may move its dates). */
const CAMPAIGN_TTL_MS = 5_000;

/** The published campaigns, read again on a miss (published meanwhile by the CLI) or when stale. */
function campaignCache(store: TallyStore): (id: string) => Promise<CampaignRecord | undefined> {
  let byId = new Map<string, CampaignRecord>();
  let readAt = -Infinity;
  const reload = async () => {
    byId = new Map((await store.listCampaigns()).map((c) => [c.id, c]));
    readAt = Date.now();
  };
  return async (id) => {
    if (!byId.has(id) || Date.now() - readAt > CAMPAIGN_TTL_MS) await reload();
    return byId.get(id);
  };
}
