// The signed campaign feed: the app's source of truth for indicators, campaign dates and links.
// The bytes of this JSON document are signed (detached Ed25519, see feed verification in
// services/feed), so nothing here is trusted before the signature is checked.
import { z } from 'zod';
import { filledBilingualTextSchema } from '../text';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const httpsUrl = z.url({ protocol: /^https$/ });
const text = filledBilingualTextSchema;
const severity = z.enum(['low', 'medium', 'high', 'critical']);

/**
 * One indicator in the campaign feed, stored in canonical form. A `url` (canonical form of
 * shared/net/url.ts) matches only a full URL (proxy logs), never a connection or DNS record.
 */
export const feedIndicatorSchema = z.strictObject({
  id: z.string().min(1).max(128).optional(),
  type: z.enum(['ip', 'cidr', 'domain', 'url']),
  value: z.string().min(1).max(2048),
  comment: z.string().max(500).optional(),
  severity: severity.optional(),
});

/** An allow-list entry: wins over any indicator it covers. */
export const allowEntrySchema = z.strictObject({
  type: z.enum(['ip', 'cidr', 'domain']),
  value: z.string().min(1).max(300),
  comment: z.string().max(500).optional(),
});

/**
 * A person to call, as the campaign letters name them: "Đồng chí Nguyễn Thị Thanh Huyền, Trung tâm
 * Giám sát an toàn không gian mạng quốc gia (NCSC), điện thoại 0964326245, thư điện tử …".
 */
export const contactSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  unit: z.string().trim().min(1).max(200),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() .-]{6,30}$/, 'digits, spaces, + ( ) . -')
    .optional(),
  email: z.email().max(254).optional(),
});

/** The campaign's contact points: the Authority's (national) and the province's. */
export const feedContactsSchema = z.strictObject({
  authority: contactSchema.optional(),
  province: contactSchema.optional(),
});

/** The campaign's metadata as the campaign screen shows it. */
export const campaignSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes'),
  name: text,
  authority: text,
  /** The official letter that launched it, e.g. "1298/CATTT-NCSC". */
  letter: z.string().max(100).optional(),
  startsOn: day,
  endsOn: day,
  reportDeadline: day,
  infoUrl: httpsUrl,
  cleanupToolUrl: httpsUrl,
  /** True for the bundled sample (documentation addresses only); the UI labels it. */
  sample: z.boolean().default(false),
});

/** The whole campaign feed document. */
export const campaignFeedSchema = z.strictObject({
  format: z.literal('sachmadoc-campaign-feed'),
  formatVersion: z.literal(1),
  campaign: campaignSchema,
  /** Monotonically increasing; a lower version than the last accepted one is a downgrade. */
  version: z.number().int().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  indicators: z.array(feedIndicatorSchema).max(5_000_000),
  allowList: z.array(allowEntrySchema).default([]),
  /**
   * The agency's own KMS hosts and domains (volume licensing): activation against them is legitimate.
   * Merged with the Settings list; the sample feed carries none.
   */
  kmsHosts: z.array(z.string().min(1).max(253)).max(1000).optional(),
  /** Extra cracked-software signatures (issue: cracked software signs); same shape as assets/. */
  crackSignatures: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Who to call (the Authority's and the province's contact points); shown where set. */
  contacts: feedContactsSchema.optional(),
});

export type CampaignFeed = z.infer<typeof campaignFeedSchema>;
export type FeedIndicator = z.infer<typeof feedIndicatorSchema>;
export type AllowEntry = z.infer<typeof allowEntrySchema>;
export type Campaign = z.infer<typeof campaignSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type FeedContacts = z.infer<typeof feedContactsSchema>;
