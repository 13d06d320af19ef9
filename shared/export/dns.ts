// DNS server exports: RPZ zone (BIND, Knot, PowerDNS, Unbound's RPZ), Unbound local-zone,
// dnsmasq, a Windows DNS Server PowerShell script of query resolution policies, a hosts file.
// DNS servers block names; RPZ also blocks answers that point at a campaign address.
import { both, chunks, header } from './header';
import type { ExportFile } from './header';
import type { ExportModel } from './model';

/** RPZ IP trigger owner name of an address or block (RFC-style rpz-ip, reversed, "zz" for ::). */
export function rpzIpOwner(entry: string): string {
  const [addr, len] = entry.split('/');
  if (!addr.includes(':')) return `${len ?? '32'}.${addr.split('.').reverse().join('.')}.rpz-ip`;
  const words = expandV6(addr).map((w) => w.toString(16));
  // The longest run (first of equals) of two or more zero words becomes one "zz" label.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const labels = best < 0 ? words : [...words.slice(0, best), 'zz', ...words.slice(best + bestLen)];
  return `${len ?? '128'}.${labels.reverse().join('.')}.rpz-ip`;
}

function expandV6(addr: string): number[] {
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
  const h = head ? head.split(':').map((g) => parseInt(g, 16)) : [];
  if (tail === undefined) return h;
  const t = tail ? tail.split(':').map((g) => parseInt(g, 16)) : [];
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** The zone name the guide and the length check assume (a longer name leaves less room). */
export const RPZ_ZONE = 'sachmadoc.rpz';

/** RPZ zone: NXDOMAIN (CNAME .) for each name and its subdomains, passthru for allowed names. */
export function renderRpz(m: ExportModel): ExportFile[] {
  const lines = [
    header(m, 'RPZ (BIND, Knot Resolver, PowerDNS Recursor, Unbound)', ';'),
    `; ${both('msg.blocklist.loadRpz')} BIND: zone "sachmadoc.rpz" { type primary; file "sachmadoc.rpz"; };`,
    ';   options { response-policy { zone "sachmadoc.rpz"; }; };',
    '$TTL 300',
    `@ IN SOA localhost. hostmaster.localhost. ( ${m.version} 3600 600 86400 300 )`,
    '@ IN NS localhost.',
  ];
  if (m.exceptions.length > 0) lines.push(`; ${both('msg.blocklist.allowed')} (passthru)`);
  for (const a of m.exceptions) lines.push(`${a} CNAME rpz-passthru.`, `*.${a} CNAME rpz-passthru.`);
  if (m.domains.length > 0) lines.push(`; ${both('msg.blocklist.domains')}`);
  const tooLong: string[] = [];
  for (const d of m.domains) {
    // Owner names get the zone's name appended; one over 253 characters makes the whole zone fail.
    const fits = (owner: string) => `${owner}.${RPZ_ZONE}`.length <= 253;
    if (!fits(d)) tooLong.push(d);
    else lines.push(`${d} CNAME .`, ...(fits(`*.${d}`) ? [`*.${d} CNAME .`] : []));
  }
  for (const d of tooLong) lines.push(`; ${both('msg.blocklist.tooLongRpz')}: ${d}`);
  if (m.ipv4.length + m.ipv6.length > 0) lines.push(`; ${both('msg.blocklist.answers')}`);
  for (const ip of [...m.ipv4, ...m.ipv6]) lines.push(`${rpzIpOwner(ip)} CNAME .`);
  return [{ name: 'sachmadoc.rpz', text: `${lines.join('\n')}\n` }];
}

/** Unbound `server:` clause of local-zone lines (include: it from unbound.conf). */
export function renderUnbound(m: ExportModel): ExportFile[] {
  const lines = [
    header(m, 'Unbound local-zone', '#'),
    '# unbound.conf: include: "/etc/unbound/sachmadoc.conf"',
    ipNote(m, '#'),
    'server:',
  ];
  for (const a of m.exceptions) lines.push(`    local-zone: "${a}." always_transparent`);
  for (const d of m.domains) lines.push(`    local-zone: "${d}." always_nxdomain`);
  return [{ name: 'sachmadoc-unbound.conf', text: `${lines.filter(Boolean).join('\n')}\n` }];
}

function ipNote(m: ExportModel, marker: string): string {
  const n = m.ipv4.length + m.ipv6.length;
  return n === 0 ? '' : `${marker} ${both('msg.blocklist.ipNotHere', { n })}`;
}

/** dnsmasq conf-file: address=/name/ answers NXDOMAIN for the name and its subdomains. */
export function renderDnsmasq(m: ExportModel): ExportFile[] {
  const lines = [header(m, 'dnsmasq', '#'), '# conf-file=/etc/dnsmasq.d/sachmadoc.conf', ipNote(m, '#')];
  // `server=/name/#` sends an allowed name under a blocked one to the normal upstream servers.
  for (const a of m.exceptions) lines.push(`server=/${a}/#`);
  for (const d of m.domains) lines.push(`address=/${d}/`);
  return [{ name: 'sachmadoc-dnsmasq.conf', text: `${lines.filter(Boolean).join('\n')}\n` }];
}

/** Names per Windows DNS policy: keeps each -FQDN criterion and each command line short. */
export const WINDOWS_DNS_NAMES_PER_POLICY = 500;

/** PowerShell for Windows Server 2016+ DNS: server-level query resolution policies (DENY). */
export function renderWindowsDns(m: ExportModel): ExportFile[] {
  const lines = [
    header(m, 'Windows DNS Server (Add-DnsServerQueryResolutionPolicy)', '#'),
    `# ${both('msg.blocklist.runAsAdminDns')} (Windows Server 2016+)`,
    ipNote(m, '#'),
    "$ErrorActionPreference = 'Stop'",
    `# ${both('msg.blocklist.removePrevious')}`,
    "Get-DnsServerQueryResolutionPolicy | Where-Object { $_.Name -like 'SachMaDoc-*' } | ForEach-Object { Remove-DnsServerQueryResolutionPolicy -Name $_.Name -Force }",
  ];
  const names = (list: string[], subdomains: (d: string) => boolean) =>
    list.flatMap((d) => (subdomains(d) ? [d, `*.${d}`] : [d]));
  const allow = names(m.exceptions, () => true);
  const block = names(m.domains, () => true);
  // Allow policies first: the server applies the first policy (lowest processing order) that matches.
  if (allow.length > 0)
    chunks(allow, WINDOWS_DNS_NAMES_PER_POLICY).forEach((c, i) =>
      lines.push(
        `Add-DnsServerQueryResolutionPolicy -Name 'SachMaDoc-Allow-${pad(i + 1)}' -Action ALLOW -FQDN 'EQ,${c.join(',')}'`,
      ),
    );
  if (block.length > 0)
    chunks(block, WINDOWS_DNS_NAMES_PER_POLICY).forEach((c, i) =>
      lines.push(
        `Add-DnsServerQueryResolutionPolicy -Name 'SachMaDoc-Block-${pad(i + 1)}' -Action DENY -FQDN 'EQ,${c.join(',')}'`,
      ),
    );
  // A UTF-8 BOM so Windows PowerShell 5.1 reads the Vietnamese comments as UTF-8.
  return [{ name: 'sachmadoc-windows-dns.ps1', text: `\ufeff${lines.filter(Boolean).join('\r\n')}\r\n` }];
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

/** A hosts file: 0.0.0.0 for each name (hosts files cannot block subdomains or addresses). */
export function renderHosts(m: ExportModel): ExportFile[] {
  const lines = [header(m, 'hosts', '#'), `# ${both('msg.blocklist.hostsExact')}`, ipNote(m, '#')];
  for (const d of m.domains) lines.push(`0.0.0.0 ${d}`);
  return [{ name: 'sachmadoc-hosts.txt', text: `${lines.filter(Boolean).join('\n')}\n` }];
}
