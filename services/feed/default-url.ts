// The agency's feed address built into this copy: `npm run build:electron` replaces
// __SACHMADOC_FEED_URL__ with SACHMADOC_FEED_URL from the build environment (e.g. the tally's
// https://tally.example.gov.vn/feed/latest.json). Unbuilt runs (the harness, tests) read the same
// variable at run time. An empty or non-http(s) value means no address was built in.
declare const __SACHMADOC_FEED_URL__: string | undefined;

/** The built-in feed address, or '' when this copy has none. */
export function builtInFeedUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const built = typeof __SACHMADOC_FEED_URL__ === 'undefined' ? undefined : __SACHMADOC_FEED_URL__;
  const value = (built ?? env.SACHMADOC_FEED_URL ?? '').trim();
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '';
  } catch {
    return '';
  }
}
