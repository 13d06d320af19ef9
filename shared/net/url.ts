// URL text → canonical URL text, the one spelling a URL indicator is stored and looked up in.
//
// Canonical form: lower-case scheme and host, IDNA (punycode) host, the IP literal in canonical
// text (IPv6 in brackets), no trailing dot on the host, the scheme's default port dropped, the
// fragment dropped; user info, path and query kept as the WHATWG URL parser normalises them
// (dot segments resolved, unsafe characters percent-encoded, "/" for an empty http path), so a
// URL read from a feed and the same URL read from a proxy log compare equal.
// Text without a scheme ("evil.example/a.exe", as URLhaus' plain dumps write it) is read as http.

import { canonicalDomain } from './domain';
import { canonicalIp } from './ip';

/** Longest URL kept as an indicator (the campaign feed's limit). */
export const MAX_URL_LENGTH = 2048;

/** A canonical URL and its host as an address or domain indicator value. */
export interface CanonicalUrl {
  url: string;
  host: { kind: 'ip' | 'domain'; value: string };
  /** The port written in the URL, when it is not the scheme's default. */
  port?: number;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Parses a URL and returns its canonical form with its host; null when it has no usable host. */
export function parseCanonicalUrl(raw: string): CanonicalUrl | null {
  const text = raw.trim();
  if (text === '' || text.length > MAX_URL_LENGTH || /\s/.test(text)) return null;
  const hasScheme = SCHEME.test(text);
  // "mailto:x@y", "javascript:..." have a scheme but no host; "evil.example:8080/a" has neither.
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return null;
  const withScheme = hasScheme ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  let hostname = url.hostname;
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  if (hostname === '') return null;
  const ip = canonicalIp(hostname);
  let host: CanonicalUrl['host'];
  if (ip !== null) host = { kind: 'ip', value: ip };
  else {
    // Non-special schemes (tcp://, ...) keep an opaque host: percent-decode and fold it ourselves.
    let name = hostname;
    if (name.includes('%')) {
      try {
        name = decodeURIComponent(name);
      } catch {
        return null;
      }
    }
    const domain = canonicalDomain(name);
    if (domain === null) return null;
    host = { kind: 'domain', value: domain };
  }
  const hostText = host.kind === 'ip' && host.value.includes(':') ? `[${host.value}]` : host.value;
  const auth =
    url.username === '' && url.password === ''
      ? ''
      : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  // URL() already leaves `port` empty for the default port of http, https, ftp, ws and wss.
  const port = url.port === '' ? undefined : Number(url.port);
  const canonical = `${url.protocol.toLowerCase()}//${auth}${hostText}${port === undefined ? '' : `:${port}`}${url.pathname}${url.search}`;
  if (canonical.length > MAX_URL_LENGTH) return null;
  return port === undefined ? { url: canonical, host } : { url: canonical, host, port };
}

/** The canonical URL text, or null when the text is not a URL with a usable host. */
export function canonicalUrl(raw: string): string | null {
  return parseCanonicalUrl(raw)?.url ?? null;
}
