// Line-oriented feeds: plain lists (one IP, CIDR, domain or URL a line; Loki's c2-iocs.txt
// "value;score"; Spamhaus-style "value ; comment"), and hosts-file blocklists
// ("0.0.0.0 evil.example other.example"). Feodo's .txt and URLhaus' host file are these shapes.
import { canonicalDomain } from '../net/domain';
import { isCanonicalIpv4 } from '../net/ip';
import { classifyHostPort, classifyUrl, classifyValue, type Classified } from './canon';
import { splitLines } from './decode';
import { sharedPlatformOf } from '../indicators/shared-platforms';
import { FeedCollector, msg, quote, type FeedFormat, type FeedParseResult, type Severity } from './types';

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
      error: msg(
        `dòng có nhiều hơn một giá trị ${quote(line)}; mỗi dòng chỉ một IP, dải CIDR, tên miền hoặc URL`,
        `more than one value on the line; expected one IP, CIDR, domain or URL per line`,
      ),
    };
  }
  const found = body.includes('://')
    ? classifyUrl(body)
    : (classifyValue(body, 'any', true) ?? classifyHostPort(body, 'address'));
  if (found === null) {
    return {
      error: msg(
        `${quote(body)} không phải IP, dải CIDR, tên miền hay URL hợp lệ; hãy sửa hoặc xoá dòng này`,
        `not a valid IP, CIDR, domain or URL; fix or remove this line`,
      ),
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
  const body = line.replace(/#.*$/, '').trim();
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
 * The common line of a big list, read without parsePlainLine's regular expressions and objects:
 * a strict dotted quad (already canonical) or a lower-case ASCII name with a dot, nothing else on
 * the line. Returns its indicator kind, or null to leave the line to parsePlainLine (which gives
 * the same answer for every line this accepts; see lists.property.test.ts).
 */
export function plainLineFast(line: string): 'ip' | 'domain' | null {
  const n = line.length;
  if (n === 0 || n > 253) return null;
  let letters = false;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 46) dots++;
    else if (c >= 97 && c <= 122) letters = true;
    else if (!((c >= 48 && c <= 57) || c === 45)) return null;
  }
  if (dots === 0) return null;
  if (!letters) return isCanonicalIpv4(line) ? 'ip' : null;
  const first = line.charCodeAt(0);
  const last = line.charCodeAt(n - 1);
  // A leading dot, "*." or a trailing dot are rewritten by the slow path: leave them to it.
  if (first === 46 || first === 45 || last === 46) return null;
  return canonicalDomain(line) === line ? 'domain' : null;
}

/** Reads a plain list (also Feodo .txt and Loki c2-iocs.txt). Throws nothing. */
export function parsePlainList(text: string, file: string, format: FeedFormat = 'plain'): FeedParseResult {
  const out = new FeedCollector(file);
  splitLines(text).forEach((line, i) => {
    // Most lines of a big list: one bare address or name (no copy, no regular expression).
    const fast = plainLineFast(line);
    if (fast !== null) {
      out.addPlain(fast, line, i + 1);
      return;
    }
    if (isCommentLine(line)) return;
    const parsed = parsePlainLine(line);
    if ('error' in parsed) out.error(i + 1, parsed.error);
    else out.add({ ...parsed.ok, line: i + 1 });
  });
  return out.result(format);
}

/** Reads a hosts-file blocklist: the names are the indicators, the sinkhole address is not. Throws nothing. */
export function parseHostsList(text: string, file: string, format: FeedFormat = 'hosts'): FeedParseResult {
  const out = new FeedCollector(file);
  splitLines(text).forEach((line, i) => {
    if (isCommentLine(line)) return;
    const parsed = parseHostsLine(line);
    if (parsed === null) {
      out.error(
        i + 1,
        msg(
          `dòng hosts phải bắt đầu bằng địa chỉ IP rồi tên máy, gặp ${quote(line.trim())}`,
          'a hosts line must start with an IP address followed by host names',
        ),
      );
      return;
    }
    out.skipped += parsed.local;
    if (parsed.names.length === 0 && parsed.bad.length === 0 && parsed.local === 0) {
      out.error(i + 1, msg('thiếu tên máy sau địa chỉ IP', 'an IP address with no host name after it'));
    }
    for (const bad of parsed.bad) {
      out.error(
        i + 1,
        msg(`${quote(bad)} không phải tên miền hợp lệ`, 'not a valid host name; fix or remove it'),
      );
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
