// IP address text → canonical text, and the numeric forms the indicator index keys on.
//
// Choices (documented because other tools disagree):
// - IPv4 is a strict dotted quad: exactly four decimal parts, each 0–255. A part with a leading
//   zero ("010.1.1.1") is REJECTED, because inet_aton reads it as octal (8) while most parsers
//   read it as decimal (10); guessing either would let an indicator miss. Short forms ("1.2.3",
//   "127.1"), hex parts ("0x7f.0.0.1") and a single 32-bit number are rejected too.
// - IPv6 accepts every RFC 4291 text form (compressed, full, mixed with a trailing dotted quad, any
//   case), surrounded by brackets or not, with a zone id ("%3", "%eth0") that is dropped.
// - IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, except :: and ::1) addresses fold
//   to the IPv4 text: Windows prints dual-stack sockets in the mapped form, and an IPv4 indicator
//   must match them.
// - Leading and trailing white space is ignored; anything else that is not an address gives null.
// The parsers work on character codes without regular expressions or splitting, since the index
// canonicalises millions of addresses per second.

/** A parsed address: IPv4 as an unsigned 32-bit number, IPv6 as four unsigned 32-bit words (big-endian order). */
export type ParsedIp = { family: 4; value: number } | { family: 6; words: [number, number, number, number] };

const groups = new Uint16Array(8);

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Parses a strict dotted quad in s[start, end): the unsigned 32-bit value, or -1. */
function parseV4Range(s: string, start: number, end: number): number {
  let value = 0;
  let parts = 0;
  let i = start;
  while (parts < 4) {
    const partStart = i;
    let octet = 0;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      i++;
      if (i - partStart > 3) return -1;
    }
    const len = i - partStart;
    if (len === 0 || octet > 255) return -1;
    if (len > 1 && s.charCodeAt(partStart) === 48) return -1; // leading zero: octal ambiguity
    value = value * 256 + octet;
    parts++;
    if (parts < 4) {
      if (i >= end || s.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === end ? value : -1;
}

/** Hex digit values by character code (-1: not a hex digit); a table is faster than range tests. */
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX[97 + c] = 10 + c;
  HEX[65 + c] = 10 + c;
}

function hexValue(c: number): number {
  return c < 128 ? HEX[c] : -1;
}

/** Parses IPv6 text in s[start, end) (no brackets, no zone) into `groups`; false if invalid. */
function parseV6Range(s: string, start: number, end: number): boolean {
  let count = 0;
  let gap = -1; // index in groups where "::" stood
  let i = start;
  if (end - start < 2) return false;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false; // a lone leading ':'
    gap = 0;
    i += 2;
    if (i === end) {
      groups.fill(0);
      return true;
    }
  }
  for (;;) {
    const groupStart = i;
    let v = 0;
    while (i < end) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      v = v * 16 + h;
      i++;
    }
    const len = i - groupStart;
    if (i < end && s.charCodeAt(i) === 46) {
      // A trailing dotted quad fills the last two groups.
      if (count > 6) return false;
      const v4 = parseV4Range(s, groupStart, end);
      if (v4 < 0) return false;
      groups[count++] = Math.floor(v4 / 65536);
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (len === 0 || len > 4 || count >= 8) return false;
    groups[count++] = v;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false; // a second "::"
      gap = count;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false; // a lone trailing ':'
    }
  }
  if (gap < 0) return count === 8;
  if (count > 7) return false; // "::" stands for at least one zero group
  const tail = count - gap;
  for (let k = 0; k < tail; k++) groups[7 - k] = groups[count - 1 - k]!;
  for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  return true;
}

/**
 * A zone id: a Windows interface number ("3") or a Unix interface name ("eth0", "wlp2s0.1").
 * Anything else after '%' ("3/64", "eth0 x") means the text is not a bare address.
 */
function validZone(s: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 46 ||
      c === 45 ||
      c === 95;
    if (!ok) return false;
  }
  return true;
}

/** True when s[start, end) begins with "::ffff:" in any case. */
function isMappedPrefix(s: string, start: number, end: number): boolean {
  return (
    end - start > 7 &&
    s.charCodeAt(start) === 58 &&
    s.charCodeAt(start + 1) === 58 &&
    (s.charCodeAt(start + 2) | 32) === 102 &&
    (s.charCodeAt(start + 3) | 32) === 102 &&
    (s.charCodeAt(start + 4) | 32) === 102 &&
    (s.charCodeAt(start + 5) | 32) === 102 &&
    s.charCodeAt(start + 6) === 58
  );
}

