// URLs in proxy and HTTP logs: the host part is what the index's domain and address tables
// know. Full-URL indicators (the `url` kind) are matched whole by the index's matchUrl (see
// LogMatcher.matchUrl in hunt.ts); the host is looked up as well.

/** The host of "http://user@host:port/path", "host:443" (CONNECT) or "//host/path"; '' if none. */
export function urlHost(url: string): string {
  let i = url.indexOf('://');
  let start = i < 0 ? (url.startsWith('//') ? 2 : 0) : i + 3;
  let end = url.length;
  for (let j = start; j < url.length; j++) {
    const c = url.charCodeAt(j);
    if (c === 47 || c === 63 || c === 35) {
      end = j;
      break;
    }
  }
  const at = url.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  if (url.charCodeAt(start) === 91) {
    const close = url.indexOf(']', start);
    return close < 0 || close > end ? '' : url.slice(start + 1, close);
  }
  i = url.indexOf(':', start);
  if (i >= 0 && i < end) end = i;
  return url.slice(start, end);
}
