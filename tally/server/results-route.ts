// POST /api/v1/results: the only route the desktop app calls. Validated by the shared schema,
// idempotent by submission id, and answered only after the store has committed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { anonymizedResultSchema } from '../../shared/tally/result';
import type { CampaignRecord, TallyStore } from '../store/types';
import { checkResult, unknownIndicatorsRefusal } from './result-checks';

export const RESULT_BODY_LIMIT = 16 * 1024;

/** Registers the results endpoint with its body limit and per-address rate limit. */
export function registerResultsRoute(
  app: FastifyInstance,
  store: TallyStore,
  rate: { max: number; timeWindowMs: number },
  now: () => Date = () => new Date(),
): void {
  const campaigns = campaignCache(store);
  app.post(
    '/api/v1/results',
    { bodyLimit: RESULT_BODY_LIMIT, config: { rateLimit: { max: rate.max, timeWindow: rate.timeWindowMs } } },
    async (req, reply) => {
      const parsed = anonymizedResultSchema.safeParse(req.body);
      if (!parsed.success) {
        return reply.code(422).send({
          error: 'invalid-result',
          message: `Kết quả không đúng mẫu / The result does not match the schema:\n${z.prettifyError(parsed.error)}`,
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const r = parsed.data;
      const refusal = checkResult(r, await campaigns(r.campaignId), now());
      if (refusal) return reply.code(422).send(refusal);
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
          return reply.code(409).send({
            error: 'submission-conflict',
            message:
              'Mã gửi đã được dùng cho một kết quả khác; hãy tạo mã mới. / This submissionId was already used for a different result; send it with a new id.',
          });
        case 'unknown-unit':
          return reply.code(422).send({
            error: 'unknown-unit',
            message: `Đơn vị "${parsed.data.unitCode}" chưa được đăng ký trên máy chủ tổng hợp; hãy chọn đúng đơn vị hoặc liên hệ quản trị. / Unit "${parsed.data.unitCode}" is not registered on this tally; pick another unit or ask the administrator to import it.`,
          });
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
