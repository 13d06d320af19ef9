// Delivers anonymized results to the agency tally: queued on disk first, then POSTed with
// exponential backoff and jitter. Exactly-once: an item leaves the queue only when the tally's own
// answer says it stored that very submission, or when the tally refused it for a documented reason
// (then it is kept in refused/ for a person to resend or delete). Anything else (a captive portal's
// login page, a proxy, a wrong address, a missing unit token) keeps it queued with the reason.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../shared/logger';
import type { TallyProblem, TallyQueueStatus } from '../../shared/ipc/schemas';
import { bilingual, hasText, type Message } from '../../shared/i18n';
import { messageSchema } from '../../shared/i18n/schema';
import { anonymizedResultSchema, type AnonymizedResult } from '../../shared/tally/result';
import { readBodyCapped } from '../capped-body';
import { PRIVATE, writeFileAtomic } from '../../node-shared/atomic-write';
import { getInstallId } from './install-id';
import { openQueue, type QueueItem, type RejectedRecord } from './queue';

const log = createLogger('tally-client');

/** The tally's answers are a few hundred bytes; anything much longer is not the tally. */
const ANSWER_CAP = 64 * 1024;

/** The part of fetch (node-fetch or the platform's) the client uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  body?: AsyncIterable<Uint8Array | string> | null;
  text(): Promise<string>;
}>;

export interface TallyClientDeps {
  /** Directory for the queue, refused items, the last attempt's state and install ids. */
  dir: string;
  /** Base URL of the tally, e.g. https://tally.example.gov.vn */
  endpoint: string;
  fetch: FetchLike;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter (Math.random by default). */
  random?: () => number;
  /** Attempts per item in one flush before giving up until the next flush. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  /** The unit's enrolment token, sent as `Authorization: Bearer …` (none: the tally answers 401). */
  unitToken?: string | null | (() => string | null);
}

export interface FlushSummary {
  delivered: number;
  rejected: number;
  /** Items still queued (offline, server unavailable, or an answer that was not the tally's). */
  remaining: number;
  /** The problem in words (both languages), for logs and the command line. */
  lastError?: string;
  problem?: TallyProblem;
}

export interface FlushOptions {
  maxAttempts?: number;
  /** Per-request timeout; the Send button uses a short one so it answers within seconds. */
  timeoutMs?: number;
}

type Attempt =
  | { kind: 'delivered' }
  /** `text`: the tally's catalogue key and parameters, when it sent them (newer tallies). */
  | { kind: 'refused'; status: number; reason: string; text?: Message }
  /** Will not change by retrying now (wrong address, token, not a tally): stop this flush. */
  | { kind: 'hold'; problem: TallyProblem }
  | { kind: 'retry'; problem: TallyProblem; retryAfterMs?: number };

interface SavedState {
  problem: TallyProblem | null;
  lastAttemptAt: string | null;
}

