// Admin API (Bearer token): units import, the stats JSON behind the dashboard, the exports.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { campaignIdSchema, unitCodeSchema } from '../../shared/tally/result';
import { buildAppendix } from '../report/appendix';
import { CONTENT_TYPES, renderReport, reportFileName, REPORT_FORMATS } from '../report/render';
import { dashboardStats } from '../report/stats';
import type { TallyStore } from '../store/types';
import { decodeUnitsCsv, formatIssues, parseUnitsCsv } from '../units-csv';
import { requireAdmin } from './auth';

const statsQuery = z.strictObject({
  campaignId: campaignIdSchema.optional(),
  unitCode: unitCodeSchema.optional(),
});
const reportBody = z.strictObject({
  campaignId: campaignIdSchema.optional(),
  unitCode: unitCodeSchema.optional(),
  unitName: z.string().max(300).optional(),
  assessment: z.string().max(20_000).optional(),
  recommendations: z.string().max(20_000).optional(),
});

/** Registers /api/admin/*; every route answers 401 without the admin token. */
export function registerAdminRoutes(
  app: FastifyInstance,
  store: TallyStore,
  adminToken: string | undefined,
  now: () => Date,
): void {
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

    admin.post('/api/admin/units/import', async (req, reply) => {
      if (typeof req.body !== 'string') {
        return reply.code(415).send({
          error: 'expected-csv',
          message:
            'Gửi tệp CSV (Content-Type: text/csv) với các cột code,name. / Send a CSV (text/csv) with columns code,name.',
        });
      }
      const { units, issues } = parseUnitsCsv(req.body, 'units.csv');
      if (issues.length > 0)
        return reply.code(422).send({ error: 'invalid-csv', message: formatIssues(issues), issues });
      return reply.send(await store.upsertUnits(units));
    });

    admin.get('/api/admin/stats', async (req, reply) => {
      const q = statsQuery.safeParse(req.query);
      if (!q.success)
        return reply.code(400).send({ error: 'invalid-query', message: z.prettifyError(q.error) });
      return dashboardStats(await store.aggregates({ ...q.data, topN: 10 }), now());
    });

    admin.post<{ Params: { format: string } }>('/api/admin/reports/:format', async (req, reply) => {
      const format = REPORT_FORMATS.find((f) => f === req.params.format);
      if (!format)
        return reply.code(404).send({
          error: 'unknown-format',
          message: 'Định dạng: docx, xlsx hoặc csv. / Formats: docx, xlsx, csv.',
        });
      const body = reportBody.safeParse(req.body ?? {});
      if (!body.success)
        return reply.code(422).send({ error: 'invalid-form', message: z.prettifyError(body.error) });
      const { campaignId, unitCode, ...form } = body.data;
      const agg = await store.aggregates({
        ...(campaignId ? { campaignId } : {}),
        ...(unitCode ? { unitCode } : {}),
      });
      if (unitCode && !agg.units.some((u) => u.code === unitCode)) {
        return reply.code(404).send({
          error: 'unknown-unit',
          message: `Không có đơn vị "${unitCode}". / No unit "${unitCode}".`,
        });
      }
      const report = buildAppendix(agg, { ...(unitCode ? { unitCode } : {}), form, now: now() });
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
