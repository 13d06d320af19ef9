// Zod schemas of the payloads that cross the IPC boundary. The scan's shapes (connection, finding,
// parse issue, scan report) are defined once, in shared/domain.ts, and re-exported here.
import { z } from 'zod';
import { messageSchema } from '../i18n/schema';
import { connectionSchema, findingSchema, processFileInfoSchema, scanReportSchema } from '../domain';
import { campaignSchema, contactSchema, feedContactsSchema } from '../campaign-feed/campaign-feed';
import { VERDICT_STATES } from '../scan/verdict';

export { connectionSchema, findingSchema, processFileInfoSchema, scanReportSchema };

/** A progress event of a running scan: which step, and how far the whole scan is (0..1). */
export const scanProgressSchema = z.object({
  step: z.string().max(200),
  fraction: z.number().min(0).max(1),
});

/** The connections of a scan again, with the paths, parents and disguise flags that came after it. */
export const processUpdateSchema = z.object({
  scannedAt: z.string(),
  connections: z.array(connectionSchema),
});

/** Paths of the rows on screen whose company, description and signer are wanted. */
export const fileInfoRequestSchema = z.strictObject({
  paths: z.array(z.string().min(1).max(1024)).max(200),
});
export const fileInfoResponseSchema = z.object({ files: z.record(z.string(), processFileInfoSchema) });

/** One look at the connection table for the details table's live mode (scan:snapshot). */
export const connectionSnapshotSchema = z.object({
  takenAt: z.string(),
  connections: z.array(connectionSchema),
  findings: z.array(findingSchema),
});

/** What the campaign screen and the settings screen show about the feed in use. */
export const feedStatusSchema = z.object({
  campaign: campaignSchema,
  version: z.number().int(),
  publishedAt: z.string(),
  /** Where the active feed came from: "bundled", a URL, or a file given to the harness. */
  source: z.string(),
  /** Where the active list came from, for wording the source in the page. */
  origin: z.enum(['bundled', 'cache', 'file']).optional(),
  lastChecked: z.string().nullable(),
  indicatorCount: z.number().int().min(0),
  /** The Authority's and the province's contact points, when the feed in use carries them. */
  contacts: feedContactsSchema.optional(),
  /** The agency's feed address built into this copy ('' when none was built in). */
  defaultUrl: z.string().optional(),
});

/** Outcome of "update now". The status is the feed in use afterwards (the last good one on failure). */
export const feedUpdateSchema = z.object({
  outcome: z.enum(['updated', 'not-modified', 'rejected', 'failed']),
  /** Why it was rejected or failed, as the feed service words it (already bilingual where it can be). */
  message: z.string().optional(),
  /** The same, as a catalogue message the page words in its language (the raw text is for IT). */
  text: messageSchema.optional(),
  /** Why, as a code the page words itself ('no-url': no address in Settings and none built in). */
  code: z.string().max(64).optional(),
  status: feedStatusSchema,
});

/** The time and headline of the last check on this machine (kept across restarts). */
export const lastCheckSchema = z.object({
  checkedAt: z.string(),
  state: z.enum(VERDICT_STATES),
});

/** Who to call: the feed's contact points and the unit's own IT contact (Settings, else the installer's file). */
export const contactsSchema = z.object({
  authority: contactSchema.nullable(),
  province: contactSchema.nullable(),
  it: contactSchema.nullable(),
  /** Where the IT contact came from. */
  itFrom: z.enum(['settings', 'installer']).nullable(),
});

/** The optional periodic check: off by default; every `hours` hours while the app stays in the tray. */
export const periodicCheckSchema = z.object({
  enabled: z.boolean(),
  hours: z.number().int().min(1).max(168),
});

/** A KMS host name or address, optionally with :port, as slmgr /dli prints it. */
const kmsHost = z
  .string()
  .trim()
  .min(1)
  .max(260)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'a host name or address, optionally with :port');
const kmsHosts = z.array(kmsHost).max(50);

// Printable ASCII without spaces (what the tally issues: "smd-unit-" + base64url), or empty.
const unitToken = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{16,512}$/),
]);

const httpUrlOrEmpty = z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2000)]);

