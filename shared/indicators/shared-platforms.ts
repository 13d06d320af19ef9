// The shared-platform list (assets/signatures/shared-platforms.json): domains that serve many
// unrelated people (code hosting, file sharing, cloud storage, CDNs, paste sites, messaging,
// URL shorteners, mail and office suites, the Vietnamese platforms offices use). A malicious URL
// on one of them names one file, not the host: flagging the host would call every PC that ever
// used GitHub or Zalo "infected". Pure data and lookup; no Node, no DOM.
import { z } from 'zod';
import { filledBilingualTextSchema } from '../text';
import platformsJson from '../../assets/signatures/shared-platforms.json';
import { canonicalDomain } from '../net/domain';

const CATEGORIES = [
  'code-hosting',
  'file-sharing',
  'cloud-storage',
  'cdn',
  'paste',
  'messaging',
  'url-shortener',
  'mail-office',
  'vn-platform',
] as const;

/** Kind of shared platform, as the list groups them. */
export type PlatformCategory = (typeof CATEGORIES)[number];

const bilingual = z.strictObject(filledBilingualTextSchema.shape);

/** One entry of the list. */
export const sharedPlatformSchema = z.strictObject({
  domain: z.string().refine((d) => canonicalDomain(d) === d, 'a canonical domain name'),
  category: z.enum(CATEGORIES),
  /** True when a name below the entry belongs to one customer (<user>.github.io), so it may be flagged. */
  tenants: z.boolean().optional(),
  comment: z.string().min(1).max(300),
});

/** The whole file. */
export const sharedPlatformsFileSchema = z.strictObject({
  format: z.literal('sachmadoc-shared-platforms'),
  formatVersion: z.literal(1),
  note: z.string(),
  categories: z.record(z.enum(CATEGORIES), bilingual),
  platforms: z.array(sharedPlatformSchema).min(1),
});

export type SharedPlatform = z.infer<typeof sharedPlatformSchema>;

const file = sharedPlatformsFileSchema.parse(platformsJson);

/** Every entry of the bundled list. */
export const SHARED_PLATFORMS: readonly SharedPlatform[] = file.platforms;

/** Vietnamese and English name of each category. */
export const PLATFORM_CATEGORY_NAMES = file.categories as Record<
  PlatformCategory,
  { vi: string; en: string }
>;

const byDomain = new Map(SHARED_PLATFORMS.map((p) => [p.domain, p]));

/**
 * The shared platform a host name is, or is under, or null. A name below an entry marked
 * `tenants` belongs to one customer and is not the platform (evil.github.io is not GitHub Pages).
 * The most specific entry wins. Expects any domain text; IP literals and invalid names give null.
 */
export function sharedPlatformOf(host: string): SharedPlatform | null {
  const name = canonicalDomain(host);
  return name === null ? null : sharedPlatformOfCanonical(name);
}

/** sharedPlatformOf for a name already in canonical form (no second canonicalisation). */
export function sharedPlatformOfCanonical(name: string): SharedPlatform | null {
  let at = 0;
  for (;;) {
    const entry = byDomain.get(at === 0 ? name : name.slice(at));
    if (entry !== undefined) return at > 0 && entry.tenants === true ? null : entry;
    const dot = name.indexOf('.', at);
    if (dot < 0) return null;
    at = dot + 1;
  }
}
