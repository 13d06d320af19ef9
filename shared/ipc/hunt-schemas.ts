// Payloads of the `hunt:*` channels (the "Giám sát mạng" screen): what to read, the progress, the
// report (the same shape as `sachmadoc hunt --json`), and which exports exist.
import { z } from 'zod';
import { huntReportSchema } from '../logs/report-schema';

/** Log files or folders to read; times are local "YYYY-MM-DD[ HH:MM]" as typed, or empty. */
export const huntRunRequestSchema = z.strictObject({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(200),
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
});

/** Files or folders chosen in a dialog; `supported: false` where the host has none (the harness). */
export const huntPickSchema = z.object({ supported: z.boolean(), paths: z.array(z.string()) });

/** Bytes and lines read so far. */
export const huntProgressSchema = z.object({
  bytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  lines: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
});

export { huntReportSchema };

/** The hunt summary for the tally, exactly as it would be sent, or why there is none. */
export const huntSummaryPreviewSchema = z.object({
  // Built and checked in main by shared/tally/hunt-summary's strict schema; the page shows it as JSON.
  summary: z.record(z.string(), z.unknown()).nullable(),
  missing: z.enum(['hunt', 'unit', 'tally', 'sample']).nullable(),
});

export const huntSummarySendSchema = z.object({
  status: z.enum(['stored', 'replaced']),
  summary: z.record(z.string(), z.unknown()),
});

export const huntExportRequestSchema = z.strictObject({ format: z.enum(['html', 'csv', 'json']) });

/** "Lưu dữ liệu cho cán bộ CNTT": this PC's capture folder as collect.cmd writes it. */
export const capturesSaveSchema = z.object({
  folder: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().nonnegative() })),
  failed: z.array(z.object({ name: z.string(), reason: z.string() })),
});

/** Steps of the capture save done so far, and the file just written. */
export const capturesProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  file: z.string(),
});
