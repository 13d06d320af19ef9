// Admin API (Bearer token): units import, the stats JSON behind the dashboard, the exports.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { campaignIdSchema, unitCodeSchema } from '../../shared/tally/result';
import { CampaignError, resolveCampaign } from '../campaigns';
import { buildAppendix } from '../report/appendix';
import { CONTENT_TYPES, renderReport, reportFileName, REPORT_FORMATS } from '../report/render';
import { dashboardStats } from '../report/stats';
import type { TallyStore } from '../store/types';
import { decodeUnitsCsv, formatIssues, parseUnitsCsv } from '../units-csv';
import { errorAnswer } from './answer';
import { requireAdmin } from './auth';

const statsQuery = z.strictObject({
  campaignId: campaignIdSchema.optional(),
  unitCode: unitCodeSchema.optional(),
});
const reportBody = z.strictObject({
  campaignId: campaignIdSchema.optional(),
  unitCode: unitCodeSchema.optional(),
  unitName: z.string().max(300).optional(),
  parentName: z.string().max(300).optional(),
  place: z.string().max(100).optional(),
  letterNumber: z.string().max(100).optional(),
  letterDate: z.union([z.literal(''), z.iso.date()]).optional(),
  letterIssuer: z.string().max(300).optional(),
  assessment: z.string().max(20_000).optional(),
  recommendations: z.string().max(20_000).optional(),
});

/** Registers /api/admin/*; every route answers 401 without the admin token. */
export function registerAdminRoutes(
  app: FastifyInstance,
  store: TallyStore,
  adminToken: string | undefined,
  now: () => Date,
  dataDir: string,
): void {
  /** The campaign asked for, else the served feed's; a 404 a person can act on when there is none. */
  const campaignOf = async (requested: string | undefined, reply: FastifyReply) => {
    try {
      return await resolveCampaign(store, dataDir, requested);
    } catch (e) {
      if (!(e instanceof CampaignError)) throw e;
      await reply
        .code(404)
        .send({ ...errorAnswer(e.code, e.text.code, e.text.params), message: e.worded('both') });
      return undefined;
    }
  };
  void app.register((admin, _opts, done) => {
    admin.addHook('onRequest', requireAdmin(adminToken));
    admin.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
      // UTF-16 as Excel's "Unicode Text" and PowerShell write it reads as well as UTF-8.
      (_req, body, done) => {
        try {
          done(null, decodeUnitsCsv(body as Buffer, 'units.csv'));
        } catch {
          done(null, body.toString());
        }
      },
    );

    admin.get('/api/admin/units', async () => ({ units: await store.listUnits() }));
    admin.get('/api/admin/campaigns', async () => ({ campaigns: await store.listCampaigns() }));

    admin.post('/api/admin/units/import', async (req, reply) => {
      if (typeof req.body !== 'string') {
        return reply.code(415).send(errorAnswer('expected-csv', 'tally.server.expectedCsv'));
      }
      const { units, issues } = parseUnitsCsv(req.body, 'units.csv');
      if (issues.length > 0)
        return reply.code(422).send({
          ...errorAnswer('invalid-csv', 'tally.units.fixAndRetry'),
          message: formatIssues(issues, 'both'),
          issues,
        });
      return reply.send(await store.upsertUnits(units));
    });

    admin.get('/api/admin/stats', async (req, reply) => {
      const q = statsQuery.safeParse(req.query);
      if (!q.success)
        return reply
          .code(400)
          .send(
            errorAnswer('invalid-query', 'tally.server.invalidQuery', undefined, z.prettifyError(q.error)),
          );
      const campaign = await campaignOf(q.data.campaignId, reply);
      if (!campaign) return reply;
      const agg = await store.aggregates({
        campaignId: campaign.id,
        ...(q.data.unitCode ? { unitCode: q.data.unitCode } : {}),
        topN: 10,
      });
      return dashboardStats(agg, campaign, await store.listCampaigns(), now());
    });

    admin.post<{ Params: { format: string } }>('/api/admin/reports/:format', async (req, reply) => {
      const format = REPORT_FORMATS.find((f) => f === req.params.format);
      if (!format)
        return reply.code(404).send(errorAnswer('unknown-format', 'tally.server.unknownReportFormat'));
      const body = reportBody.safeParse(req.body ?? {});
      if (!body.success)
        return reply
          .code(422)
          .send(
            errorAnswer('invalid-form', 'tally.server.invalidForm', undefined, z.prettifyError(body.error)),
          );
      const { campaignId, unitCode, ...form } = body.data;
      const campaign = await campaignOf(campaignId, reply);
      if (!campaign) return reply;
      const agg = await store.aggregates({ campaignId: campaign.id, ...(unitCode ? { unitCode } : {}) });
      if (unitCode && !agg.units.some((u) => u.code === unitCode)) {
        return reply
          .code(404)
          .send(errorAnswer('unknown-unit', 'tally.server.unknownUnit', { unit: unitCode }));
      }
      const report = buildAppendix(agg, {
        campaign,
        ...(unitCode ? { unitCode } : {}),
        form,
        now: now(),
        hunt: await store.huntSummaries(campaign.id),
      });
      const bytes = await renderReport(report, format);
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${reportFileName(report, format)}"`)
        .header('cache-control', 'no-store')
        .send(bytes);
    });
    done();
  });
}
