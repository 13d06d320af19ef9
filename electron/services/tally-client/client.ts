// Delivers anonymized results to the agency tally: queued on disk first, then POSTed with
// exponential backoff and jitter. Exactly-once: an item leaves the queue only after a 2xx, and the
// server counts a submission id once, so a resend after a crash or a lost reply changes nothing.
import { mkdir } from 'node:fs/promises';
import { createLogger } from '../../../shared/logger';
import { anonymizedResultSchema, type AnonymizedResult } from '../../../shared/tally/result';
import { getInstallId } from './install-id';
import { openQueue, type QueueItem, type RejectedRecord } from './queue';

const log = createLogger('tally-client');

/** The part of fetch (node-fetch or the platform's) the client uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface TallyClientDeps {
  /** Directory for the queue, rejected items and install ids. */
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
  unitToken?: string | null;
}

export interface FlushSummary {
  delivered: number;
  rejected: number;
  /** Items still queued (offline or server unavailable). */
  remaining: number;
  lastError?: string;
}

type Attempt =
  | { kind: 'delivered' }
  | { kind: 'rejected'; status: number; reason: string }
  /** 401/403: the token is missing or another unit's; fixed in Settings, so the result is kept. */
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

/** Creates the tally client; nothing is sent until flush() is called. */
export function createTallyClient(deps: TallyClientDeps) {
  const queue = openQueue(deps.dir, deps.clock);
  const random = deps.random ?? Math.random;
  const maxAttempts = deps.maxAttempts ?? 5;
  const base = deps.baseDelayMs ?? 1_000;
  const cap = deps.maxDelayMs ?? 5 * 60_000;
  const url = `${deps.endpoint.replace(/\/+$/, '')}/api/v1/results`;
  let running: Promise<FlushSummary> | undefined;

  /** Full-jitter exponential backoff: spreads retries of many machines after an outage. */
  const backoff = (attempt: number, retryAfterMs?: number) => {
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    const jittered = Math.round(exp / 2 + (random() * exp) / 2);
    return Math.min(cap, Math.max(jittered, retryAfterMs ?? 0));
  };

  const attempt = async (result: AnonymizedResult): Promise<Attempt> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.requestTimeoutMs ?? 30_000);
    try {
      const res = await deps.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(deps.unitToken ? { authorization: `Bearer ${deps.unitToken}` } : {}),
        },
        body: JSON.stringify(result),
        signal: controller.signal,
      });
      const text = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) return { kind: 'delivered' };
      if (res.status === 401 || res.status === 403)
        return { kind: 'unauthorized', reason: reasonOf(text, res.status) };
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        return { kind: 'rejected', status: res.status, reason: reasonOf(text, res.status) };
      }
      const ra = Number(res.headers.get('retry-after'));
      return {
        kind: 'retry',
        reason: `HTTP ${res.status}`,
        ...(Number.isFinite(ra) && ra > 0 ? { retryAfterMs: ra * 1000 } : {}),
      };
    } catch (e) {
      return { kind: 'retry', reason: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  };

  const deliver = async (
    item: QueueItem,
    attempts: number,
  ): Promise<'delivered' | 'rejected' | 'stopped'> => {
    if (!item.result) {
      await queue.reject(
        item,
        null,
        `tệp hàng đợi hỏng / corrupt queue file: ${item.problem ?? 'unreadable'}`,
      );
      return 'rejected';
    }
    for (let n = 1; ; n += 1) {
      const a = await attempt(item.result);
      if (a.kind === 'delivered') {
        await queue.remove(item);
        return 'delivered';
      }
      if (a.kind === 'rejected') {
        log.warn('tally refused a result', { submissionId: item.submissionId, status: a.status });
        await queue.reject(item, a.status, a.reason);
        return 'rejected';
      }
      lastError = a.reason;
      // Every other result would get the same answer until the token in Settings is fixed.
      if (a.kind === 'unauthorized') return 'stopped';
      if (n >= attempts) return 'stopped';
      await deps.sleep(backoff(n, a.retryAfterMs));
    }
  };
  let lastError: string | undefined;

  const flushOnce = async (attempts: number): Promise<FlushSummary> => {
    lastError = undefined;
    let delivered = 0;
    let rejected = 0;
    const items = await queue.list();
    for (let i = 0; i < items.length; i += 1) {
      const outcome = await deliver(items[i], attempts);
      if (outcome === 'delivered') delivered += 1;
      else if (outcome === 'rejected') rejected += 1;
      else {
        // Offline or the server is down: the rest would fail the same way; keep them for later.
        log.info('tally unreachable, results kept for later', {
          remaining: items.length - i,
          reason: lastError,
        });
        return { delivered, rejected, remaining: items.length - i, ...(lastError ? { lastError } : {}) };
      }
    }
    return { delivered, rejected, remaining: 0 };
  };

  return {
    /** Validates and queues a result on disk (durable before it resolves). */
    async enqueue(result: AnonymizedResult): Promise<void> {
      await mkdir(deps.dir, { recursive: true });
      await queue.add(anonymizedResultSchema.parse(result));
    },
    /** Sends every queued result in order; concurrent calls share one run. `maxAttempts: 1` gives
     *  a quick answer for a button press; the default retries with backoff for background sends. */
    flush(options: { maxAttempts?: number } = {}): Promise<FlushSummary> {
      running ??= flushOnce(Math.max(1, options.maxAttempts ?? maxAttempts)).finally(() => {
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
    /** This machine's random install id for a campaign. */
    installId(campaignId: string): Promise<string> {
      return getInstallId(deps.dir, campaignId);
    },
  };
}

export type TallyClient = ReturnType<typeof createTallyClient>;

function reasonOf(body: string, status: number): string {
  try {
    const j = JSON.parse(body) as { message?: unknown };
    if (typeof j.message === 'string') return j.message;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.slice(0, 500) || `HTTP ${status}`;
}
