// Line-oriented feeds: plain lists (one IP, CIDR, domain or URL a line; Loki's c2-iocs.txt
// "value;score"; Spamhaus-style "value ; comment"), and hosts-file blocklists
// ("0.0.0.0 evil.example other.example"). Feodo's .txt and URLhaus' host file are these shapes.
import { canonicalIp } from '../net/ip';
import { classifyHostPort, classifyUrl, classifyValue, type Classified } from './canon';
import { splitLines } from './decode';
import { sharedPlatformOf } from '../indicators/shared-platforms';
import {
  FeedCollector,
  msg,
  quote,
  type FeedFormat,
  type FeedParseResult,
  type IndicatorSink,
  type Severity,
} from './types';

/** Names a hosts file maps for the machine itself, never indicators. */
const LOCAL_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
  '0.0.0.0',
]);

/** A line with no data: blank, or a comment in any of the usual comment styles. */
export function isCommentLine(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#') || t.startsWith('//') || t.startsWith(';') || t.startsWith('!');
}

/** Loki scores run 0-100; its own thresholds put alerts at 75 and above. */
function severityFromScore(score: number): Severity {
  if (score >= 90) return 'critical';
  if (score >= 75) return 'high';
  if (score >= 50) return 'medium';
  return 'low';
}

type PlainLine = { ok: Classified & { severity?: Severity; comment?: string } } | { error: string };

/** Reads one data line of a plain list. */
export function parsePlainLine(line: string): PlainLine {
  let body = line.trim();
  let comment: string | undefined;
  const hash = /\s#/.exec(body);
  if (hash !== null) {
    comment = body.slice(hash.index + 2).trim();
    body = body.slice(0, hash.index).trim();
  }
  let severity: Severity | undefined;
  // A URL may hold ';' itself ("/a;jsessionid=1"): there only a Loki score (";90") or a spaced
  // " ; comment" ends the value.
  const urlEnd = body.includes('://') ? /\s;|;(?=\s*\d{1,3}\s*(?:;|$))/.exec(body) : null;
  const semi = !body.includes('://')
    ? body.indexOf(';')
    : urlEnd === null
      ? -1
      : urlEnd.index + urlEnd[0].length - 1;
  if (semi >= 0) {
    const rest = body.slice(semi + 1).trim();
    body = body.slice(0, semi).trim();
    const [first = '', ...more] = rest.split(';');
    if (/^\d{1,3}$/.test(first.trim())) {
      severity = severityFromScore(Number(first.trim()));
      if (more.length > 0) comment = more.join(';').trim();
    } else if (rest !== '') comment = rest;
  }
  if (/\s/.test(body)) {
    return {
      error: msg('msg.formats.moreThanOne', { value: quote(line) }),
    };
  }
  const found = body.includes('://')
    ? classifyUrl(body)
    : (classifyValue(body, 'any', true) ?? classifyHostPort(body, 'address'));
  if (found === null) {
    return {
      error: msg('msg.formats.notListValue', { value: quote(body) }),
    };
  }
  const out: Classified & { severity?: Severity; comment?: string } = { ...found };
  if (severity !== undefined) out.severity = severity;
  if (comment !== undefined && comment !== '') out.comment = comment;
  return { ok: out };
}

type HostsLine = { names: string[]; bad: string[]; local: number } | null;

/** Reads one hosts-file line; null when the first field is not an IP address (not a hosts line). */
export function parseHostsLine(line: string): HostsLine {
  const hash = line.indexOf('#');
  // Everything after '#' is a comment, a U+2028 inside it too (a regular expression's '.' stops there).
  const body = (hash < 0 ? line : line.slice(0, hash)).trim();
  const [address = '', ...names] = body.split(/\s+/);
  if (classifyValue(address, 'address')?.kind !== 'ip') return null;
  const out = { names: [] as string[], bad: [] as string[], local: 0 };
  for (const name of names) {
    if (LOCAL_NAMES.has(name.toLowerCase())) {
      out.local++;
      continue;
    }
    const found = classifyValue(name, 'domain');
    if (found === null) out.bad.push(name);
    else out.names.push(found.value);
  }
  return out;
}

