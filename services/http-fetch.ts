// The one HTTP dependency of the services: a fetch of the WHATWG shape, injected. The command line
// and the browser harness get node-fetch through the corporate proxy of the environment
// (HTTPS_PROXY / HTTP_PROXY / NO_PROXY: services/feed/proxy.ts); the Electron app gives
// Electron's net.fetch instead, which follows the Windows system proxy settings and PAC scripts as
// the browser does (electron/main.ts). Government networks sit behind a proxy: a feed or a result
// that cannot leave the building is never fetched or counted.
import { HttpsProxyAgent } from 'https-proxy-agent';
import nodeFetch from 'node-fetch';
import { proxyForUrl } from './feed/proxy';

/** What a service may ask of a request. */
export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** What a service reads of an answer: node-fetch's and net.fetch's responses both fit. */
export interface HttpResponse {
  status: number;
  redirected: boolean;
  headers: { get(name: string): string | null };
  /** The body as it arrives (a Node stream or a web ReadableStream: both are async iterables). */
  body: AsyncIterable<Uint8Array | string> | null;
  text(): Promise<string>;
}

/** The injected fetch. */
export type HttpFetch = (url: string, init?: HttpInit) => Promise<HttpResponse>;

/** node-fetch with the proxy picked for each URL from `env` (process.env by default): the CLI's fetch. */
export function createProxiedFetch(env: Record<string, string | undefined> = process.env): HttpFetch {
  return async (url, init = {}) => {
    const proxy = proxyForUrl(url, env);
    const res = await nodeFetch(url, {
      ...init,
      redirect: 'follow',
      follow: 5,
      // Feeds are verified byte for byte against their signature: no transparent decompression.
      compress: false,
      ...(proxy ? { agent: new HttpsProxyAgent(proxy) } : {}),
    });
    return res;
  };
}

/** Drops an answer's body unread (frees the socket): a Node stream is resumed, a web stream cancelled. */
export function discardBody(res: HttpResponse): void {
  const body = res.body as { resume?: () => void; cancel?: () => Promise<void> } | null;
  if (typeof body?.resume === 'function') body.resume();
  else if (typeof body?.cancel === 'function') body.cancel().catch(() => undefined);
}
