// Shared by the export tests: an agency feed built from real abuse.ch / URLhaus / STIX fixtures
// with an allow-list and catch-all entries added, the real checkers, and parsers that read each
// export back to the addresses and names it blocks.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCampaignFeed } from '../../../services/feed/feed-build';
import type { CampaignFeed } from '../../../shared/campaign-feed/campaign-feed';
import { campaignFeedSchema } from '../../../shared/campaign-feed/campaign-feed';
import { parseFeed } from '../../../shared/indicator-formats';

export const repoRoot = join(__dirname, '../../..');
const fixtures = join(repoRoot, 'test/fixtures/feeds');

/** The sample feed as bundled. */
export function sampleFeed(): CampaignFeed {
  return campaignFeedSchema.parse(
    JSON.parse(readFileSync(join(repoRoot, 'assets/feed/sample-feed.json'), 'utf8')),
  );
}

/**
 * A real-shaped agency feed: Feodo Tracker IPs, URLhaus hosts and URLs, a STIX IPv6 bundle; an
 * allow-list with an address inside a blocked block and a name under a blocked name; and, as a
 * signed feed could still carry them, catch-all entries (0.0.0.0/0, ::/0, com, github.com).
 */
export function agencyFeed(): CampaignFeed {
  const base = sampleFeed();
  const inputs = [
    'feodo-ipblocklist.csv',
    'feodo-ipblocklist-recommended.txt',
    'threatfox-full.csv',
    'urlhaus-hostfile.txt',
    'urlhaus-csv-recent.csv',
    'stix-e-ipv6-patterns.txt',
  ].map((f) => ({ file: f, bytes: readFileSync(join(fixtures, f)) }));
  const built = buildCampaignFeed(inputs, {
    now: new Date('2026-11-30T02:00:00Z'),
    base: {
      ...base,
      campaign: {
        ...base.campaign,
        id: 'cd-2026-hn',
        name: { vi: 'Chiến dịch làm sạch mã độc 2026 — Hà Nội', en: 'Malware cleanup campaign 2026 — Hanoi' },
        sample: false,
      },
    },
    version: 12,
  }).feed;
  const feed: CampaignFeed = {
    ...built,
    publishedAt: '2026-11-30T02:00:00Z',
    indicators: [
      ...built.indicators,
      { type: 'cidr', value: '100.64.8.0/24', comment: 'C2 hosting block' },
      { type: 'domain', value: 'c2-panel.example.net' },
      { type: 'cidr', value: '0.0.0.0/0' },
      { type: 'cidr', value: '::/0' },
      { type: 'domain', value: 'com' },
      { type: 'domain', value: 'github.com' },
    ],
    allowList: [
      { type: 'ip', value: '100.64.8.53', comment: 'provincial resolver inside the block' },
      { type: 'domain', value: 'portal.c2-panel.example.net', comment: 'taken over by the agency' },
      { type: 'cidr', value: '0.0.0.0/0', comment: 'catch-all allow: must be ignored' },
    ],
  };
  return campaignFeedSchema.parse(feed);
}

/** Path of a tool that must be installed (scripts/test.sh installs it); fails loudly, never skips. */
export function tool(name: string, apt: string): string {
  const r = spawnSync(
    'sh',
    ['-c', `command -v ${name} || ls /usr/sbin/${name} /usr/bin/${name} 2>/dev/null`],
    {
      encoding: 'utf8',
    },
  );
  const path = r.stdout.trim().split('\n')[0];
  if (!path)
    throw new Error(`${name} is not installed: run "apt-get install -y ${apt}" (scripts/test.sh does it)`);
  return path;
}

