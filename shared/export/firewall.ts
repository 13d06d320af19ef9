// Firewall exports: MikroTik RouterOS script, FortiGate external threat feeds (IP, domain),
// pfSense/OPNsense URL table alias, Windows Firewall (PowerShell, outbound block rules).
import { ascii, both, chunks, header } from './header';
import type { ExportFile } from './header';
import type { ExportModel } from './model';

/** MikroTik list name, and the comment that marks our DNS static entries. */
export const MIKROTIK_LIST = 'sachmadoc';

/** RouterOS script (/import): address lists for IPv4/IPv6, DNS static NXDOMAIN for names (RouterOS 7). */
export function renderMikrotik(m: ExportModel): ExportFile[] {
  const L = MIKROTIK_LIST;
  const lines = [
    header(m, 'MikroTik RouterOS (/import)', '#', true),
    `# Dung danh sach / use the list: /ip firewall filter add chain=forward dst-address-list=${L} action=drop`,
    `# IPv6: /ipv6 firewall filter add chain=forward dst-address-list=${L} action=drop`,
    `/ip firewall address-list remove [find list="${L}"]`,
    `/ipv6 firewall address-list remove [find list="${L}"]`,
    `/ip dns static remove [find comment="${L}"]`,
  ];
  if (m.ipv4.length > 0) lines.push('/ip firewall address-list');
  for (const ip of m.ipv4) lines.push(`add list=${L} address=${ip} comment="${L} v${m.version}"`);
  if (m.ipv6.length > 0) lines.push('/ipv6 firewall address-list');
  for (const ip of m.ipv6) lines.push(`add list=${L} address=${ip} comment="${L} v${m.version}"`);
  if (m.domains.length > 0) lines.push('/ip dns static');
  for (const d of m.domains) {
    // No subdomain match where an allowed name sits below: RouterOS has no exception entry.
    const sub = m.exactOnly.has(d) ? 'no' : 'yes';
    lines.push(`add name=${d} type=NXDOMAIN match-subdomain=${sub} comment="${L}"`);
  }
  return [{ name: 'sachmadoc-mikrotik.rsc', text: `${lines.join('\n')}\n` }];
}

/** FortiOS threat feed limit: 131,072 entries or 10 MB per list, whichever comes first. */
export const FORTIGATE_MAX_ENTRIES = 131_072;
const FORTIGATE_MAX_BYTES = 10 * 1024 * 1024;

function fortigateParts(m: ExportModel, kind: string, entries: string[]): ExportFile[] {
  // Split by entry count, then shrink a part until it fits the byte limit with its header.
  const parts: string[][] = [];
  for (const c of chunks(entries, FORTIGATE_MAX_ENTRIES)) {
    let rest = c;
    while (rest.length > 0) {
      let n = rest.length;
      while (n > 1 && rest.slice(0, n).join('\n').length + 2048 > FORTIGATE_MAX_BYTES) n = Math.floor(n / 2);
      parts.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
  }
  if (parts.length === 0) parts.push([]);
  return parts.map((p, i) => {
    const title = `FortiGate external threat feed (${kind})${parts.length > 1 ? `, part ${i + 1}/${parts.length}` : ''}`;
    const body = [header(m, title, '#', true), ...p].join('\n');
    return { name: `sachmadoc-fortigate-${kind}${i === 0 ? '' : `-${i + 1}`}.txt`, text: `${body}\n` };
  });
}

/** FortiGate IP address threat feed: one address or subnet per line (IPv4 and IPv6). */
export function renderFortigateIp(m: ExportModel): ExportFile[] {
  return fortigateParts(m, 'ip', [...m.ipv4, ...m.ipv6]);
}

/** FortiGate domain name threat feed: the name and "*.name" (simple wildcards) per entry. */
export function renderFortigateDomain(m: ExportModel): ExportFile[] {
  return fortigateParts(
    m,
    'domain',
    m.domains.flatMap((d) => (m.exactOnly.has(d) ? [d] : [d, `*.${d}`])),
  );
}

/** pfSense/OPNsense "URL Table (IPs)" alias: one address or network per line. */
export function renderPfsense(m: ExportModel): ExportFile[] {
  const lines = [header(m, 'pfSense / OPNsense URL Table (IPs) alias', '#', true), ...m.ipv4, ...m.ipv6];
  return [{ name: 'sachmadoc-pfsense.txt', text: `${lines.join('\n')}\n` }];
}

/** Remote addresses per Windows Firewall rule (long RemoteAddress lists fail to add or slow the firewall). */
export const WINDOWS_FIREWALL_ADDRESSES_PER_RULE = 1000;

/** PowerShell (Windows 8/Server 2012+): outbound block rules in one group, replaced on every run. */
export function renderWindowsFirewall(m: ExportModel): ExportFile[] {
  const all = [...m.ipv4, ...m.ipv6];
  const parts = all.length === 0 ? [] : chunks(all, WINDOWS_FIREWALL_ADDRESSES_PER_RULE);
  const lines = [
    header(m, 'Windows Firewall (New-NetFirewallRule)', '#'),
    `# ${both('msg.blocklist.runAsAdmin')}; ${both('msg.blocklist.orGpo')}`,
    "$ErrorActionPreference = 'Stop'",
    "$group = 'Sach Ma Doc'",
    'Remove-NetFirewallRule -Group $group -ErrorAction SilentlyContinue',
  ];
  parts.forEach((p, i) => {
    const name = ascii(`Sach Ma Doc ${m.campaignId} v${m.version} block ${i + 1}/${parts.length}`);
    lines.push(
      `New-NetFirewallRule -DisplayName '${name}' -Group $group -Direction Outbound -Action Block -Profile Any -RemoteAddress @(`,
      p.map((a) => `  '${a}'`).join(',\r\n'),
      ') | Out-Null',
    );
  });
  return [{ name: 'sachmadoc-windows-firewall.ps1', text: `\ufeff${lines.join('\r\n')}\r\n` }];
}
