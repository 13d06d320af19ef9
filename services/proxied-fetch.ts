// node-fetch through the corporate proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, the same rules as
// feed downloads: services/feed/proxy.ts), for the tally's traffic: government networks sit
// behind a proxy, and a result that cannot leave the building is never counted.
import { HttpsProxyAgent } from 'https-proxy-agent';
import nodeFetch from 'node-fetch';
import type { RequestInit } from 'node-fetch';
import { proxyForUrl } from './feed/proxy';

/** A fetch that picks the proxy for each URL from `env` (process.env by default). */
export function createProxiedFetch(env: Record<string, string | undefined> = process.env) {
  return (url: string, init: RequestInit = {}) => {
    const proxy = proxyForUrl(url, env);
    return nodeFetch(url, { ...init, ...(proxy ? { agent: new HttpsProxyAgent(proxy) } : {}) });
  };
}
