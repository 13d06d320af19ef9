// Payloads of the `cleanup:*` channels (guided cleanup, issue 6). The step shapes themselves are
// the service's own schemas (shared/licensing/cleanup-schema.ts); these wrap them with the flagged
// item a step belongs to, so main keeps one cleanup session per item.
import { z } from 'zod';
import { bilingualTextSchema } from '../text';
import {
  actionLogEntrySchema,
  confirmationTokenSchema,
  processEvidenceSchema,
  stepRequestSchema,
  stepResultSchema,
} from '../licensing/cleanup-schema';

const text2 = bilingualTextSchema;

/** Which flagged item (a connection row or a licensing sign) a cleanup belongs to. */
export const cleanupItemSchema = z.string().min(1).max(300);

/** Evidence request: a process and/or an executable of one item. */
export const evidenceRequestSchema = z.strictObject({
  item: cleanupItemSchema,
  pid: z.number().int().min(0).max(0xffffffff).nullable().optional(),
  path: z.string().min(1).max(4096).nullable().optional(),
});

/** A step to propose for an item. */
export const proposeRequestSchema = z.strictObject({ item: cleanupItemSchema, request: stepRequestSchema });

/** A proposal: the token to confirm with and exactly what will be done, or why it is refused. */
export const proposeResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('proposed'), token: confirmationTokenSchema, summary: text2 }),
  z.object({ status: z.literal('refused'), message: text2 }),
]);

/** Confirmation of a proposed step. */
export const confirmRequestSchema = z.strictObject({ token: confirmationTokenSchema });
export { stepResultSchema as confirmResponseSchema };

/** Progress of a watched re-scan of one item (pushed while `cleanup:confirm` runs it). */
export const rescanProgressSchema = z.object({
  item: cleanupItemSchema,
  elapsedMs: z.number().min(0),
  totalMs: z.number().min(0),
  samples: z.number().int().min(0),
});

/** The action log of one item, or of every item when none is named. */
export const logRequestSchema = z.strictObject({ item: cleanupItemSchema.optional() });
export const logResponseSchema = z.array(actionLogEntrySchema.extend({ item: z.string() }));

/** The addresses our named firewall rules block, or why they could not be listed. */
export const firewallRulesSchema = z.object({ ips: z.array(z.string()), error: z.string().optional() });

/** Evidence report export. PDF comes from the desktop app only. */
export const reportRequestSchema = z.strictObject({ format: z.enum(['html', 'json', 'pdf']) });

export { processEvidenceSchema };
export type CleanupLogEntry = z.infer<typeof logResponseSchema>[number];
