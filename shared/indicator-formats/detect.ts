// Which feed format a text is, decided from its content only (file names lie: abuse.ch serves
// CSV as .txt, people save STIX as .txt). abuse.ch files announce themselves in their comment
// box; other line lists are judged by what most of their data lines parse as.
import { parseCsvLine } from './abusech';
import { isCampaignJson } from './campaign';
import { isCommentLine, parseHostsLine, parsePlainLine } from './lists';
import { isMispJson } from './misp';
import { hasStixPatterns, isStixJson } from './stix';
import type { FeedFormat } from './types';

/** The detected format, or for 'unknown' what the text looks like instead (a catalogue key, msg.formats.looks.*). */
export type Detection = { format: Exclude<FeedFormat, 'unknown'> } | { format: 'unknown'; looksLike: string };

const SAMPLE_LINES = 400;

function detectJson(text: string): Detection | null {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    if (hasStixPatterns(text)) return { format: 'stix' };
    if (/"(Event|Attribute)"\s*:/.test(text)) return { format: 'misp' };
    return null;
  }
  if (isCampaignJson(json)) return { format: 'campaign' };
  if (isStixJson(json)) return { format: 'stix' };
  if (isMispJson(json)) return { format: 'misp' };
  return {
    format: 'unknown',
    looksLike: 'msg.formats.looks.otherJson',
  };
}

/** abuse.ch files start with a "#" box naming the list; trust it, as it is the same in every dump. */
function detectAbuseCh(text: string, dataLines: string[]): Detection | null {
  const head = text.slice(0, 2000);
  if (/Suricata \/ Snort Ruleset/i.test(head)) {
    return {
      format: 'unknown',
      looksLike: 'msg.formats.looks.suricataRules',
    };
  }
  // abuse.ch also serves plain-text and host-file exports under the same names; only the CSV
  // ones say "CSV" in their box, the others fall through to the line vote below.
  if (/ThreatFox IOCs[^\n]*CSV|"ioc_value"/i.test(head)) return { format: 'threatfox-csv' };
  if (/URLhaus Host ?file/i.test(head)) return { format: 'urlhaus-hosts' };
  if (/URLhaus Database Dump \(CSV|#\s*id,dateadded,url/i.test(head)) return { format: 'urlhaus-csv' };
  if (/"dst_ip"|Feodo Tracker[^\n]*\(CSV\)/i.test(head)) return { format: 'feodo-csv' };
  if (/Feodo Tracker/i.test(head)) return { format: 'feodo-txt' };
  // A dump without its comment box: recognise the columns of the first data row.
  const first = dataLines[0];
  const fields = first === undefined ? null : parseCsvLine(first);
  if (fields !== null && fields.length >= 6 && /^"/.test(first?.trim() ?? '')) {
    if (/^(ip:port|domain|url|md5_hash|sha1_hash|sha256_hash)$/.test(fields[3] ?? ''))
      return { format: 'threatfox-csv' };
    if (/^[a-z]+:\/\//i.test(fields[2] ?? '')) return { format: 'urlhaus-csv' };
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(fields[1] ?? '')) return { format: 'feodo-csv' };
  }
  return null;
}

/** Says what a text that is no feed looks like, so the person knows which option it belongs to. */
export function describeText(text: string): string {
  const head = text.slice(0, 8000);
  if (/^\s*<(!doctype\s+html|html|head|body|\?xml)/i.test(head)) {
    return 'msg.formats.looks.html';
  }
  if (/^\s*(TCP|UDP)\s+\S+:\d+\s+\S+/im.test(head)) {
    return 'msg.formats.looks.netstat';
  }
  if (
    /in-addr\.arpa|Record Name|RecordName|Eintragsname|Get-DnsClientCache|\bSuccess\s+Answer\b/i.test(head)
  ) {
    return 'msg.formats.looks.dnsCache';
  }
  if (/\.exe"\s*,\s*"\d+"/i.test(head)) return 'msg.formats.looks.tasklist';
  if (/\b(ECHO|WriteLine|Add-Content|Out-File|Set-Content)\b|>>/i.test(head)) {
    return 'msg.formats.looks.script';
  }
  return 'msg.formats.looks.text';
}

/** Detects a feed's format from its decoded text. */
export function detectFormat(text: string): Detection {
  const trimmed = text.trimStart();
  if (trimmed === '') return { format: 'unknown', looksLike: 'msg.formats.looks.empty' };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = detectJson(text);
    if (json !== null) return json;
  } else if (hasStixPatterns(text)) return { format: 'stix' };
  if (/^\s*</.test(trimmed)) return { format: 'unknown', looksLike: describeText(text) };

  const dataLines: string[] = [];
  // Lines are cut one at a time, as splitLines cuts them, until the sample is full: a big list
  // is not split whole (a million line strings) to look at its first few hundred lines.
  const eol = /\r\n|\n|\r/g;
  for (let from = 0; from >= 0 && dataLines.length < SAMPLE_LINES;) {
    const m = eol.exec(text);
    const line = text.slice(from, m === null ? text.length : m.index);
    from = m === null ? -1 : m.index + m[0].length;
    if (!isCommentLine(line)) dataLines.push(line);
  }
  const abuse = detectAbuseCh(text, dataLines);
  if (abuse !== null) return abuse;

  if (dataLines.length === 0) {
    if (/HOSTS file/i.test(text)) return { format: 'hosts' };
    return {
      format: 'unknown',
      looksLike: 'msg.formats.looks.commentsOnly',
    };
  }
  let plain = 0;
  let hosts = 0;
  for (const line of dataLines) {
    if ('ok' in parsePlainLine(line)) plain++;
    const h = parseHostsLine(line);
    // "203.0.113.9 Dridex" is an address with a note, not a hosts entry: hosts names have dots.
    if (h !== null && (h.names.some((n) => n.includes('.')) || h.local > 0)) hosts++;
  }
  // More than half the lines must agree, so a capture that happens to contain an address
  // somewhere is not mistaken for a list with many bad lines.
  if (hosts > plain && hosts * 2 > dataLines.length) return { format: 'hosts' };
  if (plain > 0 && plain * 2 > dataLines.length) return { format: 'plain' };
  return { format: 'unknown', looksLike: describeText(text) };
}