/** Runs a checker; returns its combined output and exit status. */
export function check(cmd: string, args: string[]): { status: number; output: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** What an export blocks, read back: addresses/blocks and names (with "*." meaning subdomains). */
export interface ReadBack {
  ips: string[];
  names: string[];
  urls?: string[];
}

const sorted = (a: Iterable<string>): string[] => [...new Set(a)].sort();

function decodeRpzIp(owner: string): string {
  const labels = owner.replace(/\.rpz-ip$/, '').split('.');
  const prefix = labels.shift() as string;
  labels.reverse();
  if (labels.length === 4 && labels.every((l) => /^\d+$/.test(l))) {
    const ip = labels.join('.');
    return prefix === '32' ? ip : `${ip}/${prefix}`;
  }
  const words = labels.map((l) => (l === 'zz' ? '' : l));
  let ip = words.join(':');
  if (ip.startsWith(':')) ip = `:${ip}`;
  if (ip.endsWith(':')) ip = `${ip}:`;
  return prefix === '128' ? ip : `${ip}/${prefix}`;
}

/** The body lines of a text file (no comments, no blanks). */
export function body(text: string, marker = '#'): string[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith(marker));
}

export const readers = {
  rpz: (text: string): ReadBack => {
    const ips: string[] = [];
    const names: string[] = [];
    for (const l of body(text, ';')) {
      const m = /^(\S+) CNAME \.$/.exec(l);
      if (!m) continue;
      if (m[1].endsWith('.rpz-ip')) ips.push(decodeRpzIp(m[1]));
      else names.push(m[1]);
    }
    return { ips: sorted(ips), names: sorted(names) };
  },
  unbound: (text: string): ReadBack => ({
    ips: [],
    names: sorted(
      body(text).flatMap((l) => {
        const m = /local-zone: "(.+)\." always_nxdomain/.exec(l);
        return m ? [m[1], `*.${m[1]}`] : [];
      }),
    ),
  }),
  dnsmasq: (text: string): ReadBack => ({
    ips: [],
    names: sorted(
      body(text).flatMap((l) => {
        const m = /^address=\/(.+)\/$/.exec(l);
        return m ? [m[1], `*.${m[1]}`] : [];
      }),
    ),
  }),
  'windows-dns': (text: string): ReadBack => ({
    ips: [],
    names: sorted(
      body(text).flatMap((l) => {
        const m = /-Name 'SachMaDoc-Block-\d+' -Action DENY -FQDN 'EQ,([^']+)'/.exec(l);
        return m ? m[1].split(',') : [];
      }),
    ),
  }),
  hosts: (text: string): ReadBack => ({
    ips: [],
    names: sorted(parseFeed(text, 'hosts').indicators.map((i) => i.value)),
  }),
  mikrotik: (text: string): ReadBack => {
    const ips: string[] = [];
    const names: string[] = [];
    for (const l of body(text)) {
      const a = /^add list=sachmadoc address=(\S+) /.exec(l);
      if (a) ips.push(a[1]);
      const d = /^add name=(\S+) type=NXDOMAIN match-subdomain=(yes|no) /.exec(l);
      if (d) names.push(d[1], ...(d[2] === 'yes' ? [`*.${d[1]}`] : []));
    }
    return { ips: sorted(ips), names: sorted(names) };
  },
  'fortigate-ip': (text: string): ReadBack => ({ ips: sorted(body(text)), names: [] }),
  'fortigate-domain': (text: string): ReadBack => ({ ips: [], names: sorted(body(text)) }),
  pfsense: (text: string): ReadBack => ({ ips: sorted(body(text)), names: [] }),
  'windows-firewall': (text: string): ReadBack => ({
    ips: sorted(body(text).flatMap((l) => /^ {2}'([^']+)',?$/.exec(l)?.[1] ?? [])),
    names: [],
  }),
  zeek: (text: string): ReadBack => {
    const ips: string[] = [];
    const names: string[] = [];
    const urls: string[] = [];
    for (const l of body(text)) {
      const [v, t] = l.split('\t');
      if (t === 'Intel::ADDR' || t === 'Intel::SUBNET') ips.push(v);
      else if (t === 'Intel::DOMAIN') names.push(v);
      else if (t === 'Intel::URL') urls.push(v);
    }
    return { ips: sorted(ips), names: sorted(names), urls: sorted(urls) };
  },
};
