// The hosts file (Windows %SystemRoot%\System32\drivers\etc\hosts, /etc/hosts elsewhere): one
// address then one or more names a line, '#' starts a comment anywhere on a line. Malware and
// crack tools write lines here to redirect names, so every mapping becomes a record that keeps
// its line as evidence.
import type { DnsRecord, ParseIssue } from '../domain';
import { canonicalIp } from '../net/ip';
import { canonicalDomain } from '../net/domain';

/** Mappings read from a hosts file, and the lines that are not hosts lines (file:line). */
export interface HostsParseResult {
  records: DnsRecord[];
  errors: ParseIssue[];
}

/** Parses hosts-file text into A/AAAA records (origin "hosts-file"), one per name, with the line as evidence. */
export function parseHostsFile(text: string, file: string): HostsParseResult {
  const records: DnsRecord[] = [];
  const errors: ParseIssue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const hash = rawLine.indexOf('#');
    const body = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (body === '') return;
    const [addressText, ...names] = body.split(/\s+/);
    const address = canonicalIp(addressText);
    if (address === null) {
      errors.push({
        file,
        line,
        message: `"${clip(addressText)}" is not an IP address; a hosts line is "ADDRESS NAME [NAME...]"; line ignored`,
      });
      return;
    }
    if (names.length === 0) {
      errors.push({ file, line, message: `no host name after ${address}; line ignored` });
      return;
    }
    const type = address.includes(':') ? 'AAAA' : 'A';
    for (const nameText of names) {
      const name = canonicalDomain(nameText);
      if (name === null) {
        errors.push({ file, line, message: `"${clip(nameText)}" is not a host name; name ignored` });
        continue;
      }
      records.push({
        name,
        type,
        data: address,
        ttl: null,
        origin: 'hosts-file',
        file,
        line,
        text: rawLine.trim(),
      });
    }
  });
  return { records, errors };
}

/** Keeps messages one line long when a binary or huge token lands in a hosts file. */
function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