/**
 * Low-level parse for hot paths: writes the address into `out` and returns its family (0 when the
 * text is not an address). IPv4 (and folded IPv4-mapped/compatible IPv6) is out[0]; IPv6 fills
 * out[0..3] with unsigned 32-bit words.
 */
export function parseIpInto(text: string, out: Uint32Array | number[]): 0 | 4 | 6 {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return 0;
  const first = text.charCodeAt(start);
  if (first === 91) {
    if (text.charCodeAt(end - 1) !== 93) return 0;
    start++;
    end--;
  } else if (first >= 48 && first <= 57) {
    // Fast path for the common IPv4 case; IPv6 may also start with a digit, so fall through.
    const v4 = parseV4Range(text, start, end);
    if (v4 >= 0) {
      out[0] = v4;
      return 4;
    }
  }
  if (isMappedPrefix(text, start, end)) {
    // Fast path for "::ffff:a.b.c.d", how dual-stack sockets print IPv4 peers.
    const v4 = parseV4Range(text, start + 7, end);
    if (v4 >= 0) {
      out[0] = v4;
      return 4;
    }
  }
  const zone = text.indexOf('%', start);
  if (zone >= 0 && zone < end) {
    if (!validZone(text, zone + 1, end)) return 0;
    end = zone;
  }
  if (!parseV6Range(text, start, end)) return 0;
  return foldGroups(out);
}

/** Moves `groups` into `out`, folding IPv4-mapped and IPv4-compatible forms to family 4. */
function foldGroups(out: Uint32Array | number[]): 4 | 6 {
  // Fold IPv4-mapped and IPv4-compatible forms: the first 80 bits are zero and then ffff or 0000.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0) {
    const g5 = groups[5];
    const v4 = groups[6] * 65536 + groups[7];
    if (g5 === 0xffff || (g5 === 0 && v4 > 1)) {
      out[0] = v4;
      return 4;
    }
  }
  out[0] = groups[0] * 65536 + groups[1];
  out[1] = groups[2] * 65536 + groups[3];
  out[2] = groups[4] * 65536 + groups[5];
  out[3] = groups[6] * 65536 + groups[7];
  return 6;
}

const scratch = new Uint32Array(4);

/** Parses any textual IP form; IPv4-mapped/compatible IPv6 comes back as family 4. null if not an address. */
export function parseIp(text: string): ParsedIp | null {
  const family = parseIpInto(text, scratch);
  if (family === 4) return { family: 4, value: scratch[0] };
  if (family === 6) return { family: 6, words: [scratch[0], scratch[1], scratch[2], scratch[3]] };
  return null;
}

/** Canonical text of an IP address (dotted IPv4, RFC 5952 IPv6, mapped forms folded to IPv4), or null. */
export function canonicalIp(text: string): string | null {
  const family = parseIpInto(text, scratch);
  if (family === 4) return formatIpv4(scratch[0]);
  if (family === 6) return formatIpv6(scratch);
  return null;
}

/** True when the text is a strict dotted-quad IPv4 address (surrounding white space ignored). */
export function isIpv4(text: string): boolean {
  const t = text.trim();
  return parseV4Range(t, 0, t.length) >= 0;
}

/** True when the text is IPv6 syntax (brackets and zone id allowed), including mapped forms such as ::ffff:1.2.3.4. */
export function isIpv6(text: string): boolean {
  const t = text.trim();
  let start = 0;
  let end = t.length;
  if (t.charCodeAt(0) === 91) {
    if (t.charCodeAt(end - 1) !== 93) return false;
    start = 1;
    end--;
  }
  const zone = t.indexOf('%', start);
  if (zone >= 0 && zone < end) {
    if (!validZone(t, zone + 1, end)) return false;
    end = zone;
  }
  return parseV6Range(t, start, end);
}

/** Dotted-quad text of an unsigned 32-bit IPv4 value. */
export function formatIpv4(value: number): string {
  // Table lookups instead of four number-to-string conversions: this runs on every index hit.
  return `${OCTETS[(value >>> 24) & 255]}.${OCTETS[(value >>> 16) & 255]}.${OCTETS[(value >>> 8) & 255]}.${OCTETS[value & 255]}`;
}

const OCTETS: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/** RFC 5952 text (lower case, longest run of two or more zero groups compressed) of four 32-bit words. */
export function formatIpv6(words: ArrayLike<number>): string {
  const g = fmtGroups;
  for (let k = 0; k < 4; k++) {
    const w = words[k] >>> 0;
    g[2 * k] = w >>> 16;
    g[2 * k + 1] = w & 0xffff;
  }
  let bestStart = -1;
  let bestLen = 1; // a single zero group is never compressed (RFC 5952 4.2.2)
  for (let k = 0; k < 8;) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < 8 && g[j] === 0) j++;
    if (j - k > bestLen) {
      bestStart = k;
      bestLen = j - k;
    }
    k = j;
  }
  // Plain loops rather than slice/map/join: the index formats IPv6 values while building.
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLen - 1;
      continue;
    }
    if (out.length > 0 && k !== bestStart + bestLen) out += ':';
    out += g[k].toString(16);
  }
  return out;
}

