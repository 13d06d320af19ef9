// The hunt's summary a unit sends to its agency's tally (issue 16): counts only — how many devices
// the unit's network monitoring (the log hunt) found with connections to the campaign's malicious
// addresses, and the period the logs covered. No address, name or log line ever leaves the unit.
// The same schema validates in the app (before the user sees the JSON) and on the server.
import { z } from 'zod';
import { campaignIdSchema, RESULT_LIMITS, unitCodeSchema } from './result';

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');

/** Strict: an unknown field is an error. A unit's later summary for a campaign replaces its earlier one. */
export const huntSummarySchema = z
  .strictObject({
    schema: z.literal(1),
    campaignId: campaignIdSchema,
    unitCode: unitCodeSchema,
    /** Devices with at least one connection to a campaign indicator. */
    devices: z.number().int().min(0).max(RESULT_LIMITS.count),
    /** First and last day (local) of the log lines the hunt read. */
    periodStart: day,
    periodEnd: day,
  })
  .refine((s) => s.periodStart <= s.periodEnd, {
    message: 'periodStart must not be after periodEnd',
    path: ['periodEnd'],
  });

export type HuntSummary = z.infer<typeof huntSummarySchema>;

/** One unit's stored summary, with the server's receive time. */
export interface StoredHuntSummary extends HuntSummary {
  receivedAt: string;
}

/** The parts of a hunt report a summary is made of (shared/logs/report.ts HuntReport). */
export interface HuntReportForSummary {
  huntedAt: string;
  since?: string;
  until?: string;
  devices: { firstSeen?: string; lastSeen?: string }[];
}

/**
 * The summary of one hunt, exactly what is sent: the number of devices it found and the period —
 * the chosen "from"/"to" when given, else the first and last contact found, else the hunt's day.
 * Days are the local dates of the report's ISO times (they carry the zone they were shown in).
 */
export function huntSummaryOf(
  report: HuntReportForSummary,
  campaignId: string,
  unitCode: string,
): HuntSummary {
  const day = (iso: string) => iso.slice(0, 10);
  const seen = report.devices.flatMap((d) => [d.firstSeen, d.lastSeen]).filter((t): t is string => !!t);
  const first = seen.length > 0 ? seen.map(day).sort()[0] : undefined;
  const last = seen.length > 0 ? seen.map(day).sort()[seen.length - 1] : undefined;
  const start = report.since ? day(report.since) : (first ?? day(report.huntedAt));
  const end = report.until ? day(report.until) : (last ?? day(report.huntedAt));
  return huntSummarySchema.parse({
    schema: 1,
    campaignId,
    unitCode,
    devices: report.devices.length,
    periodStart: start <= end ? start : end,
    periodEnd: start <= end ? end : start,
  });
}
