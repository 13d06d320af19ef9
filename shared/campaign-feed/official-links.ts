// The hosts whose pages the app may open as "official": pinned in the app, not taken from the feed
// alone, so a feed (or a key) cannot send a civil servant to a look-alike "cleanup tool" download.

/**
 * Domains of the Authority of Information Security and of the campaign (the host or any subdomain).
 * Changing it is an app release, reviewed like code; the feed cannot add to it.
 */
export const PINNED_LINK_DOMAINS = [
  // Cổng không gian mạng quốc gia: the campaign's pages and the official cleanup tool
  'khonggianmang.vn',
  // Cục An toàn thông tin (Authority of Information Security)
  'ais.gov.vn',
] as const;

/** True when `host` is a pinned domain or one of its subdomains. */
export function onPinnedDomain(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return PINNED_LINK_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/** True for an https URL without credentials on a pinned domain. */
export function isOfficialUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // No user:password@ before the host (a classic way to make a link read like another site).
    return u.protocol === 'https:' && !/^https:\/\/[^/?#]*@/i.test(url) && onPinnedDomain(u.hostname);
  } catch {
    return false;
  }
}
