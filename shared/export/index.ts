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
  /** One line for --list: a catalogue key. */
  summary: string;
  /** How a unit's IT staff loads it: a catalogue key, its `{{url}}` the export's address on the tally. */
  guide: string;
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
    summary: 'msg.exportFormat.rpz.summary',
    guide: 'msg.exportFormat.rpz.guide',
    render: renderRpz,
  },
  unbound: {
    name: 'unbound',
    group: 'dns',
    product: 'Unbound',
    contentType: TEXT,
    summary: 'msg.exportFormat.unbound.summary',
    guide: 'msg.exportFormat.unbound.guide',
    render: renderUnbound,
  },
  dnsmasq: {
    name: 'dnsmasq',
    group: 'dns',
    product: 'dnsmasq (Pi-hole, OpenWrt)',
    contentType: TEXT,
    summary: 'msg.exportFormat.dnsmasq.summary',
    guide: 'msg.exportFormat.dnsmasq.guide',
    render: renderDnsmasq,
  },
  'windows-dns': {
    name: 'windows-dns',
    group: 'dns',
    product: 'Windows Server DNS (2016+)',
    contentType: TEXT,
    summary: 'msg.exportFormat.windows-dns.summary',
    guide: 'msg.exportFormat.windows-dns.guide',
    render: renderWindowsDns,
  },
  hosts: {
    name: 'hosts',
    group: 'dns',
    product: 'hosts file, MikroTik adlist',
    contentType: TEXT,
    summary: 'msg.exportFormat.hosts.summary',
    guide: 'msg.exportFormat.hosts.guide',
    render: renderHosts,
  },
  mikrotik: {
    name: 'mikrotik',
    group: 'firewall',
    product: 'MikroTik RouterOS 7',
    contentType: TEXT,
    summary: 'msg.exportFormat.mikrotik.summary',
    guide: 'msg.exportFormat.mikrotik.guide',
    render: renderMikrotik,
  },
  'fortigate-ip': {
    name: 'fortigate-ip',
    group: 'firewall',
    product: 'FortiGate (IP Address threat feed)',
    contentType: TEXT,
    summary: 'msg.exportFormat.fortigate-ip.summary',
    guide: 'msg.exportFormat.fortigate-ip.guide',
    render: renderFortigateIp,
  },
  'fortigate-domain': {
    name: 'fortigate-domain',
    group: 'firewall',
    product: 'FortiGate (Domain Name threat feed)',
    contentType: TEXT,
    summary: 'msg.exportFormat.fortigate-domain.summary',
    guide: 'msg.exportFormat.fortigate-domain.guide',
    render: renderFortigateDomain,
  },
  pfsense: {
    name: 'pfsense',
    group: 'firewall',
    product: 'pfSense, OPNsense',
    contentType: TEXT,
    summary: 'msg.exportFormat.pfsense.summary',
    guide: 'msg.exportFormat.pfsense.guide',
    render: renderPfsense,
  },
  'windows-firewall': {
    name: 'windows-firewall',
    group: 'firewall',
    product: 'Windows Firewall (PowerShell)',
    contentType: TEXT,
    summary: 'msg.exportFormat.windows-firewall.summary',
    guide: 'msg.exportFormat.windows-firewall.guide',
    render: renderWindowsFirewall,
  },
  suricata: {
    name: 'suricata',
    group: 'sensor',
    product: 'Suricata',
    contentType: TEXT,
    summary: 'msg.exportFormat.suricata.summary',
    guide: 'msg.exportFormat.suricata.guide',
    render: renderSuricata,
  },
  'zeek-intel': {
    name: 'zeek-intel',
    group: 'sensor',
    product: 'Zeek',
    contentType: TEXT,
    summary: 'msg.exportFormat.zeek-intel.summary',
    guide: 'msg.exportFormat.zeek-intel.guide',
    render: renderZeekIntel,
  },
  stix: {
    name: 'stix',
    group: 'sensor',
    product: 'STIX 2.1 (OpenCTI, TAXII, SIEM)',
    contentType: JSON_TYPE,
    summary: 'msg.exportFormat.stix.summary',
    guide: 'msg.exportFormat.stix.guide',
    render: renderStix,
  },
  misp: {
    name: 'misp',
    group: 'sensor',
    product: 'MISP',
    contentType: JSON_TYPE,
    summary: 'msg.exportFormat.misp.summary',
    guide: 'msg.exportFormat.misp.guide',
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
