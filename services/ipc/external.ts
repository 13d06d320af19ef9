// Which pages the app may open in the default browser: https only, only the signed feed's official
// pages (campaign information and the cleanup tool), and only when their host is on the list pinned
// in the app: the feed alone cannot send a civil servant to a look-alike "cleanup tool" download.

import { onPinnedDomain } from '../../shared/campaign-feed/official-links';

/** The allowed hosts: those of the feed's infoUrl and cleanupToolUrl that are on the pinned list. */
export function externalHosts(campaign: { infoUrl: string; cleanupToolUrl: string }): Set<string> {
  const hosts = new Set<string>();
  for (const u of [campaign.infoUrl, campaign.cleanupToolUrl]) {
    try {
      const host = new URL(u).hostname;
      if (onPinnedDomain(host)) hosts.add(host);
    } catch {
      // A feed that passed its schema has valid URLs; a broken one simply allows nothing.
    }
  }
  return hosts;
}

/** True for an https URL without credentials whose host is on the allow-list. */
export function isAllowedExternal(url: string, hosts: ReadonlySet<string>): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && hosts.has(u.hostname);
  } catch {
    return false;
  }
}