/**
 * The number of the canonical dotted quad text[from, to) (as isCanonicalIpv4 and parseIpInto
 * read it), or -1 when it is not one.
 */
function quadAt(text: string, from: number, to: number): number {
  let n = 0;
  let parts = 0;
  let i = from;
  while (i <= to) {
    const start = i;
    let octet = 0;
    while (i < to) {
      const d = text.charCodeAt(i) - 48;
      if (d === -2) break; // "."
      if (d < 0 || d > 9) return -1;
      octet = octet * 10 + d;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || octet > 255 || (len > 1 && text.charCodeAt(start) === 48)) return -1;
    n = n * 256 + octet;
    parts++;
    i++;
  }
  return parts === 4 ? n : -1;
}

/**
 * True when text[from, to), made only of a-z, 0-9, "-" and ".", is a name canonicalDomain gives
 * back unchanged: labels of 1-63 characters, at most 253 in all, a last label not all digits, no
 * leading or trailing dot or leading hyphen (those the slow path rewrites or refuses).
 */
function canonicalNameAt(text: string, from: number, to: number): boolean {
  if (to - from > 253) return false;
  const first = text.charCodeAt(from);
  if (first === 46 || first === 45 || text.charCodeAt(to - 1) === 46) return false;
  let label = from;
  let digitsOnly = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (i === label || i - label > 63) return false;
      label = i + 1;
      digitsOnly = true;
    } else if (c < 48 || c > 57) digitsOnly = false;
  }
  return to - label <= 63 && !digitsOnly;
}

/**
 * A canonical IPv4 block "a.b.c.d/p" (no leading zeros, p ≤ 32, no host bits) in text[from, to)
 * whose "/" is at `slash`: what canonicalCidr gives back unchanged.
 */
function canonicalV4BlockAt(text: string, from: number, slash: number, to: number): boolean {
  const base = quadAt(text, from, slash);
  const digits = to - slash - 1;
  if (base < 0 || digits < 1 || digits > 2) return false;
  const d0 = text.charCodeAt(slash + 1) - 48;
  const d1 = digits === 2 ? text.charCodeAt(slash + 2) - 48 : 0;
  if (d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9 || (digits === 2 && d0 === 0)) return false;
  const prefix = digits === 2 ? d0 * 10 + d1 : d0;
  if (prefix > 32) return false;
  // The host bits: those below the prefix must all be zero.
  return prefix === 32 || base % 2 ** (32 - prefix) === 0;
}

/** fastValueAt's answers besides an IPv4 address's number (≥ 0). */
const NOT_FAST = -1;
const FAST_NAME = -2;
const FAST_BLOCK = -3;
/** Only hex digits and colons: an IPv6 address if canonicalIp gives the text back. */
const MAYBE_V6 = -4;

/**
 * The common line of a big list, read without parsePlainLine's regular expressions and objects:
 * text[from, to) is a bare canonical dotted quad (its number, ≥ 0), IPv4 block (FAST_BLOCK) or
 * lower-case ASCII name with a dot (FAST_NAME), nothing else on the line; NOT_FAST leaves the
 * line to parsePlainLine, which gives the same answer for every line this accepts.
 */
function fastValueAt(text: string, from: number, to: number): number {
  let dots = 0;
  let letters = false;
  let slash = -1;
  let colons = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (c >= 97 && c <= 122) letters = true;
    else if (c === 58) colons++;
    else if (c === 47 && slash < 0) slash = i;
    else if (!((c >= 48 && c <= 57) || c === 45)) return NOT_FAST;
  }
  if (colons > 0) return dots === 0 && slash < 0 ? MAYBE_V6 : NOT_FAST;
  if (dots === 0) return NOT_FAST;
  if (slash >= 0) return !letters && canonicalV4BlockAt(text, from, slash, to) ? FAST_BLOCK : NOT_FAST;
  if (!letters) return quadAt(text, from, to);
  return canonicalNameAt(text, from, to) ? FAST_NAME : NOT_FAST;
}

