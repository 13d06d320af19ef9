// Turns the raw text of one feed value (IP, CIDR, domain, URL, host:port) into a canonical
// indicator. A URL stays a URL (its own kind); the host it names travels with it. The canonical
// forms themselves belong to shared/net; this file only decides which of them a piece of feed
// text is.
import type { IndicatorKind } from '../domain';
import { canonicalCidr, canonicalIp } from '../net/ip';
import { canonicalDomain } from '../net/domain';
import { parseCanonicalUrl } from '../net/url';

/** The host a URL names, as an address or domain indicator value, with the URL's explicit port. */
export interface UrlHost {
  kind: 'ip' | 'domain';
  value: string;
  port?: number;
}

/** A classified feed value; a URL carries its host (see FeedCollector.add for what becomes of it). */
export interface Classified {
  kind: IndicatorKind;
  value: string;
  port?: number;
  urlHost?: UrlHost;
}

/** What kinds a context accepts: a STIX ipv4-addr must not silently become a domain. */
export type Expect = 'address' | 'domain' | 'any';

const MAX_VALUE = 2048;

function stripBrackets(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}

/** Classifies an IP, CIDR or domain; null when it is none of those (or not of the expected kind). */
export function classifyValue(raw: string, expect: Expect = 'any', requireDot = false): Classified | null {
  const text = stripBrackets(raw.trim());
  if (text === '' || text.length > MAX_VALUE) return null;
  if (expect !== 'domain') {
    if (text.includes('/')) {
      const cidr = canonicalCidr(text);
      return cidr === null ? null : { kind: 'cidr', value: cidr };
    }
    const ip = canonicalIp(text);
    if (ip !== null) return { kind: 'ip', value: ip };
  }
  if (expect === 'address') return null;
  // Blocklists write "*.evil.example" or ".evil.example" for "this domain and below", which is
  // what a domain indicator already means.
  const name = text.replace(/^\*?\./, '');
  if (requireDot && !name.replace(/\.$/, '').includes('.')) return null;
  if (/[\s/\\@]/.test(name)) return null;
  const domain = canonicalDomain(name);
  return domain === null ? null : { kind: 'domain', value: domain };
}

/** Parses a port given as text; null unless it is a whole number 0-65535. */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port <= 65535 ? port : null;
}

/** A URL indicator (canonical URL) with the host it names, for the collector to derive from. */
export function classifyUrl(raw: string): Classified | null {
  const parsed = parseCanonicalUrl(raw);
  if (parsed === null) return null;
  const host: UrlHost = { ...parsed.host };
  if (parsed.port !== undefined) host.port = parsed.port;
  return { kind: 'url', value: parsed.url, urlHost: host };
}

/** Parses "203.0.113.9:443", "[2001:db8::1]:443" or "evil.example:8080" (port optional). */
export function classifyHostPort(raw: string, expect: Expect = 'any'): Classified | null {
  const text = raw.trim();
  const bare = classifyValue(text, expect);
  if (bare !== null) return bare;
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:]+):(\d+)$/.exec(text);
  const match = bracketed ?? plain;
  if (match === null) return null;
  const port = parsePort(match[2] ?? '');
  const host = classifyValue(match[1] ?? '', expect);
  if (port === null || host === null || host.kind === 'cidr') return null;
  return { ...host, port };
}
