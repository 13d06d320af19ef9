// The anonymized result a machine sends to its agency's tally (issue 5). Exactly these fields and
// no others: counts, never addresses, paths, names or anything read from a capture. The same schema
// validates on the app side (before the user sees the JSON) and on the server (every POST).
import { z } from 'zod';
import type { ScanReport } from '../domain';

/** Upper bounds: generous for a real machine, small enough that a payload stays under 16 KB. */
export const RESULT_LIMITS = {
  count: 1_000_000,
  matchedIndicatorIds: 100,
  indicatorIdLength: 128,
} as const;

// RFC 4122 version 4: the version nibble is 4 and the variant is 10xx.
const uuidV4 = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'expected a lower-case UUID v4',
  );
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');
const count = z.number().int().min(0).max(RESULT_LIMITS.count);

/** Campaign ids follow the feed's rule: lower-case letters, digits and dashes. */
export const campaignIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes (2–64)');
/** Unit codes as the agency registers them: letters, digits, dot, dash, underscore. */
export const unitCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (1–64)');

/** The anonymized result, strict: an unknown field anywhere is an error, not ignored. */
export const anonymizedResultSchema = z.strictObject({
  schema: z.literal(1),
  submissionId: uuidV4,
  installId: uuidV4,
  campaignId: campaignIdSchema,
  unitCode: unitCodeSchema,
  day,
  appVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,32}$/, 'a version such as 1.2.3'),
  os: z.strictObject({
    family: z.enum(['windows', 'macos', 'linux']),
    major: z.string().regex(/^[0-9A-Za-z.]{1,16}$/, 'a major version such as 10 or 11'),
  }),
  counts: z.strictObject({
    connectionsChecked: count,
    findings: z.strictObject({ ip: count, cidr: count, domain: count }),
    crackedSoftwareSigns: count,
  }),
  cleanRescan: z.boolean().nullable(),
  matchedIndicatorIds: z
    .array(z.string().min(1).max(RESULT_LIMITS.indicatorIdLength))
    .max(RESULT_LIMITS.matchedIndicatorIds),
});

export type AnonymizedResult = z.infer<typeof anonymizedResultSchema>;

export interface BuildResultInput {
  report: ScanReport;
  campaignId: string;
  unitCode: string;
  installId: string;
  appVersion: string;
  os: { family: 'windows' | 'macos' | 'linux'; major: string };
  /** True when a re-scan after cleanup found no campaign connection; null when none was run. */
  cleanRescan: boolean | null;
  crackedSoftwareSigns: number;
  now: Date;
  /** A UUID v4 for this submission; by default a fresh one from the platform's Web Crypto. */
  submissionId?: string;
}

// The campaign's day is Vietnam's calendar day (UTC+7, no daylight saving), not the UTC day:
// a scan at 06:00 in Hà Nội belongs to that day's report, not the previous one.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

// Web Crypto is a global in Node 20+, Electron and browsers; shared/ compiles without either
// platform's typings, so it is reached through globalThis with the one method used.
function webCrypto(): { randomUUID(): string } {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;
}

/** Vietnam's calendar day (YYYY-MM-DD) of an instant. */
export function campaignDay(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Builds the anonymized result from a scan: counts and matched indicator ids only; throws a ZodError if an input is out of bounds. */
export function buildAnonymizedResult(input: BuildResultInput): AnonymizedResult {
  const findings = { ip: 0, cidr: 0, domain: 0 };
  const ids = new Set<string>();
  // Only findings count: `blocked`, `recent` and `notices` are information and never leave the machine.
  for (const f of input.report.findings) {
    if (f.kind !== 'ip' && f.kind !== 'cidr' && f.kind !== 'domain') continue;
    findings[f.kind] += 1;
    // Only the feed's id (the agency's own data) leaves the machine; without one we fall back to
    // the feed value, which is the campaign's indicator, never the machine's address or a path.
    ids.add(f.indicatorId ?? `${f.kind}:${f.indicator}`);
  }
  const cap = (n: number) => Math.min(Math.max(0, Math.trunc(n)), RESULT_LIMITS.count);
  const result = {
    schema: 1 as const,
    submissionId: input.submissionId ?? webCrypto().randomUUID(),
    installId: input.installId,
    campaignId: input.campaignId,
    unitCode: input.unitCode,
    day: campaignDay(input.now),
    appVersion: input.appVersion,
    os: { family: input.os.family, major: input.os.major },
    counts: {
      connectionsChecked: cap(input.report.connections.length),
      findings: { ip: cap(findings.ip), cidr: cap(findings.cidr), domain: cap(findings.domain) },
      crackedSoftwareSigns: cap(input.crackedSoftwareSigns),
    },
    cleanRescan: input.cleanRescan,
    matchedIndicatorIds: [...ids]
      .filter((id) => id.length <= RESULT_LIMITS.indicatorIdLength)
      .sort()
      .slice(0, RESULT_LIMITS.matchedIndicatorIds),
  };
  return anonymizedResultSchema.parse(result);
}

/**
 * Cracked-software signs of a report: licensing findings, never `notices` (Windows not activated),
 * `blocked` or `recent`, which are information. A `not-activated` left among the findings by an
 * older report is not a sign either.
 */
export function crackedSoftwareSignCount(report: ScanReport): number {
  return report.findings.filter((f) => f.via === 'licensing' && f.kind !== 'not-activated').length;
}

/** Total findings of a result across indicator kinds. */
export function totalFindings(r: AnonymizedResult): number {
  return r.counts.findings.ip + r.counts.findings.cidr + r.counts.findings.domain;
}