/** Creates the tally client; nothing is sent until flush() is called. */
export function createTallyClient(deps: TallyClientDeps) {
  const queue = openQueue(deps.dir, deps.clock);
  const random = deps.random ?? Math.random;
  const maxAttempts = deps.maxAttempts ?? 5;
  const base = deps.baseDelayMs ?? 1_000;
  const cap = deps.maxDelayMs ?? 5 * 60_000;
  const url = `${deps.endpoint.replace(/\/+$/, '')}/api/v1/results`;
  const stateFile = join(deps.dir, 'last-attempt.json');
  let running: Promise<FlushSummary> | undefined;

  /** Full-jitter exponential backoff: spreads retries of many machines after an outage. */
  const backoff = (attempt: number, retryAfterMs?: number) => {
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    const jittered = Math.round(exp / 2 + (random() * exp) / 2);
    return Math.min(cap, Math.max(jittered, retryAfterMs ?? 0));
  };

  const attempt = async (result: AnonymizedResult, timeoutMs: number): Promise<Attempt> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const token = typeof deps.unitToken === 'function' ? deps.unitToken() : deps.unitToken;
    try {
      const res = await deps.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(result),
        signal: controller.signal,
      });
      let text = '';
      try {
        text = await readBodyCapped(res, url, ANSWER_CAP);
      } catch {
        // An endless or huge answer: not the tally. Judged below with an empty body.
      }
      return classify(res.status, text, result.submissionId, Number(res.headers.get('retry-after')));
    } catch (e) {
      const detail = controller.signal.aborted
        ? bilingual('msg.tally.timedOut', { ms: timeoutMs })
        : e instanceof Error
          ? e.message
          : String(e);
      return { kind: 'retry', problem: { code: 'offline', detail: detail.slice(0, 500) } };
    } finally {
      clearTimeout(timer);
    }
  };

  const saveState = async (state: SavedState) => {
    try {
      await writeFileAtomic(stateFile, JSON.stringify(state), PRIVATE);
    } catch (e) {
      log.warn('cannot record the last attempt', { error: (e as Error).message });
    }
  };

  const deliver = async (
    item: QueueItem,
    attempts: number,
    timeoutMs: number,
  ): Promise<{ outcome: 'delivered' | 'rejected' } | { outcome: 'stopped'; problem: TallyProblem }> => {
    if (!item.result) {
      await queue.reject(
        item,
        null,
        bilingual('msg.tally.corruptQueueDetail', { problem: item.problem ?? 'unreadable' }),
        { code: 'msg.tally.corruptQueueFile' },
      );
      return { outcome: 'rejected' };
    }
    for (let n = 1; ; n += 1) {
      const a = await attempt(item.result, timeoutMs);
      if (a.kind === 'delivered') {
        await queue.remove(item);
        return { outcome: 'delivered' };
      }
      if (a.kind === 'refused') {
        log.warn('tally refused a result', { submissionId: item.submissionId, status: a.status });
        await queue.reject(item, a.status, a.reason, a.text);
        return { outcome: 'rejected' };
      }
      if (a.kind === 'hold' || n >= attempts) return { outcome: 'stopped', problem: a.problem };
      await deps.sleep(backoff(n, a.retryAfterMs));
    }
  };

  const flushOnce = async (attempts: number, timeoutMs: number): Promise<FlushSummary> => {
    let delivered = 0;
    let rejected = 0;
    const items = await queue.list();
    for (let i = 0; i < items.length; i += 1) {
      const r = await deliver(items[i], attempts, timeoutMs);
      if (r.outcome === 'delivered') delivered += 1;
      else if (r.outcome === 'rejected') rejected += 1;
      if (r.outcome === 'stopped') {
        // Offline, the server is down, or the address is not the tally: the rest would fare the
        // same; keep them for later.
        const lastError = describeTallyProblem(r.problem);
        log.warn('results kept for later', { remaining: items.length - i, reason: lastError });
        await saveState({ problem: r.problem, lastAttemptAt: deps.clock().toISOString() });
        return { delivered, rejected, remaining: items.length - i, lastError, problem: r.problem };
      }
    }
    if (items.length > 0) await saveState({ problem: null, lastAttemptAt: deps.clock().toISOString() });
    return { delivered, rejected, remaining: 0 };
  };

  const refusedList = async () =>
    (await queue.rejected()).map((r) => ({
      submissionId: r.submissionId,
      status: r.status,
      reason: r.reason,
      ...(r.text ? { text: r.text } : {}),
      refusedAt: r.rejectedAt,
    }));

  const client = {
    /** Validates and queues a result on disk (durable before it resolves). */
    async enqueue(result: AnonymizedResult): Promise<void> {
      await mkdir(deps.dir, { recursive: true });
      await queue.add(anonymizedResultSchema.parse(result));
    },
    /** Sends every queued result in order; concurrent calls share one run. `maxAttempts: 1` with a
     *  short `timeoutMs` gives a quick answer for a button press; the default retries with backoff. */
    flush(options: FlushOptions = {}): Promise<FlushSummary> {
      running ??= flushOnce(
        Math.max(1, options.maxAttempts ?? maxAttempts),
        options.timeoutMs ?? deps.requestTimeoutMs ?? 30_000,
      ).finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Results waiting to be sent, oldest first. */
    async pending(): Promise<AnonymizedResult[]> {
      return (await queue.list()).flatMap((i) => (i.result ? [i.result] : []));
    },
    /** Results the server refused, with its reason. */
    rejected(): Promise<RejectedRecord[]> {
      return queue.rejected();
    },
    /** The outbox as the page shows it (nextAttemptAt is filled in by the retry loop). */
    async status(): Promise<TallyQueueStatus> {
      const pending = (await queue.list()).length;
      let saved: SavedState = { problem: null, lastAttemptAt: null };
      try {
        saved = JSON.parse(await readFile(stateFile, 'utf8')) as SavedState;
      } catch {
        // No attempt yet (or an unreadable note): nothing to report.
      }
      return {
        pending,
        problem: pending > 0 ? (saved.problem ?? null) : null,
        lastAttemptAt: saved.lastAttemptAt ?? null,
        nextAttemptAt: null,
        refused: await refusedList(),
      };
    },
    /** Puts a refused result back in the queue (the person fixed the unit, say); false if unknown. */
    resend(submissionId: string): Promise<boolean> {
      return queue.unreject(submissionId);
    },
    /** Deletes a refused result for good (the person decided it should not be counted). */
    deleteRefused(submissionId: string): Promise<boolean> {
      return queue.deleteRejected(submissionId);
    },
    /** This machine's random install id for a campaign. */
    installId(campaignId: string): Promise<string> {
      return getInstallId(deps.dir, campaignId);
    },
  };
  return client;
}

