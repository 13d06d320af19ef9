// The hunt's `--json` document (the shape in issue 16: devices → indicators with count, first and
// last seen; files; warnings), defined once: the hunt builds it (report.ts), the `hunt:*` IPC channel
// carries it (shared/ipc/hunt-schemas.ts) and the types are z.infer of it.
import { z } from 'zod';
import { INDICATOR_KINDS, parseIssueSchema } from '../domain';

const kind = z.enum(INDICATOR_KINDS);

/** One indicator a device contacted, as printed. */
export const huntReportIndicatorSchema = z.object({
  indicator: z.string(),
  kind,
  source: z.string(),
  count: z.number().int(),
  inbound: z.number().int().optional(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  ports: z.array(z.string()),
  protocols: z.array(z.string()),
});

/** One device, as printed. */
export const huntReportDeviceSchema = z.object({
  address: z.string(),
  mac: z.string().optional(),
  hostname: z.string().optional(),
  translated: z.array(z.string()).optional(),
  count: z.number().int(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  indicators: z.array(huntReportIndicatorSchema),
  evidence: z.array(z.object({ file: z.string(), line: z.number().int(), text: z.string() })),
});

/** The `--json` document. */
export const huntReportSchema = z.object({
  huntedAt: z.string(),
  since: z.string().optional(),
  until: z.string().optional(),
  devices: z.array(huntReportDeviceSchema),
  indicators: z.array(
    z.object({ indicator: z.string(), kind, devices: z.array(z.string()), count: z.number().int() }),
  ),
  files: z.array(
    z.object({
      path: z.string(),
      format: z.string(),
      bytes: z.number(),
      lines: z.number().int(),
      records: z.number().int(),
      skipped: z.number().int(),
    }),
  ),
  feeds: z.array(
    z.object({ source: z.string(), indicators: z.number().int(), version: z.number().optional() }),
  ),
  warnings: z.array(parseIssueSchema),
  warningCount: z.number().int(),
  undated: z.number().int().optional(),
});

export type HuntReportIndicator = z.infer<typeof huntReportIndicatorSchema>;
export type HuntReportDevice = z.infer<typeof huntReportDeviceSchema>;
export type HuntReport = z.infer<typeof huntReportSchema>;
