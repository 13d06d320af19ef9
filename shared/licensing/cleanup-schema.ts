// The guided-cleanup payloads as zod schemas, so the IPC contract (`cleanup:*`) can validate what
// the renderer sends and the renderer can type what comes back. The main-process implementation
// lives in services/cleanup and uses these same types.
import { z } from 'zod';
import { bilingualTextSchema } from '../text';
import { noteSchema } from '../i18n/schema';

const text2 = bilingualTextSchema;
const shortText = z.string().min(1).max(1024);

/** A place that starts a program again at boot or logon. */
export const persistenceEntrySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('run-key'),
    key: shortText,
    valueName: z.string().max(1024),
    data: z.string().max(4096),
  }),
  z.strictObject({ type: z.literal('startup-shortcut'), path: shortText }),
  z.strictObject({ type: z.literal('scheduled-task'), taskPath: shortText, command: z.string().max(4096) }),
  z.strictObject({
    type: z.literal('service'),
    name: z.string().min(1).max(256),
    imagePath: z.string().max(4096),
  }),
]);

const pid = z.number().int().min(0).max(0xffffffff);

/** A step the IT staff asks for; it runs only after confirmation with the token it is given. */
export const stepRequestSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('terminate'), pid, name: z.string().min(1).max(260) }),
  z.strictObject({ step: z.literal('block-address'), ip: z.string().min(1).max(64) }),
  z.strictObject({ step: z.literal('remove-block-rule'), ip: z.string().min(1).max(64) }),
  z.strictObject({ step: z.literal('remove-persistence'), entry: persistenceEntrySchema }),
  z.strictObject({ step: z.literal('open-cleanup-tool') }),
  /** Removes a crack's activation block (one vendor) from this machine's hosts file, backed up first. */
  z.strictObject({
    step: z.literal('remove-hosts-block'),
    vendor: z.string().min(1).max(200),
    /** The block's evidence as the scan showed it: the step refuses when the file no longer has it. */
    evidence: z.string().min(1).max(20_000),
  }),
  z.strictObject({
    step: z.literal('rescan'),
    target: z.strictObject({
      remoteAddress: z.string().min(1).max(64),
      remotePort: z.number().int().min(0).max(65535).optional(),
      pid: pid.optional(),
      /** The indicator's name (domain indicators): a new DNS lookup of it means it is not gone. */
      domain: z.string().min(1).max(253).optional(),
    }),
  }),
]);

const stepName = z.enum([
  'terminate',
  'block-address',
  'remove-block-rule',
  'remove-persistence',
  'open-cleanup-tool',
  'remove-hosts-block',
  'rescan',
  'confirm',
]);

/** How a step ended; "needs-admin" tells the person to restart elevated. */
export const stepOutcomeSchema = z.enum(['ok', 'refused', 'failed', 'needs-admin']);

/** What a step did. */
export const stepResultSchema = z.object({
  step: stepName,
  outcome: stepOutcomeSchema,
  message: text2,
  detail: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** One line of the action log. */
export const actionLogEntrySchema = z.object({
  time: z.string(),
  step: stepName,
  args: z.record(z.string(), z.unknown()),
  outcome: z.enum(['proposed', 'ok', 'refused', 'failed', 'needs-admin']),
  message: text2,
  error: z.string().optional(),
});

/** Evidence about one process / executable. */
export const processEvidenceSchema = z.object({
  pid: pid.nullable(),
  name: z.string().nullable(),
  path: z.string().nullable(),
  sha256: z.string().nullable(),
  commandLine: z.string().nullable(),
  parentPid: pid.nullable(),
  parentName: z.string().nullable(),
  startTime: z.string().nullable(),
  signature: z
    .object({ status: z.string(), signer: z.string().nullable(), message: z.string().nullable() })
    .nullable(),
  persistence: z.array(persistenceEntrySchema),
  /** What could not be gathered, and why (raw command/system text in `detail`, for IT). */
  notes: z.array(noteSchema),
});

/** The confirmation token the main process hands out (hex, 128 bits). */
export const confirmationTokenSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a 32-digit hex token');

export type PersistenceEntry = z.infer<typeof persistenceEntrySchema>;
export type StepRequest = z.infer<typeof stepRequestSchema>;
export type StepResult = z.infer<typeof stepResultSchema>;
export type ActionLogEntry = z.infer<typeof actionLogEntrySchema>;
export type ProcessEvidence = z.infer<typeof processEvidenceSchema>;
