// The crack-tool signature list (assets/signatures/crack-tools.json), the vendor activation
// domains (assets/signatures/activation-hosts.json), their zod schemas, and the merge with the
// extra signatures a signed campaign feed may carry (`crackSignatures`). Feed records are validated
// one by one with the same schema: a bad record is reported and skipped, never half-used.
import { z } from 'zod';
import type { ParseIssue } from '../domain';

const pattern = z.string().min(1).max(300);
const patterns = z.array(pattern).max(200);

/** One crack / activator / keygen signature. Patterns are case-insensitive globs (* and ?). */
export const crackSignatureSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "-" and "_"'),
  name: z.string().min(1).max(120),
  kind: z.enum(['kms-activator', 'crack', 'keygen', 'patcher', 'loader']),
  /** Who makes the tool (informational; shown in the explanation). */
  publisher: z.string().max(120).optional(),
  /** Files and folders, with %ProgramFiles%-style variables; `*` only in the last segment. */
  paths: patterns.optional(),
  services: patterns.optional(),
  tasks: patterns.optional(),
  processes: patterns.optional(),
  /** Matched against DisplayName of the Uninstall keys. */
  displayNames: patterns.optional(),
  /** Matched against Publisher of the Uninstall keys. */
  publisherPatterns: patterns.optional(),
  /** Antivirus detection names, for the explanation. */
  detections: z.array(z.string().max(120)).max(20).optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  comment: z.string().max(500).optional(),
});

/** The bundled signature file. */
export const crackSignatureFileSchema = z.strictObject({
  format: z.literal('sachmadoc-crack-signatures'),
  formatVersion: z.literal(1),
  note: z.string().optional(),
  signatures: z.array(crackSignatureSchema).max(5000),
});

/** Vendor activation domains: a hosts line sending them to loopback / 0.0.0.0 is a crack sign. */
export const activationHostsFileSchema = z.strictObject({
  format: z.literal('sachmadoc-activation-hosts'),
  formatVersion: z.literal(1),
  note: z.string().optional(),
  vendors: z
    .array(
      z.strictObject({
        vendor: z.string().min(1).max(120),
        suffixes: z.array(z.string().min(1).max(253)).min(1).max(500),
      }),
    )
    .max(1000),
});

export type CrackSignature = z.infer<typeof crackSignatureSchema> & { source?: string };
export type ActivationVendor = z.infer<typeof activationHostsFileSchema>['vendors'][number];

/** Everything evaluateLicensing matches against. */
export interface LicensingSignatures {
  tools: CrackSignature[];
  activationHosts: ActivationVendor[];
}

/** Source label of the bundled list, shown in findings. */
export const BUNDLED_SOURCE = 'assets/signatures/crack-tools.json';
/** Source label of signatures that came from the signed campaign feed. */
export const FEED_SOURCE = 'campaign feed (crackSignatures)';

/** Validates the two bundled JSON documents (already JSON.parse'd) into LicensingSignatures. */
export function loadBundledSignatures(crackTools: unknown, activationHosts: unknown): LicensingSignatures {
  const tools = crackSignatureFileSchema
    .parse(crackTools)
    .signatures.map((s) => ({ ...s, source: BUNDLED_SOURCE }));
  return { tools, activationHosts: activationHostsFileSchema.parse(activationHosts).vendors };
}

/**
 * Adds the feed's extra signatures to the bundled ones. A feed record with the id of a bundled
 * one replaces it (the feed is signed and newer); invalid records become issues naming the index.
 */
export function mergeFeedSignatures(
  base: LicensingSignatures,
  feedRecords: readonly unknown[] | undefined,
  feedName = 'campaign feed',
): { signatures: LicensingSignatures; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const byId = new Map(base.tools.map((t) => [t.id, t] as const));
  (feedRecords ?? []).forEach((record, i) => {
    const parsed = crackSignatureSchema.safeParse(record);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      issues.push({
        file: feedName,
        line: 0,
        message: `crackSignatures[${i}] ignored: ${first ? `${first.path.join('.') || '(record)'}: ${first.message}` : 'invalid'}; ask the feed publisher to fix it`,
      });
      return;
    }
    byId.set(parsed.data.id, { ...parsed.data, source: FEED_SOURCE });
  });
  return { signatures: { tools: [...byId.values()], activationHosts: base.activationHosts }, issues };
}
