// The export formats by --format name: what each product loads, one line each for --list, and a
// short guide for the unit's IT staff (the tally's dashboard shows it). One table for the CLI,
// the tally routes and the dashboard.
import type { CampaignFeed } from '../campaign-feed/campaign-feed';
import { renderDnsmasq, renderHosts, renderRpz, renderUnbound, renderWindowsDns } from './dns';
import {
  renderFortigateDomain,
  renderFortigateIp,
  renderMikrotik,
  renderPfsense,
  renderWindowsFirewall,
} from './firewall';
import type { ExportFile } from './header';
import { buildExportModel } from './model';
import type { ExportModel } from './model';
import { renderSuricata, renderZeekIntel } from './sensors';
import { renderMisp, renderStix } from './sharing';

export type { ExportFile } from './header';
export type { ExportModel } from './model';
export { buildExportModel } from './model';

export const EXPORT_FORMATS = [
  'rpz',
  'unbound',
  'dnsmasq',
  'windows-dns',
  'hosts',
  'mikrotik',
  'fortigate-ip',
  'fortigate-domain',
  'pfsense',
  'windows-firewall',
  'suricata',
  'zeek-intel',
  'stix',
  'misp',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  name: ExportFormat;
  group: 'dns' | 'firewall' | 'sensor';
  product: string;
  contentType: string;
  /** One line for --list. */
  summary: { vi: string; en: string };
  /** How a unit's IT staff loads it ({url} is the export's address on the tally). */
  guide: { vi: string; en: string };
  render: (m: ExportModel) => ExportFile[];
}

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export const EXPORT_FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  rpz: {
    name: 'rpz',
    group: 'dns',
    product: 'BIND, Knot Resolver, PowerDNS Recursor, Unbound (RPZ)',
    contentType: TEXT,
    summary: {
      vi: 'vùng RPZ: chặn tên miền, tên miền con và câu trả lời trỏ tới địa chỉ độc hại',
      en: 'RPZ zone: blocks names, subdomains and answers pointing at campaign addresses',
    },
    guide: {
      vi: 'BIND: tải {url} về /var/cache/bind/sachmadoc.rpz (cron curl), khai báo zone "sachmadoc.rpz" { type primary; file "sachmadoc.rpz"; }; và response-policy { zone "sachmadoc.rpz"; }; rồi rndc reload.',
      en: 'BIND: fetch {url} to /var/cache/bind/sachmadoc.rpz (cron curl), declare zone "sachmadoc.rpz" { type primary; file "sachmadoc.rpz"; }; and response-policy { zone "sachmadoc.rpz"; }; then rndc reload.',
    },
    render: renderRpz,
  },
  unbound: {
    name: 'unbound',
    group: 'dns',
    product: 'Unbound',
    contentType: TEXT,
    summary: { vi: 'cấu hình local-zone của Unbound (tên miền)', en: 'Unbound local-zone config (names)' },
    guide: {
      vi: 'Tải {url} về /etc/unbound/sachmadoc.conf, thêm include: "/etc/unbound/sachmadoc.conf", kiểm tra bằng unbound-checkconf rồi unbound-control reload.',
      en: 'Fetch {url} to /etc/unbound/sachmadoc.conf, add include: "/etc/unbound/sachmadoc.conf", check with unbound-checkconf, then unbound-control reload.',
    },
    render: renderUnbound,
  },
  dnsmasq: {
    name: 'dnsmasq',
    group: 'dns',
    product: 'dnsmasq (Pi-hole, OpenWrt)',
    contentType: TEXT,
    summary: { vi: 'dòng address=/…/ của dnsmasq (tên miền)', en: 'dnsmasq address=/…/ lines (names)' },
    guide: {
      vi: 'Tải {url} về /etc/dnsmasq.d/sachmadoc.conf, chạy dnsmasq --test rồi khởi động lại dnsmasq.',
      en: 'Fetch {url} to /etc/dnsmasq.d/sachmadoc.conf, run dnsmasq --test, then restart dnsmasq.',
    },
    render: renderDnsmasq,
  },
  'windows-dns': {
    name: 'windows-dns',
    group: 'dns',
    product: 'Windows Server DNS (2016+)',
    contentType: TEXT,
    summary: {
      vi: 'script PowerShell tạo chính sách phân giải (Add-DnsServerQueryResolutionPolicy)',
      en: 'PowerShell script of query resolution policies (Add-DnsServerQueryResolutionPolicy)',
    },
    guide: {
      vi: 'Trên máy chủ DNS: Invoke-WebRequest {url} -OutFile sachmadoc-dns.ps1, rồi chạy script với quyền quản trị (có thể đặt lịch Task Scheduler).',
      en: 'On the DNS server: Invoke-WebRequest {url} -OutFile sachmadoc-dns.ps1, then run it as administrator (Task Scheduler for updates).',
    },
    render: renderWindowsDns,
  },
  hosts: {
    name: 'hosts',
    group: 'dns',
    product: 'hosts file, MikroTik adlist',
    contentType: TEXT,
    summary: {
      vi: 'tệp hosts 0.0.0.0 (đơn vị nhỏ, không có máy chủ DNS)',
      en: 'hosts file with 0.0.0.0 (small units without a DNS server)',
    },
    guide: {
      vi: 'Chép các dòng 0.0.0.0 của {url} vào cuối C:\\Windows\\System32\\drivers\\etc\\hosts; MikroTik: /ip dns adlist add url={url}.',
      en: 'Append the 0.0.0.0 lines of {url} to C:\\Windows\\System32\\drivers\\etc\\hosts; MikroTik: /ip dns adlist add url={url}.',
    },
    render: renderHosts,
  },
  mikrotik: {
    name: 'mikrotik',
    group: 'firewall',
    product: 'MikroTik RouterOS 7',
    contentType: TEXT,
    summary: {
      vi: 'script RouterOS: address-list "sachmadoc" (IPv4, IPv6) và DNS static NXDOMAIN',
      en: 'RouterOS script: address list "sachmadoc" (IPv4, IPv6) and DNS static NXDOMAIN',
    },
    guide: {
      vi: '/tool fetch url="{url}" dst-path=sachmadoc.rsc; /import sachmadoc.rsc; một lần: /ip firewall filter add chain=forward dst-address-list=sachmadoc action=drop.',
      en: '/tool fetch url="{url}" dst-path=sachmadoc.rsc; /import sachmadoc.rsc; once: /ip firewall filter add chain=forward dst-address-list=sachmadoc action=drop.',
    },
    render: renderMikrotik,
  },
  'fortigate-ip': {
    name: 'fortigate-ip',
    group: 'firewall',
    product: 'FortiGate (IP Address threat feed)',
    contentType: TEXT,
    summary: {
      vi: 'danh sách IP cho External Threat Feed của FortiGate',
      en: 'IP list for a FortiGate external threat feed',
    },
    guide: {
      vi: 'Security Fabric > External Connectors > Threat Feeds > IP Address, URI {url}, cập nhật 60 phút; dùng làm địa chỉ đích trong chính sách chặn.',
      en: 'Security Fabric > External Connectors > Threat Feeds > IP Address, URI {url}, refresh 60 min; use it as destination in a deny policy.',
    },
    render: renderFortigateIp,
  },
  'fortigate-domain': {
    name: 'fortigate-domain',
    group: 'firewall',
    product: 'FortiGate (Domain Name threat feed)',
    contentType: TEXT,
    summary: {
      vi: 'danh sách tên miền cho External Threat Feed của FortiGate',
      en: 'Domain list for a FortiGate external threat feed',
    },
    guide: {
      vi: 'Threat Feeds > Domain Name, URI {url}; trong DNS Filter profile đặt Remote Category này là Block.',
      en: 'Threat Feeds > Domain Name, URI {url}; in the DNS Filter profile set this Remote Category to Block.',
    },
    render: renderFortigateDomain,
  },
  pfsense: {
    name: 'pfsense',
    group: 'firewall',
    product: 'pfSense, OPNsense',
    contentType: TEXT,
    summary: { vi: 'danh sách IP cho alias URL Table (IPs)', en: 'IP list for a URL Table (IPs) alias' },
    guide: {
      vi: 'Firewall > Aliases > URLs: loại URL Table (IPs), URL {url}, làm mới 1 ngày; tạo luật chặn với đích là alias này.',
      en: 'Firewall > Aliases > URLs: type URL Table (IPs), URL {url}, refresh 1 day; add a block rule with this alias as destination.',
    },
    render: renderPfsense,
  },
  'windows-firewall': {
    name: 'windows-firewall',
    group: 'firewall',
    product: 'Windows Firewall (PowerShell)',
    contentType: TEXT,
    summary: {
      vi: 'script PowerShell: luật chặn chiều đi theo nhóm (New-NetFirewallRule)',
      en: 'PowerShell script: grouped outbound block rules (New-NetFirewallRule)',
    },
    guide: {
      vi: 'Invoke-WebRequest {url} -OutFile sachmadoc-fw.ps1 rồi chạy với quyền quản trị; chạy lại sẽ thay nhóm luật "Sach Ma Doc".',
      en: 'Invoke-WebRequest {url} -OutFile sachmadoc-fw.ps1, run as administrator; running it again replaces the "Sach Ma Doc" rule group.',
    },
    render: renderWindowsFirewall,
  },
  suricata: {
    name: 'suricata',
    group: 'sensor',
    product: 'Suricata',
    contentType: TEXT,
    summary: {
      vi: 'luật Suricata (iprep, dns.query, tls.sni) kèm danh sách IP reputation',
      en: 'Suricata rules (iprep, dns.query, tls.sni) with the IP reputation list',
    },
    guide: {
      vi: 'Tải {url} (luật), {url}/sachmadoc-iprep.list và {url}/sachmadoc-categories.txt; khai báo reputation-categories-file, reputation-files và rule-files trong suricata.yaml; suricata -T rồi nạp lại.',
      en: 'Fetch {url} (rules), {url}/sachmadoc-iprep.list and {url}/sachmadoc-categories.txt; set reputation-categories-file, reputation-files and rule-files in suricata.yaml; suricata -T, then reload.',
    },
    render: renderSuricata,
  },
  'zeek-intel': {
    name: 'zeek-intel',
    group: 'sensor',
    product: 'Zeek',
    contentType: TEXT,
    summary: { vi: 'tệp intel framework của Zeek', en: 'Zeek intel framework file' },
    guide: {
      vi: 'Tải {url} về /opt/zeek/share/zeek/site/sachmadoc.dat; trong local.zeek: @load frameworks/intel/seen và redef Intel::read_files += { ".../sachmadoc.dat" };',
      en: 'Fetch {url} to /opt/zeek/share/zeek/site/sachmadoc.dat; in local.zeek: @load frameworks/intel/seen and redef Intel::read_files += { ".../sachmadoc.dat" };',
    },
    render: renderZeekIntel,
  },
  stix: {
    name: 'stix',
    group: 'sensor',
    product: 'STIX 2.1 (OpenCTI, TAXII, SIEM)',
    contentType: JSON_TYPE,
    summary: {
      vi: 'gói STIX 2.1 để chia sẻ với hệ thống khác',
      en: 'STIX 2.1 bundle to share with other systems',
    },
    guide: {
      vi: 'Nhập {url} vào OpenCTI/SIEM (STIX 2.1); FortiGate cũng đọc STIX qua Threat Feeds.',
      en: 'Import {url} into OpenCTI/SIEM (STIX 2.1); FortiGate also reads STIX in Threat Feeds.',
    },
    render: renderStix,
  },
  misp: {
    name: 'misp',
    group: 'sensor',
    product: 'MISP',
    contentType: JSON_TYPE,
    summary: { vi: 'sự kiện MISP (JSON) để chia sẻ', en: 'MISP event (JSON) to share' },
    guide: {
      vi: 'MISP: Events > Import from… > MISP JSON, chọn tệp tải từ {url}.',
      en: 'MISP: Events > Import from… > MISP JSON, with the file from {url}.',
    },
    render: renderMisp,
  },
};

/** True when the text is one of the --format names. */
export function isExportFormat(text: string): text is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(text);
}

/** Renders one format of a feed: its files, the first being the main one. */
export function exportFeed(feed: CampaignFeed, format: ExportFormat, model?: ExportModel): ExportFile[] {
  return EXPORT_FORMAT_INFO[format].render(model ?? buildExportModel(feed));
}