export type TallyClient = ReturnType<typeof createTallyClient>;

/** Judges one answer of the tally address. Only the tally's own receipt for this id is delivery. */
export function classify(status: number, text: string, submissionId: string, retryAfterS = NaN): Attempt {
  const body = parseJson(text);
  if (status >= 200 && status < 300) {
    const receipt = body as { status?: unknown; submissionId?: unknown } | undefined;
    if (
      (receipt?.status === 'stored' || receipt?.status === 'already-stored') &&
      receipt.submissionId === submissionId
    )
      return { kind: 'delivered' };
    return { kind: 'hold', problem: { code: 'not-a-tally', status, detail: snippet(text) } };
  }
  const refusal = body as { error?: unknown; message?: unknown } | undefined;
  const tallyMessage =
    typeof refusal?.error === 'string' && typeof refusal.message === 'string' ? refusal.message : undefined;
  // The tally's documented refusal: the result itself is wrong for this tally (unknown unit, bad shape).
  if (status === 422 && tallyMessage !== undefined) {
    const text = refusalText(body);
    return { kind: 'refused', status, reason: tallyMessage, ...(text ? { text } : {}) };
  }
  if (status === 408 || status === 429 || status >= 500) {
    return {
      kind: 'retry',
      problem: {
        code: 'server-error',
        status,
        ...(tallyMessage ? { detail: tallyMessage.slice(0, 500) } : {}),
      },
      ...(Number.isFinite(retryAfterS) && retryAfterS > 0 ? { retryAfterMs: retryAfterS * 1000 } : {}),
    };
  }
  const detail = tallyMessage?.slice(0, 500) ?? snippet(text);
  const code =
    status === 401 || status === 403
      ? 'unauthorized'
      : status === 404 || status === 405 || status === 410
        ? 'wrong-address'
        : status === 422
          ? 'not-a-tally'
          : 'unexpected-answer';
  return { kind: 'hold', problem: { code, status, ...(detail ? { detail } : {}) } };
}

/**
 * The tally's refusal as a catalogue message ({code, params}), when it sent one this app knows: a key
 * of msg.tally.refusal.*. Anything else (an older tally, another server) keeps only the raw text.
 */
export function refusalText(body: unknown): Message | undefined {
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, params } = parsed.data;
  if (!code.startsWith('msg.tally.refusal.') || !hasText(code)) return undefined;
  return params ? { code, params } : { code };
}

/** The problem in both languages: what happened and what to do (for logs and the command line). */
export function describeTallyProblem(p: TallyProblem): string {
  // The page's words for the problem (tally.problem.*), with the raw detail for IT after them.
  const text = bilingual(`tally.problem.${p.code}`, { status: p.status ?? '-' });
  return p.detail ? `${text} (${p.detail})` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, single-line excerpt of an answer, for IT staff. */
function snippet(text: string): string | undefined {
  const s = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return s === '' ? undefined : s;
}