/** User settings, persisted in userData (Electron) or the harness data dir. */
export const settingsSchema = z.object({
  language: z.enum(['vi', 'en']).default('vi'),
  /** Feed address for "update now"; empty means the agency default built into the feed service. */
  feedUrl: httpUrlOrEmpty.default(''),
  tallyUrl: httpUrlOrEmpty.default(''),
  /** The user's unit code as the agency lists it (e.g. "SO-TTTT"). */
  unitCode: z.string().trim().max(64).default(''),
  /** Consent to send the anonymized result: off until the person turns it on. */
  sendResults: z.boolean().default(false),
  /** The agency's own KMS hosts: KMS activation against any other host is a licensing sign. */
  // Optional rather than defaulted, so settings saved before this field existed read back unchanged.
  agencyKmsHosts: kmsHosts.optional(),
  /** The unit's enrolment token from the tally administrator (empty: use the installer's file). */
  unitToken: unitToken.optional(),
  /** The unit's own IT contact ("Báo ngay cho cán bộ CNTT" names this person); null: none set here. */
  itContact: contactSchema.nullable().optional(),
  periodicCheck: periodicCheckSchema.optional(),
});

/** A partial settings change; every field is validated as in settingsSchema. */
export const settingsPatchSchema = z.strictObject({
  language: z.enum(['vi', 'en']).optional(),
  feedUrl: httpUrlOrEmpty.optional(),
  tallyUrl: httpUrlOrEmpty.optional(),
  unitCode: z.string().trim().max(64).optional(),
  sendResults: z.boolean().optional(),
  agencyKmsHosts: kmsHosts.optional(),
  unitToken: unitToken.optional(),
  itContact: contactSchema.nullable().optional(),
  periodicCheck: periodicCheckSchema.optional(),
});

/** How an export ended: saved by a dialog (Electron), handed over as a download (harness), or cancelled. */
export const exportResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({
    kind: z.literal('download'),
    fileName: z.string(),
    mimeType: z.string(),
    content: z.string(),
  }),
]);

/** What would be sent to the tally now, or why nothing can be built yet. */
export const tallyPreviewSchema = z.object({
  // Built and checked in main by shared/tally's strict schema; the page only shows it, as JSON.
  result: z.record(z.string(), z.unknown()).nullable(),
  /** Why there is no result: no scan yet, or no unit code set. */
  missing: z.enum(['scan', 'unit']).nullable(),
  /** Results queued on this machine, not yet accepted by the tally. */
  pending: z.number().int().min(0),
});

/** Why queued results are still waiting; worded where shown (renderer catalogue, CLI). */
export const tallyProblemSchema = z.object({
  code: z.enum([
    'offline',
    'server-error',
    'not-a-tally',
    'unauthorized',
    'wrong-address',
    'unexpected-answer',
  ]),
  /** The HTTP status, when the tally address answered. */
  status: z.number().int().optional(),
  /** The network error or the server's own message, as received (for IT staff). */
  detail: z.string().max(500).optional(),
});

/** Outcome of sending: queued on disk first, then delivered, refused (with why), or kept for later. */
export const tallySendSchema = z.object({
  submissionId: z.string(),
  delivered: z.number().int().min(0),
  rejected: z.number().int().min(0),
  remaining: z.number().int().min(0),
  lastError: z.string().optional(),
  /** Why results are still waiting (code + status), for the page to word. */
  problem: tallyProblemSchema.optional(),
});

/** A result the tally refused for good (a documented 422), kept so a person can resend or delete it. */
export const refusedResultSchema = z.object({
  submissionId: z.string(),
  status: z.number().int().nullable(),
  /** The raw reason (both languages): shown only under the technical details. */
  reason: z.string(),
  /** The reason as a catalogue message, worded in the person's language (absent for older records). */
  text: messageSchema.optional(),
  refusedAt: z.string(),
});

/** The app's outbox: how many results wait, the last problem, and the refused ones with reasons. */
export const tallyQueueSchema = z.object({
  pending: z.number().int().min(0),
  problem: tallyProblemSchema.nullable(),
  lastAttemptAt: z.string().nullable(),
  /** When the background retry runs next (null when nothing waits). */
  nextAttemptAt: z.string().nullable(),
  refused: z.array(refusedResultSchema),
});

export type TallyProblem = z.infer<typeof tallyProblemSchema>;
export type TallyQueueStatus = z.infer<typeof tallyQueueSchema>;
export type ScanProgress = z.infer<typeof scanProgressSchema>;
export type TallyPreview = z.infer<typeof tallyPreviewSchema>;
export type TallySend = z.infer<typeof tallySendSchema>;
export type FeedStatus = z.infer<typeof feedStatusSchema>;
export type FeedUpdate = z.infer<typeof feedUpdateSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type LastCheck = z.infer<typeof lastCheckSchema>;
export type Contacts = z.infer<typeof contactsSchema>;
export type PeriodicCheck = z.infer<typeof periodicCheckSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
export type ExportResult = z.infer<typeof exportResultSchema>;
