// Sensor exports: Suricata (IP reputation list + categories + the rules that use them, and DNS/TLS
// name rules) and the Zeek intel framework file.
import { ascii, header } from './header';
import type { ExportFile } from './header';
import type { ExportModel } from './model';

/** Suricata's IP reputation category of the campaign (categories file: id,shortname,description). */
export const SURICATA_CATEGORY = { id: 1, name: 'SachMaDoc' } as const;
/** Local SID range (1,000,000–1,999,999 is for local rules); SIDs are hashed from the value. */
const SID_BASE = 1_000_000;
const SID_SPAN = 1_000_000;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Stable SIDs: a value keeps its SID across feed versions unless two values collide; always unique. */
export function suricataSids(keys: string[]): Map<string, number> {
  const used = new Set<number>();
  const out = new Map<string, number>();
  // Past half a million rules the local range is too full to probe: spread over twice the count.
  const span = Math.max(SID_SPAN, keys.length * 2);
  for (const k of keys) {
    let s = fnv1a(k) % span;
    while (used.has(s)) s = (s + 1) % span;
    used.add(s);
    out.set(k, SID_BASE + s);
  }
  return out;
}

/**
 * suricata.yaml: reputation-categories-file: …/sachmadoc-categories.txt, default-reputation-path,
 * reputation-files: [sachmadoc-iprep.list]; rule-files: [sachmadoc.rules].
 */
export function renderSuricata(m: ExportModel): ExportFile[] {
  const keys = ['ip', ...m.domains.flatMap((d) => [`dns:${d}`, `tls:${d}`])];
  const sid = suricataSids(keys);
  const c = SURICATA_CATEGORY;
  const rules = [
    header(m, 'Suricata rules (iprep + dns.query + tls.sni)', '#', true),
    '# suricata.yaml: reputation-categories-file: /etc/suricata/iprep/sachmadoc-categories.txt',
    '#   default-reputation-path: /etc/suricata/iprep   reputation-files: [sachmadoc-iprep.list]',
    '#   rule-files: [sachmadoc.rules]',
  ];
  if (m.ipv4.length + m.ipv6.length > 0)
    rules.push(
      `alert ip $HOME_NET any -> any any (msg:"SachMaDoc campaign address (${m.campaignId} v${m.version})"; iprep:dst,${c.name},>,0; classtype:trojan-activity; sid:${sid.get('ip')}; rev:${m.version};)`,
    );
  for (const d of m.domains) {
    const exact = m.exactOnly.has(d);
    // dotprefix + endswith: the name and every subdomain; bsize: the name itself only.
    const match = exact
      ? `content:"${d}"; nocase; bsize:${d.length};`
      : `dotprefix; content:".${d}"; nocase; endswith;`;
    rules.push(
      `alert dns $HOME_NET any -> any any (msg:"SachMaDoc DNS query ${d}"; dns.query; ${match} classtype:trojan-activity; sid:${sid.get(`dns:${d}`)}; rev:1;)`,
      `alert tls $HOME_NET any -> any any (msg:"SachMaDoc TLS SNI ${d}"; tls.sni; ${match} classtype:trojan-activity; sid:${sid.get(`tls:${d}`)}; rev:1;)`,
    );
  }
  const categories = `${c.id},${c.name},${ascii(m.campaignName.en).replace(/,/g, ' ')}\n`;
  // iprep lines: address or CIDR, category, score 1–127 (127: known bad).
  const iprep = [...m.ipv4, ...m.ipv6].map((ip) => `${ip},${c.id},127`);
  return [
    { name: 'sachmadoc.rules', text: `${rules.join('\n')}\n` },
    { name: 'sachmadoc-categories.txt', text: categories },
    { name: 'sachmadoc-iprep.list', text: iprep.length ? `${iprep.join('\n')}\n` : '' },
  ];
}

/** Zeek intel framework file (Intel::read_files): tab-separated, one indicator per line. */
export function renderZeekIntel(m: ExportModel): ExportFile[] {
  const source = `sachmadoc-${m.campaignId}-v${m.version}`;
  const lines = [
    header(m, 'Zeek intel framework (Intel::read_files)', '#', true).replace(/\t/g, ' '),
    '# Intel::DOMAIN so khop dung ten / matches the exact name only',
    ['#fields', 'indicator', 'indicator_type', 'meta.source', 'meta.desc'].join('\t'),
  ];
  const row = (v: string, t: string) => lines.push([v, t, source, 'campaign indicator'].join('\t'));
  for (const ip of [...m.ipv4, ...m.ipv6]) row(ip, ip.includes('/') ? 'Intel::SUBNET' : 'Intel::ADDR');
  for (const d of m.domains) row(d, 'Intel::DOMAIN');
  // Zeek's Intel::URL values carry no scheme ("example.net/path").
  for (const u of m.urls) row(u.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''), 'Intel::URL');
  return [{ name: 'sachmadoc-zeek-intel.dat', text: `${lines.join('\n')}\n` }];
}
