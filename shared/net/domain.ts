// Domain name text → canonical text (lower case ASCII, punycode for IDN, no trailing dot).
//
// Choices:
// - "*.evil.example" becomes "evil.example": the index matches subdomains anyway, so a wildcard
//   indicator means the same as its base. A "*" anywhere else gives null.
// - Labels are 1–63 characters of letters, digits, hyphen and underscore (underscore is common in
//   service names such as "_ldap._tcp"); the whole name is at most 253 characters. Hyphens at the
//   start or end of a label are tolerated: DNS caches do hold such names, and matching them is
//   more useful than refusing them.
// - IP literals ("1.2.3.4", "[::1]") are not domains; neither is a name whose last label is all
//   digits, because URL parsers would read "1.2.3" as the IPv4 address 1.2.0.3.
// - Leading and trailing white space is ignored; spaces inside, ports, paths and "@" give null.

import { canonicalIp } from './ip';

const MAX_NAME = 253;
const MAX_LABEL = 63;

function isLdhCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

/** Validates an already lower-case ASCII name: label lengths, characters, total length, numeric TLD. */
function validAsciiName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false;
  let labelStart = 0;
  let digitsOnly = true;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > MAX_LABEL) return false;
      if (i === name.length && digitsOnly) return false;
      labelStart = i + 1;
      digitsOnly = true;
      continue;
    }
    if (!isLdhCode(c)) return false;
    if (c < 48 || c > 57) digitsOnly = false;
  }
  return true;
}

// Characters that would make URL() read something other than a bare host, or that no host has.
const NOT_IN_HOST = /[\s/\\?#@:[\]%<>^|"'`{}*,;=+!$&()~]/u;

/** Canonical domain name (lower case, punycode, no trailing dot, "*." stripped), or null for anything that is not one. */
export function canonicalDomain(text: string): string | null {
  let name = text.trim();
  if (name.startsWith('*.')) name = name.slice(2);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length === 0) return null;
  let ascii = true;
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const lower = name.toLowerCase();
    // validAsciiName already refuses every IP literal (a dotted quad ends in an all-digit label,
    // IPv6 has ':'), so no address parse is needed on this path, which every lookup takes.
    return validAsciiName(lower) ? lower : null;
  }
  if (NOT_IN_HOST.test(name)) return null;
  let host: string;
  try {
    host = new URL(`http://${name}`).hostname;
  } catch {
    return null;
  }
  // URL maps ideographic full stops to "." and may leave a trailing dot of its own.
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') || canonicalIp(host) !== null) return null;
  return validAsciiName(host) ? host : null;
}

/** True when the text is a valid domain name by canonicalDomain's rules. */
export function isDomain(text: string): boolean {
  return canonicalDomain(text) !== null;
}

/**
 * The name and each parent domain, most specific first: "a.b.example" → ["a.b.example",
 * "b.example", "example"]. Expects a canonical name.
 */
export function domainSuffixes(canonicalName: string): string[] {
  const out = [canonicalName];
  let i = canonicalName.indexOf('.');
  while (i >= 0) {
    out.push(canonicalName.slice(i + 1));
    i = canonicalName.indexOf('.', i + 1);
  }
  return out;
}
