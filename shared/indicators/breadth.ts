// Catch-all detection: an indicator (or allow-list entry) so broad that it would flag, or excuse,
// a large part of the Internet. One module so the feed builder, the feed inspector, the scan's
// loader and the gateway blocklist exports all refuse the same things for the same reasons.
//
// Catch-all: an IPv4 block shorter than /8 or an IPv6 block shorter than /32 (0.0.0.0/0 and ::/0
// included), a bare public suffix of the Public Suffix List (com, vn, gov.vn, com.vn, and the
// private section's github.io, blogspot.com...), and, for indicators only, a domain on the
// shared-platform list (github.com, api.github.com, zalo.me...). A URL is never catch-all: it
// matches only itself. Pure: tldts carries the Public Suffix List and needs no Node.
import { parse as parseDomain } from 'tldts';
import { textPair, textPairBy, translate } from '../i18n';
import { canonicalDomain } from '../net/domain';
import { canonicalCidr } from '../net/ip';
import { PLATFORM_CATEGORY_NAMES, sharedPlatformOfCanonical } from './shared-platforms';

/** Why a value is catch-all: a stable code and the sentence a person reads (msg.breadth.*). */
export interface BroadReason {
  code: 'short-prefix' | 'public-suffix' | 'shared-platform';
  vi: string;
  en: string;
}

/** Shortest prefix that is still specific enough (a /8 is one organisation's allocation at most). */
export const MIN_PREFIX = { 4: 8, 6: 32 } as const;

type Kind = 'ip' | 'cidr' | 'domain' | 'url';

/** The prefix written after the last "/" when it is plain digits (1-3), else -1. */
function writtenPrefix(value: string): number {
  const slash = value.lastIndexOf('/');
  const digits = value.length - slash - 1;
  if (slash < 0 || digits < 1 || digits > 3) return -1;
  let n = 0;
  for (let i = slash + 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function prefixReason(value: string): BroadReason | null {
  // canonicalCidr keeps the prefix as written: a long enough one needs no parse (most blocks of
  // a big feed). An IPv4-mapped spelling ("::ffff:…") is left to the parse.
  const written = writtenPrefix(value);
  const v6 = value.includes(':');
  if (written >= 0 && (v6 ? !value.includes('.') && written >= MIN_PREFIX[6] : written >= MIN_PREFIX[4]))
    return null;
  const cidr = canonicalCidr(value);
  if (cidr === null) return null;
  const slash = cidr.lastIndexOf('/');
  const prefix = Number(cidr.slice(slash + 1));
  const family = cidr.includes(':') ? 6 : 4;
  const min = MIN_PREFIX[family];
  if (prefix >= min) return null;
  const all = prefix === 0;
  return {
    code: 'short-prefix',
    ...(all
      ? textPair('msg.breadth.everyAddress', { cidr, family })
      : textPair('msg.breadth.widerThan', { cidr, min })),
  };
}

function suffixReason(name: string): BroadReason | null {
  // The name is canonical already: no URL extraction, IP detection or validation needed.
  const parsed = parseDomain(name, {
    allowPrivateDomains: true,
    extractHostname: false,
    detectIp: false,
    validateHostname: false,
    mixedInputs: false,
  });
  // A name the list does not know ("example", "corp") falls under its default rule; only real
  // entries of the list count, or every single-label test name would be "catch-all".
  if (parsed.publicSuffix !== name || (parsed.isIcann !== true && parsed.isPrivate !== true)) return null;
  return { code: 'public-suffix', ...textPair('msg.breadth.publicSuffix', { name }) };
}

function platformReason(name: string): BroadReason | null {
  const platform = sharedPlatformOfCanonical(name);
  if (platform === null) return null;
  const category = PLATFORM_CATEGORY_NAMES[platform.category];
  const under = platform.domain !== name;
  return {
    code: 'shared-platform',
    ...textPairBy((l) =>
      under
        ? translate(l, 'msg.breadth.sharedPlatformUnder', {
            name,
            platform: platform.domain,
            category: category[l],
          })
        : translate(l, 'msg.breadth.sharedPlatform', { name, category: category[l] }),
    ),
  };
}

/** Why an indicator of this kind and value is catch-all, or null when it is specific enough. */
export function broadReason(kind: Kind, value: string): BroadReason | null {
  if (kind === 'cidr') return prefixReason(value);
  if (kind !== 'domain') return null;
  const name = canonicalDomain(value);
  if (name === null) return null;
  return suffixReason(name) ?? platformReason(name);
}

/**
 * broadReason for a value as the feed parsers give it, already canonical (shared/net): no second
 * canonicalisation of each name (a fifth of a big build's breadth check).
 */
export function broadReasonOfCanonical(kind: Kind, value: string): BroadReason | null {
  if (kind !== 'domain') return broadReason(kind, value);
  return suffixReason(value) ?? platformReason(value);
}

/**
 * Why an allow-list entry is catch-all, or null. Allowing a shared platform (github.com) is a
 * legitimate choice of the agency; allowing a whole public suffix or /0 hides every finding.
 */
export function broadAllowReason(kind: Exclude<Kind, 'url'>, value: string): BroadReason | null {
  if (kind === 'cidr') return prefixReason(value);
  if (kind !== 'domain') return null;
  const name = canonicalDomain(value);
  return name === null ? null : suffixReason(name);
}
