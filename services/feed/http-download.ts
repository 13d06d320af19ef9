// Downloading the feed and its signature: node-fetch with two deadlines, a size cap enforced while
// streaming, conditional requests (ETag), bounded retries with exponential backoff and jitter, and
// the corporate proxy. Every failure becomes a DownloadError with a code the UI can explain.
import type { Logger } from '../../shared/logger';
import { createProxiedFetch, discardBody } from '../http-fetch';
import type { HttpFetch, HttpResponse } from '../http-fetch';
import { proxyForUrl } from './proxy';
import { bilingualBy, translate, type Language, type Message } from '../../shared/i18n';

/** The fetch the downloader uses (injected: net.fetch in the app, node-fetch via the env proxy elsewhere). */
export type FetchLike = HttpFetch;

/** Limits of one download. */
export interface HttpOptions {
  /**
   * Deadline for the response headers: covers TCP connect, TLS, the proxy's CONNECT and the server's
   * first byte (node-fetch exposes no socket events, so "connect" is measured up to the headers).
   */
  connectTimeoutMs: number;
  /** Deadline for the whole exchange, headers and body. */
  totalTimeoutMs: number;
  /** Largest body accepted; larger is aborted mid-stream even when Content-Length lies or is absent. */
  maxBytes: number;
  /** Extra attempts after the first for retryable failures (network, timeout, truncated, 408/429/5xx). */
  retries: number;
  /** First backoff delay; doubles each attempt, with jitter, capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Defaults for a feed on a government network: patient, but never hanging the app. */
export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  connectTimeoutMs: 15_000,
  totalTimeoutMs: 120_000,
  maxBytes: 64 * 1024 * 1024,
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** Injected effects of the downloader. */
export interface DownloadDeps {
  fetch?: FetchLike;
  /** Waits between retries; tests pass a recorder that resolves at once. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export type DownloadErrorCode = 'timeout' | 'too-large' | 'http-status' | 'network' | 'truncated';

/**
 * A failed download: a code the UI explains, and what happened as a catalogue message (`text`,
 * with `attempts` once the retries gave up), worded where it is shown (downloadErrorWords);
 * `message` is that wording as the command line speaks (`--lang`, else both languages).
 */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly code: DownloadErrorCode,
    readonly text: Message,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** Set after the last retry: how many attempts were made. */
    readonly attempts?: number,
  ) {
    super(bilingualBy((l) => downloadErrorWords(text, attempts, l)));
  }
}

/** A download error in `language`: what went wrong, and after the last retry how many attempts were made. */
function downloadErrorWords(text: Message, attempts: number | undefined, language: Language): string {
  const said = translate(language, text.code, text.params);
  return attempts === undefined
    ? said
    : translate(language, 'msg.feedTool.gaveUp', { reason: said, attempts });
}

/** A body, or "not modified" when the server answered 304 to our ETag. */
export type Downloaded = { status: 'ok'; bytes: Buffer; etag: string | null } | { status: 'not-modified' };

/** GET with retries; `etag` adds If-None-Match. Throws DownloadError after the last attempt. */
export async function download(
  url: string,
  request: { etag?: string | null; maxBytes?: number },
  options: HttpOptions,
  deps: DownloadDeps = {},
): Promise<Downloaded> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadOnce(url, request, options, deps);
    } catch (e) {
      const error = e instanceof DownloadError ? e : new DownloadError('network', networkText(url, e), true);
      if (!error.retryable) throw error;
      if (attempt >= options.retries) throw gaveUp(error, attempt + 1);
      // "Equal jitter": half the exponential delay is fixed, half random, so many clients that
      // failed together (a campaign-day outage) do not retry in lockstep.
      const exp = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
      const delay = Math.max(
        Math.round(exp / 2 + (random() * exp) / 2),
        Math.min(error.retryAfterMs ?? 0, options.maxDelayMs),
      );
      deps.logger?.warn('feed download failed, retrying', {
        url,
        attempt: attempt + 1,
        code: error.code,
        delayMs: delay,
      });
      await sleep(delay);
    }
  }
}

