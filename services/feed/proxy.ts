// Which proxy a feed download goes through, from the usual environment variables (government
// networks sit behind one). Rules, documented for administrators:
// - https:// URLs use HTTPS_PROXY, else HTTP_PROXY; http:// URLs use HTTP_PROXY, else HTTPS_PROXY
//   (one corporate proxy usually serves both; lower-case names are read too, upper-case wins).
// - NO_PROXY (or no_proxy) is a comma- or space-separated list; an entry matches when:
//   `*` (everything); a host name equal to the URL's host or a parent domain of it (`example.vn`
//   and `.example.vn` both match `a.example.vn` and `example.vn`); an IP address equal to the host;
//   an IPv4/IPv6 CIDR block containing the host address; any of these with `:port` matches only
//   that port (default ports 443/80 count).
// - The proxy is reached with CONNECT (https-proxy-agent) for both schemes, so the proxy never
//   sees the feed in clear for https and the same code path serves http.
import { canonicalDomain } from '../../shared/net/domain';
import { canonicalIp, ipToBigInt, parseCidr } from '../../shared/net/ip';

/** The proxy URL to use for `target`, or null for a direct connection. */
export function proxyForUrl(target: string | URL, env: Record<string, string | undefined>): string | null {
  const url = typeof target === 'string' ? new URL(target) : target;
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v) ?? null;
  const proxy =
    url.protocol === 'https:'
      ? pick('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy')
      : pick('HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy');
  if (!proxy) return null;
  const noProxy = pick('NO_PROXY', 'no_proxy');
  if (noProxy && bypassesProxy(url, noProxy)) return null;
  // "proxy.local:8080" without a scheme is common in Windows settings; treat it as http://.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/** True when NO_PROXY says `url` must be fetched directly. */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const hostIp = canonicalIp(host);
  const hostName = hostIp === null ? canonicalDomain(host) : null;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === '*') return true;
    const { pattern, entryPort } = splitPort(entry);
    if (entryPort !== null && entryPort !== port) continue;
    if (hostIp !== null) {
      if (canonicalIp(pattern) === hostIp) return true;
      if (pattern.includes('/') && cidrContains(pattern, hostIp)) return true;
      continue;
    }
    const name = canonicalDomain(pattern.replace(/^\*?\./, ''));
    if (name && hostName && (hostName === name || hostName.endsWith(`.${name}`))) return true;
  }
  return false;
}

// "host:port", "[v6]:port", "1.2.3.4:80", bare IPv6 (several colons, no port) and CIDR forms.
function splitPort(entry: string): { pattern: string; entryPort: number | null } {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracket) return { pattern: bracket[1], entryPort: bracket[2] ? Number(bracket[2]) : null };
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [pattern, p] = entry.split(':');
    if (/^\d+$/.test(p)) return { pattern, entryPort: Number(p) };
  }
  return { pattern: entry, entryPort: null };
}

function cidrContains(cidr: string, ip: string): boolean {
  const block = parseCidr(cidr);
  const addr = ipToBigInt(ip);
  const base = block ? ipToBigInt(block.base) : null;
  if (!block || !addr || !base || addr.family !== block.family) return false;
  const width = block.family === 4 ? 32 : 128;
  const shift = BigInt(width - block.prefix);
  return addr.value >> shift === base.value >> shift;
}
