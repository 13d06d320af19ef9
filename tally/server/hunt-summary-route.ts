// POST /api/v1/hunt-summaries: a unit's log-hunt summary (counts only, shared/tally/hunt-summary.ts).
// Validated by the shared schema, answered only after the store has committed. A unit's later
// summary for a campaign replaces its earlier one. Unit authentication is the results route's:
// `unitAuth` takes the same onRequest/preHandler hooks (the unit enrolment token check), so both
// routes accept exactly the same callers.
import type { FastifyInstance, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { huntSummarySchema } from '../../shared/tally/hunt-summary';
import type { TallyStore } from '../store/types';

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
          error: 'invalid-hunt-summary',
          message: `Bản tổng hợp giám sát mạng không đúng mẫu; chưa lưu gì. / The network-monitoring summary does not match the schema; nothing was stored:\n${z.prettifyError(parsed.error)}`,
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
          return reply.code(422).send({
            error: 'unknown-campaign',
            message: `Chiến dịch "${h.campaignId}" chưa được công bố trên máy chủ tổng hợp; chưa lưu gì. Hãy cập nhật danh sách chiến dịch trong ứng dụng. / Campaign "${h.campaignId}" is not published on this tally; nothing was stored. Update the campaign feed in the app.`,
          });
        case 'unknown-unit':
          return reply.code(422).send({
            error: 'unknown-unit',
            message: `Đơn vị "${h.unitCode}" chưa được đăng ký trên máy chủ tổng hợp; hãy chọn đúng đơn vị hoặc liên hệ quản trị. / Unit "${h.unitCode}" is not registered on this tally; pick another unit or ask the administrator to import it.`,
          });
      }
    },
  );
}
