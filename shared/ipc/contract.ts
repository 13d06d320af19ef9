// THE IPC contract: every channel between main and the renderer, in one table. The preload's
// window.api, main's handler registration, the browser harness bridge and the test mock are all
// derived from this table (see api.ts, dispatch.ts, mock-api.ts), so a channel exists in one place.
//
// Names are `domain:action`. `invoke` channels are requests from the renderer answered by main with a
// tagged Result; `push` channels are events main sends to the renderer. A new domain slots in as rows
// here; the derived api, bridge and mock follow automatically.
import { z } from 'zod';
import type { Message } from '../i18n';
import {
  connectionSnapshotSchema,
  exportResultSchema,
  feedStatusSchema,
  fileInfoRequestSchema,
  fileInfoResponseSchema,
  processUpdateSchema,
  feedUpdateSchema,
  scanProgressSchema,
  scanReportSchema,
  settingsPatchSchema,
  settingsSchema,
  contactsSchema,
  lastCheckSchema,
  tallyPreviewSchema,
  tallyQueueSchema,
  tallySendSchema,
} from './schemas';
import { unitListSchema } from '../tally/units';
import {
  confirmRequestSchema,
  confirmResponseSchema,
  evidenceRequestSchema,
  firewallRulesSchema,
  logRequestSchema,
  logResponseSchema,
  processEvidenceSchema,
  proposeRequestSchema,
  proposeResponseSchema,
  reportRequestSchema,
  rescanProgressSchema,
} from './cleanup-schemas';
import {
  capturesProgressSchema,
  capturesSaveSchema,
  huntExportRequestSchema,
  huntPickSchema,
  huntProgressSchema,
  huntReportSchema,
  huntRunRequestSchema,
  huntSummaryPreviewSchema,
  huntSummarySendSchema,
} from './hunt-schemas';

const invoke = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) =>
  ({ kind: 'invoke', request, response }) as const;
const push = <P extends z.ZodType>(payload: P) => ({ kind: 'push', payload }) as const;
const none = z.strictObject({});

