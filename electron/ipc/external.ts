// Which pages the app may open in the default browser: https only, and only on the hosts of the
// signed feed's official pages (campaign information and the cleanup tool).

/** The allowed hosts, taken from the feed's infoUrl and cleanupToolUrl. */
export function externalHosts(campaign: { infoUrl: string; cleanupToolUrl: string }): Set<string> {
  const hosts = new Set<string>();
  for (const u of [campaign.infoUrl, campaign.cleanupToolUrl]) {
    try {
      hosts.add(new URL(u).hostname);
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