/** True when text[from, to) is an IPv6 address in its canonical text (a MAYBE_V6 line). */
function canonicalV6At(text: string, from: number, to: number): boolean {
  const s = text.slice(from, to);
  return canonicalIp(s) === s;
}

/** The fast path's reading of one line, as the kind it is (null: left to parsePlainLine). For tests. */
export function plainLineFast(line: string): 'ip' | 'cidr' | 'domain' | null {
  const v = fastValueAt(line, 0, line.length);
  if (v === MAYBE_V6) return canonicalV6At(line, 0, line.length) ? 'ip' : null;
  return v >= 0 ? 'ip' : v === FAST_NAME ? 'domain' : v === FAST_BLOCK ? 'cidr' : null;
}

/**
 * Reads a plain list (also Feodo .txt and Loki c2-iocs.txt). Throws nothing. With a sink, the
 * indicators go to it one by one and the result's `indicators` stays empty.
 *
 * Lines are found on the text itself (a line feed, CR LF or a lone CR ends one, as splitLines
 * splits), and a line fastValueAt reads is handed on as a range of the text: no line string, no
 * regular expression, and a string only for a value not seen before (an address is deduplicated
 * by its number). Every other line goes through parsePlainLine as before.
 */
export function parsePlainList(
  text: string,
  file: string,
  format: FeedFormat = 'plain',
  sink?: IndicatorSink,
): FeedParseResult {
  const out = new FeedCollector(file, sink, text);
  const n = text.length;
  let pos = 0;
  let lineNo = 0;
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const to = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    let from = pos;
    pos = end + 1;
    // One line, or several when lone CRs end lines inside it.
    for (;;) {
      lineNo++;
      const v = fastValueAt(text, from, to);
      if (v >= 0) out.addV4(v, from, to, lineNo);
      else if (v === FAST_NAME) out.addRange('domain', from, to, lineNo);
      else if (v === FAST_BLOCK) out.addRange('cidr', from, to, lineNo);
      else if (v === MAYBE_V6 && canonicalV6At(text, from, to)) out.addRange('ip', from, to, lineNo);
      else {
        let cr = from;
        while (cr < to && text.charCodeAt(cr) !== 13) cr++;
        const line = text.slice(from, cr);
        if (!isCommentLine(line)) {
          const parsed = parsePlainLine(line);
          if ('error' in parsed) out.error(lineNo, parsed.error);
          else out.add({ ...parsed.ok, line: lineNo });
        }
        if (cr < to) {
          from = cr + 1;
          continue;
        }
      }
      break;
    }
  }
  return out.result(format);
}

/** Reads a hosts-file blocklist: the names are the indicators, the sinkhole address is not. Throws nothing. */
export function parseHostsList(text: string, file: string, format: FeedFormat = 'hosts'): FeedParseResult {
  const out = new FeedCollector(file);
  splitLines(text).forEach((line, i) => {
    if (isCommentLine(line)) return;
    const parsed = parseHostsLine(line);
    if (parsed === null) {
      out.error(i + 1, msg('msg.formats.hostsLine', { value: quote(line.trim()) }));
      return;
    }
    out.skipped += parsed.local;
    if (parsed.names.length === 0 && parsed.bad.length === 0 && parsed.local === 0) {
      out.error(i + 1, msg('msg.formats.hostsNoName'));
    }
    for (const bad of parsed.bad) {
      out.error(i + 1, msg('msg.formats.hostsBadName', { value: quote(bad) }));
    }
    for (const name of parsed.names) {
      // URLhaus' host file lists the hosts of malware URLs: a shared platform among them stands
      // for one file on it, exactly as the URL would (see FeedCollector.add).
      const platform = format === 'urlhaus-hosts' ? sharedPlatformOf(name) : null;
      if (platform !== null) out.dropSharedPlatform(i + 1, name, platform);
      else out.add({ kind: 'domain', value: name, line: i + 1 });
    }
  });
  return out.result(format);
}