const fmtGroups = new Uint16Array(8);

/** Unsigned 32-bit value of an IPv4 address in any accepted form (mapped IPv6 included), or null. */
export function ipv4ToNumber(text: string): number | null {
  return parseIpInto(text, scratch) === 4 ? scratch[0] : null;
}

/** The address as one unsigned BigInt (32 bits for IPv4, 128 for IPv6), or null; for tests and tools, not hot paths. */
export function ipToBigInt(text: string): { family: 4 | 6; value: bigint } | null {
  const p = parseIp(text);
  if (!p) return null;
  if (p.family === 4) return { family: 4, value: BigInt(p.value) };
  let v = 0n;
  for (const w of p.words) v = (v << 32n) | BigInt(w);
  return { family: 6, value: v };
}

/** A parsed CIDR block, host bits masked: IPv4 as one number, IPv6 as four 32-bit words. */
export type ParsedCidr =
  | { family: 4; value: number; prefix: number }
  | { family: 6; words: [number, number, number, number]; prefix: number };

/** Mask of the top `bits` bits of a 32-bit word (0 ≤ bits ≤ 32), as an unsigned number. */
export function prefixMask32(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
}

/**
 * Parses "address/prefix" into numbers with host bits masked, or null. A bare address (no "/") is
 * not a CIDR here: callers decide whether a lone address is an "ip" indicator. IPv4-mapped blocks
 * (::ffff:0:0/96 and longer) fold to IPv4 with prefix − 96; so do IPv4-compatible blocks whose
 * range leaves out :: and ::1, to agree with canonicalIp.
 */
export function parseCidrNumeric(text: string): ParsedCidr | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash <= 0 || slash === t.length - 1 || t.length - slash - 1 > 3) return null;
  let prefix = 0;
  for (let i = slash + 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    prefix = prefix * 10 + (c - 48);
  }
  const v4 = parseV4Range(t, 0, slash);
  if (v4 >= 0) {
    if (prefix > 32) return null;
    return { family: 4, value: (v4 & prefixMask32(prefix)) >>> 0, prefix };
  }
  let start = 0;
  let end = slash;
  if (t.charCodeAt(0) === 91) {
    if (t.charCodeAt(end - 1) !== 93) return null;
    start = 1;
    end--;
  }
  if (prefix > 128 || !parseV6Range(t, start, end)) return null;
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < 4; k++) {
    const bits = Math.min(32, Math.max(0, prefix - 32 * k));
    words[k] = ((groups[2 * k] * 65536 + groups[2 * k + 1]) & prefixMask32(bits)) >>> 0;
  }
  if (prefix >= 96 && words[0] === 0 && words[1] === 0) {
    const mapped = words[2] === 0xffff;
    if (mapped || (words[2] === 0 && words[3] > 1))
      return { family: 4, value: words[3], prefix: prefix - 96 };
  }
  return { family: 6, words, prefix };
}

/** Parses a CIDR block ("198.51.100.7/24", "2001:DB8::/32"): family, canonical masked base and prefix, or null. */
export function parseCidr(text: string): { family: 4 | 6; base: string; prefix: number } | null {
  const p = parseCidrNumeric(text);
  if (!p) return null;
  return p.family === 4
    ? { family: 4, base: formatIpv4(p.value), prefix: p.prefix }
    : { family: 6, base: formatIpv6(p.words), prefix: p.prefix };
}

/** Canonical CIDR text with host bits masked ("198.51.100.7/24" → "198.51.100.0/24"), or null. */
export function canonicalCidr(text: string): string | null {
  const p = parseCidr(text);
  return p ? `${p.base}/${p.prefix}` : null;
}

/** True when the text is a dotted quad exactly as formatIpv4 writes it: four octets ≤ 255, no leading zero, nothing around. */
export function isCanonicalIpv4(s: string): boolean {
  let parts = 0;
  let i = 0;
  const n = s.length;
  while (i <= n) {
    const from = i;
    let octet = 0;
    while (i < n && s.charCodeAt(i) !== 46) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      octet = octet * 10 + d;
      i++;
    }
    const len = i - from;
    if (len === 0 || len > 3 || octet > 255 || (len > 1 && s.charCodeAt(from) === 48)) return false;
    parts++;
    i++;
  }
  return parts === 4;
}