/** Every channel of the app. Adding a row here is the whole of adding a channel. */
export const contract = {
  // app: facts about the running app, and the few things only main may do for the page.
  'app:info': invoke(
    none,
    z.object({ version: z.string(), platform: z.string(), runtime: z.enum(['electron', 'harness']) }),
  ),
  /** Opens an official page from the signed feed; the renderer names the page, never a URL. */
  'app:open-official': invoke(
    z.strictObject({ target: z.enum(['campaign-info', 'cleanup-tool']) }),
    z.object({ opened: z.boolean(), url: z.string() }),
  ),
  /** Puts text on the clipboard (Electron); the harness answers copied:false and the page copies. */
  'app:copy-text': invoke(
    z.strictObject({ text: z.string().max(100_000) }),
    z.object({ copied: z.boolean() }),
  ),
  /** Who to call: the feed's Authority and province contacts, the unit's IT contact. */
  'app:contacts': invoke(none, contactsSchema),

  // scan: runs in main only; progress is pushed.
  'scan:run': invoke(none, scanReportSchema),
  'scan:last': invoke(none, scanReportSchema.nullable()),
  /** When this machine was last checked and its headline, kept across restarts (the home status). */
  'scan:last-check': invoke(none, lastCheckSchema.nullable()),
  /** A check finished (the button, or the periodic check in the background): its time and headline. */
  'scan:checked': push(lastCheckSchema),
  'scan:progress': push(scanProgressSchema),
  /** Windows: paths, parents and disguise flags of the last scan's rows, after the verdict (pending until then). */
  'scan:processes': push(processUpdateSchema),
  /** Windows: company, description and Authenticode signer of the paths on screen (cached per path). */
  'scan:file-info': invoke(fileInfoRequestSchema, fileInfoResponseSchema),
  /**
   * The details table's live mode, once a second: the connection table matched against the last
   * scan's indicators and names (no DNS cache, hosts file or licensing read). Never the verdict.
   */
  'scan:snapshot': invoke(none, connectionSnapshotSchema),

  // feed: the signed campaign feed in use.
  'feed:status': invoke(none, feedStatusSchema),
  'feed:update': invoke(none, feedUpdateSchema),
  /** The feed in use changed (an update at start-up or on demand was accepted, or was checked). */
  'feed:changed': push(feedStatusSchema),

  // settings: persisted, validated on the way in and on load.
  'settings:get': invoke(none, settingsSchema),
  'settings:set': invoke(settingsPatchSchema, settingsSchema),

  // tally: the anonymized result (counts only) — shown before anything is sent, sent only with consent.
  'tally:preview': invoke(none, tallyPreviewSchema),
  'tally:send': invoke(none, tallySendSchema),
  /** The units registered on the tally (from the tally address in Settings), for the unit picker. */
  'tally:units': invoke(none, unitListSchema),
  /** The outbox: results waiting to be sent, the last problem, the next retry, the refused ones. */
  'tally:queue': invoke(none, tallyQueueSchema),
  /** Puts a refused result back in the queue and tries once; `delete` drops it for good. */
  'tally:resend': invoke(z.strictObject({ submissionId: z.uuid() }), tallyQueueSchema),
  'tally:delete': invoke(z.strictObject({ submissionId: z.uuid() }), tallyQueueSchema),
  /** The outbox changed (a background retry ran, a send, a resend or delete). */
  'tally:queue-changed': push(tallyQueueSchema),

  // export: the connections of the last scan, written by main (save dialog) or handed over (harness).
  'export:connections': invoke(z.strictObject({ format: z.enum(['csv', 'json']) }), exportResultSchema),

  // cleanup: guided cleanup of a flagged item, always two-phase: propose (shows exactly what will run)
  // → the person confirms with the token → the result and its log line come back.
  'cleanup:evidence': invoke(evidenceRequestSchema, processEvidenceSchema),
  'cleanup:propose': invoke(proposeRequestSchema, proposeResponseSchema),
  'cleanup:confirm': invoke(confirmRequestSchema, confirmResponseSchema),
  'cleanup:log': invoke(logRequestSchema, logResponseSchema),
  'cleanup:firewall-rules': invoke(none, firewallRulesSchema),
  /** A re-scan watches for a while (15 s): how far it is, for its progress bar. */
  'cleanup:rescan-progress': push(rescanProgressSchema),
  /** The evidence report (findings, evidence, action log): saved by main or handed over as a download. */
  'cleanup:report': invoke(reportRequestSchema, exportResultSchema),

  // hunt: gateway, firewall, DNS and proxy logs read against the feed ("Giám sát mạng", IT staff).
  /** Log files or folders from an open dialog (Electron); the harness has none and says so. */
  'hunt:pick': invoke(z.strictObject({ folders: z.boolean() }), huntPickSchema),
  'hunt:run': invoke(huntRunRequestSchema, huntReportSchema),
  'hunt:cancel': invoke(none, z.object({ cancelled: z.boolean() })),
  'hunt:progress': push(huntProgressSchema),
  /** The last hunt as the leaders' HTML page, CSV or JSON: saved by main or handed over as a download. */
  'hunt:export': invoke(huntExportRequestSchema, exportResultSchema),
  /** The last hunt's summary for the tally (counts only), shown before it is sent. */
  'hunt:summary': invoke(none, huntSummaryPreviewSchema),
  /** Sends that summary to the tally in Settings (POST /api/v1/hunt-summaries). */
  'hunt:summary-send': invoke(none, huntSummarySendSchema),

  // captures: this PC's capture folder for IT staff (the same files as assets/collect.cmd), read
  // later with `sachmadoc scan --captures`. Windows only; the folder comes back in the answer.
  'captures:save': invoke(none, capturesSaveSchema),
  'captures:progress': push(capturesProgressSchema),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InvokeChannel = { [K in Channel]: Contract[K] extends { kind: 'invoke' } ? K : never }[Channel];
export type PushChannel = { [K in Channel]: Contract[K] extends { kind: 'push' } ? K : never }[Channel];

type InvokeDef<C extends InvokeChannel> = Extract<Contract[C], { kind: 'invoke' }>;
type PushDef<C extends PushChannel> = Extract<Contract[C], { kind: 'push' }>;
/** What the renderer may pass (before defaults are applied). */
export type RequestOf<C extends InvokeChannel> = z.input<InvokeDef<C>['request']>;
/** What a handler receives (after validation and defaults). */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<InvokeDef<C>['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<InvokeDef<C>['response']>;
/** What a handler may return (before the response schema applies defaults). */
export type HandlerResponseOf<C extends InvokeChannel> = z.input<InvokeDef<C>['response']>;
export type PayloadOf<C extends PushChannel> = z.output<PushDef<C>['payload']>;

/** Error codes a call can come back with. */
export type IpcErrorCode =
  'invalid-request' | 'forbidden-sender' | 'unknown-channel' | 'user-error' | 'failed';
/**
 * An error as the renderer receives it: a code to branch on, a message and a hint. `text` and
 * `hintText`, when present, are catalogue messages the page words in the person's language; then
 * `message`/`hint` (both languages, or raw technical text) are only for the log and IT's details.
 */
export interface IpcError {
  code: IpcErrorCode;
  message: string;
  hint?: string;
  text?: Message;
  hintText?: Message;
  /** Raw text for IT staff (shown folded away as technical details). */
  detail?: string;
}

export const channels = Object.keys(contract) as Channel[];
/** The invoke channels, in table order. */
export const invokeChannels = channels.filter((c) => contract[c].kind === 'invoke') as InvokeChannel[];
/** The push channels, in table order. */
export const pushChannels = channels.filter((c) => contract[c].kind === 'push') as PushChannel[];

/** True when `name` is a channel of the table (guards strings that arrive from outside). */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