async function downloadOnce(
  url: string,
  request: { etag?: string | null; maxBytes?: number },
  options: HttpOptions,
  deps: DownloadDeps,
): Promise<Downloaded> {
  const fetch: FetchLike = deps.fetch ?? createProxiedFetch(deps.env ?? process.env);
  const maxBytes = request.maxBytes ?? options.maxBytes;
  const controller = new AbortController();
  let timedOut: 'connect' | 'total' | null = null;
  const connectTimer = setTimeout(() => {
    timedOut = 'connect';
    controller.abort();
  }, options.connectTimeoutMs);
  const totalTimer = setTimeout(() => {
    timedOut ??= 'total';
    controller.abort();
  }, options.totalTimeoutMs);
  const timeoutError = () =>
    new DownloadError(
      'timeout',
      timedOut === 'connect'
        ? { code: 'msg.feedTool.noResponse', params: { ms: options.connectTimeoutMs, url } }
        : { code: 'msg.feedTool.tooSlow', params: { ms: options.totalTimeoutMs, url } },
      true,
    );
  // Named in network errors when the env proxy is the one in use (the injected fetch picks its own).
  const proxy = deps.fetch ? null : proxyForUrl(url, deps.env ?? process.env);
  const headers: Record<string, string> = {
    accept: 'application/json, */*;q=0.5',
    'accept-encoding': 'identity',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  try {
    let res: HttpResponse;
    try {
      res = await fetch(url, { headers, signal: controller.signal });
    } catch (e) {
      if (timedOut) throw timeoutError();
      throw new DownloadError('network', networkText(url, e, proxy), true);
    }
    clearTimeout(connectTimer);
    if (res.status === 304) {
      discardBody(res);
      // "Not modified" means something only as the answer to our own conditional request to this
      // URL; anywhere else (no ETag sent, a redirect elsewhere) it is a proxy or server gone wrong.
      if (request.etag && !res.redirected) return { status: 'not-modified' };
      throw new DownloadError(
        'http-status',
        { code: 'msg.feedTool.unexpected304', params: { url } },
        false,
        304,
      );
    }
    if (res.status !== 200) {
      discardBody(res);
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new DownloadError(
        'http-status',
        {
          code: retryable ? 'msg.feedTool.httpRetry' : 'msg.feedTool.httpError',
          params: { status: res.status, url },
        },
        retryable,
        res.status,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
    const declared = res.headers.get('content-length');
    const declaredBytes = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
    if (declaredBytes !== null && declaredBytes > maxBytes) {
      controller.abort();
      throw tooLarge(url, maxBytes);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of res.body ?? []) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        received += buf.length;
        if (received > maxBytes) {
          controller.abort();
          throw tooLarge(url, maxBytes);
        }
        chunks.push(buf);
      }
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      if (timedOut) throw timeoutError();
      throw truncated(url, received, declaredBytes);
    }
    if (declaredBytes !== null && received !== declaredBytes) throw truncated(url, received, declaredBytes);
    return { status: 'ok', bytes: Buffer.concat(chunks, received), etag: res.headers.get('etag') };
  } finally {
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
  }
}

/** A feed and its detached signature, fetched from `url` and `${url}.sig`. */
export type SignedPair =
  | { status: 'ok'; body: Buffer; sig: Buffer; etag: string | null }
  | { status: 'not-modified' }
  | { status: 'unsigned' };

/** Fetches the feed (conditional on `etag`) and then its signature; 'unsigned' when the .sig is 404/410. */
export async function fetchSignedPair(
  url: string,
  etag: string | null,
  options: HttpOptions,
  deps: DownloadDeps,
): Promise<SignedPair> {
  const feed = await download(url, { etag }, options, deps);
  if (feed.status === 'not-modified') return feed;
  try {
    // Signature files are ~250 bytes; 4 KiB leaves room and refuses anything else.
    const sig = await download(`${url}.sig`, { maxBytes: 4096 }, options, deps);
    if (sig.status !== 'ok')
      throw new DownloadError(
        'http-status',
        { code: 'msg.feedTool.sigStatus', params: { url: `${url}.sig`, status: 304 } },
        false,
        304,
      );
    return { status: 'ok', body: feed.bytes, sig: sig.bytes, etag: feed.etag };
  } catch (e) {
    if (e instanceof DownloadError && (e.status === 404 || e.status === 410)) return { status: 'unsigned' };
    throw e;
  }
}

// What a retried failure says once there is no next attempt: no "will retry".
const FINAL: Readonly<Record<string, string>> = {
  'msg.feedTool.httpRetry': 'msg.feedTool.httpFailed',
  'msg.feedTool.truncated': 'msg.feedTool.truncatedFailed',
};

/** The last attempt's error, said as final: no "will retry", and how many attempts were made. */
function gaveUp(error: DownloadError, attempts: number): DownloadError {
  const text = { ...error.text, code: FINAL[error.text.code] ?? error.text.code };
  return new DownloadError(error.code, text, false, error.status, undefined, attempts);
}

function tooLarge(url: string, maxBytes: number): DownloadError {
  return new DownloadError(
    'too-large',
    { code: 'msg.feedTool.tooLarge', params: { url, max: maxBytes } },
    false,
  );
}

function truncated(url: string, received: number, declared: number | null): DownloadError {
  const of = declared === null ? '' : `/${declared}`;
  return new DownloadError(
    'truncated',
    { code: 'msg.feedTool.truncated', params: { url, received: `${received}${of}` } },
    true,
  );
}

function networkText(url: string, e: unknown, proxy?: string | null): Message {
  const detail = e instanceof Error ? e.message : String(e);
  return proxy
    ? { code: 'msg.feedTool.networkViaProxy', params: { url, detail, proxy: redact(proxy) } }
    : { code: 'msg.feedTool.network', params: { url, detail } };
}

// Proxy URLs often carry a password; never print it.
function redact(proxy: string): string {
  try {
    const u = new URL(proxy);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(proxy)';
  }
}
