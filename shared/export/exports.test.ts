// Every export format of the campaign feed: loaded by the real checker where Debian packages one
// (named-checkzone, unbound-checkconf, dnsmasq --test), read back to the same addresses and names
// otherwise; allow-listed entries never appear, catch-all entries are refused, the header names
// campaign, version and date (SAMPLE for the sample), and the same feed gives the same bytes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPinnedKeys } from '../../node-shared/feed/keys';
import { verifyFeed } from '../../node-shared/feed/verify-feed';
import { buildExportModel, EXPORT_FORMATS, exportFeed } from './index';
import type { ExportFile, ExportFormat } from './index';
import { FORTIGATE_MAX_ENTRIES } from './firewall';
import { sha1Hex, uuidV5 } from './sha1';
import { suricataSids } from './sensors';
import type { CampaignFeed } from '../campaign-feed/campaign-feed';
import { parseFeed } from '../indicator-formats';
import { canonicalCidr, canonicalIp } from '../net/ip';
import {
  agencyFeed,
  body,
  check,
  readers,
  repoRoot,
  sampleFeed,
  tool,
} from '../../test/support/export/export-kit';
import type { ReadBack } from '../../test/support/export/export-kit';

const feed = agencyFeed();
const model = buildExportModel(feed);
const ips = [...model.ipv4, ...model.ipv6].sort();
const withSubs = (names: string[]) =>
  names.flatMap((d) => (model.exactOnly.has(d) ? [d] : [d, `*.${d}`])).sort();
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-export-'));

function files(f: ExportFormat, fd: CampaignFeed = feed): ExportFile[] {
  return exportFeed(fd, f);
}
function write(file: ExportFile): string {
  const p = join(dir, file.name);
  writeFileSync(p, file.text);
  return p;
}
const canon = (v: string) => canonicalIp(v) ?? canonicalCidr(v) ?? v;

describe('the export model of a real-shaped agency feed', () => {
  it('is the document of test/fixtures/export/agency-feed.json, signed (the e2e spec loads that file)', async () => {
    const file = readFileSync(join(repoRoot, 'test/fixtures/export/agency-feed.json'), 'utf8');
    expect(file).toBe(`${JSON.stringify(feed, null, 2)}\n`);
    const sig = readFileSync(join(repoRoot, 'test/fixtures/export/agency-feed.json.sig'));
    expect(
      verifyFeed(
        Buffer.from(file),
        sig,
        await loadPinnedKeys(join(repoRoot, 'assets/keys')),
        'agency-feed.json',
      ).ok,
    ).toBe(true);
    expect(EXPORT_FORMATS).toHaveLength(14);
  });

  it('has real indicators of every kind to work with', () => {
    expect(model.ipv4.length).toBeGreaterThan(10);
    expect(model.domains.length).toBeGreaterThan(5);
    expect(model.ipv6.length).toBeGreaterThan(0);
    expect(model.urls.length).toBeGreaterThan(1);
  });

  it('refuses catch-all entries (0.0.0.0/0, ::/0, a public suffix, a shared platform) and a catch-all allow entry', () => {
    const refused = model.leftOut.filter((l) => l.reason === 'catch-all').map((l) => `${l.type} ${l.value}`);
    expect(refused).toEqual(
      expect.arrayContaining([
        'cidr 0.0.0.0/0',
        'cidr ::/0',
        'domain com',
        'domain github.com',
        'allow-cidr 0.0.0.0/0',
      ]),
    );
    expect(model.domains).not.toContain('com');
    expect(model.domains).not.toContain('github.com');
    // The ignored 0.0.0.0/0 allow entry did not excuse everything.
    expect(model.ipv4.length).toBeGreaterThan(10);
  });

  it('subtracts an allowed address from its block and makes an allowed name under a blocked one an exception', () => {
    expect(model.ipv4).not.toContain('100.64.8.0/24');
    const cover = [
      '100.64.8.0/27',
      '100.64.8.32/28',
      '100.64.8.48/30',
      '100.64.8.52/32',
      '100.64.8.54/31',
      '100.64.8.56/29',
      '100.64.8.64/26',
      '100.64.8.128/25',
    ];
    for (const c of cover) expect(model.ipv4).toContain(c.endsWith('/32') ? c.slice(0, -3) : c);
    expect(model.exceptions).toEqual(['portal.c2-panel.example.net']);
    expect(model.exactOnly.has('c2-panel.example.net')).toBe(true);
  });
});

describe.each(EXPORT_FORMATS)('export %s', (format) => {
  it('never contains an allow-listed entry and names campaign, version and date', () => {
    // The DNS formats may name the allowed name only in their exception lines (never blocked).
    const exception = /rpz-passthru|always_transparent|^server=\/|-Action ALLOW/;
    for (const f of files(format)) {
      const blocking = f.text
        .split(/\r?\n/)
        .filter((l) => !exception.test(l))
        .join('\n');
      expect(blocking).not.toMatch(/100\.64\.8\.53(?![\d/])/);
      expect(blocking).not.toMatch(/(^|[\s'",=/.*])portal\.c2-panel\.example\.net/m);
    }
    const main = files(format)[0].text;
    expect(main).toContain('cd-2026-hn');
    expect(main).toMatch(/v12|version: 12|Version: 12/);
    expect(main).toContain('2026-11-30');
    expect(main).not.toMatch(/SAMPLE/);
  });

  it('is byte-identical for the same feed, whatever the order of its entries', () => {
    const shuffled: CampaignFeed = {
      ...feed,
      indicators: [...feed.indicators].reverse(),
      allowList: [...feed.allowList].reverse(),
    };
    expect(files(format, shuffled)).toEqual(files(format));
  });

  it('says SAMPLE in the header of the sample feed', () => {
    expect(files(format, sampleFeed())[0].text).toMatch(/SAMPLE/);
  });
});

describe('DNS exports loaded by the real tools', () => {
  it('named-checkzone (bind9utils) loads the RPZ zone, which blocks exactly the model', () => {
    const [zone] = files('rpz');
    const r = check(tool('named-checkzone', 'bind9utils'), ['sachmadoc.rpz', write(zone)]);
    expect(r.output).toMatch(/loaded serial 12/);
    expect(r.status).toBe(0);
    const back = readers.rpz(zone.text);
    expect(back.ips.map(canon).sort()).toEqual(ips.map(canon).sort());
    // RPZ keeps subdomain blocking: the exception is a passthru rule, tested here.
    expect(back.names).toEqual(model.domains.flatMap((d) => [d, `*.${d}`]).sort());
    expect(zone.text).toContain('portal.c2-panel.example.net CNAME rpz-passthru.');
  });

  it('named-checkzone still loads the zone when a feed name is too long to carry the zone name', () => {
    const label = (c: string) => c.repeat(60);
    const long = `${label('a')}.${label('b')}.${label('c')}.${label('d')}.example`; // 252 characters
    const near = `${label('e')}.${label('f')}.${label('g')}.${'h'.repeat(44)}.c2.example`; // 238: *. would not fit
    const fd: CampaignFeed = {
      ...feed,
      indicators: [...feed.indicators, { type: 'domain', value: long }, { type: 'domain', value: near }],
    };
    const [zone] = files('rpz', fd);
    const r = check(tool('named-checkzone', 'bind9utils'), [
      'sachmadoc.rpz',
      write({ name: 'long.rpz', text: zone.text }),
    ]);
    expect(r.output).toMatch(/loaded serial 12/);
    expect(zone.text).toContain(`too long for an RPZ owner name, left out: ${long}`);
    expect(zone.text).toContain(`\n${near} CNAME .\n`);
    expect(zone.text).not.toContain(`*.${near}`);
  });

  it('named-checkzone rejects a broken zone (the check is real)', () => {
    const [zone] = files('rpz');
    const broken = { name: 'broken.rpz', text: zone.text.replace('CNAME .', 'CNAME') };
    const r = check(tool('named-checkzone', 'bind9utils'), ['sachmadoc.rpz', write(broken)]);
    expect(r.status).not.toBe(0);
  });

  it('unbound-checkconf accepts the local-zone config', () => {
    const [conf] = files('unbound');
    const main = join(dir, 'unbound-main.conf');
    writeFileSync(
      main,
      `server:\n  chroot: ""\n  username: ""\n  directory: "${dir}"\ninclude: "${write(conf)}"\n`,
    );
    const r = check(tool('unbound-checkconf', 'unbound'), [main]);
    expect(r.output).toMatch(/no errors/);
    expect(r.status).toBe(0);
    expect(readers.unbound(conf.text).names).toEqual(model.domains.flatMap((d) => [d, `*.${d}`]).sort());
    expect(conf.text).toContain('local-zone: "portal.c2-panel.example.net." always_transparent');
  });

  it('unbound-checkconf rejects a broken line (the check is real)', () => {
    const broken = {
      name: 'broken-unbound.conf',
      text: `${files('unbound')[0].text}    local-zone: "x.example." nonsense\n`,
    };
    expect(check(tool('unbound-checkconf', 'unbound'), [write(broken)]).status).not.toBe(0);
  });

  it('dnsmasq --test accepts the conf-file', () => {
    const [conf] = files('dnsmasq');
    const r = check(tool('dnsmasq', 'dnsmasq-base'), ['--test', `--conf-file=${write(conf)}`]);
    expect(r.output).toMatch(/syntax check OK/);
    expect(r.status).toBe(0);
    expect(readers.dnsmasq(conf.text).names).toEqual(model.domains.flatMap((d) => [d, `*.${d}`]).sort());
    expect(conf.text).toContain('server=/portal.c2-panel.example.net/#');
  });

  it('dnsmasq --test rejects a broken line (the check is real)', () => {
    const broken = {
      name: 'broken-dnsmasq.conf',
      text: `${files('dnsmasq')[0].text}address=/x.example/not-an-ip\n`,
    };
    expect(
      check(tool('dnsmasq', 'dnsmasq-base'), ['--test', `--conf-file=${write(broken)}`]).status,
    ).not.toBe(0);
  });
});

describe('the other exports read back to the same addresses and names', () => {
  const cases: [ExportFormat, (t: string) => ReadBack, 'ips' | 'names' | 'both', boolean][] = [
    ['windows-dns', readers['windows-dns'], 'names', true],
    ['mikrotik', readers.mikrotik, 'both', false],
    ['fortigate-ip', readers['fortigate-ip'], 'ips', false],
    ['fortigate-domain', readers['fortigate-domain'], 'names', false],
    ['pfsense', readers.pfsense, 'ips', false],
    ['windows-firewall', readers['windows-firewall'], 'ips', false],
  ];
  it.each(cases)('%s', (format, read, what, subsAlways) => {
    const back = read(files(format)[0].text);
    if (what !== 'names') expect(back.ips).toEqual(ips);
    if (what !== 'ips')
      expect(back.names).toEqual(
        subsAlways ? model.domains.flatMap((d) => [d, `*.${d}`]).sort() : withSubs(model.domains),
      );
  });

  it('windows-dns lets the allowed name through before the block policies', () => {
    const text = files('windows-dns')[0].text;
    const allow = text.indexOf(
      "-Name 'SachMaDoc-Allow-001' -Action ALLOW -FQDN 'EQ,portal.c2-panel.example.net,*.portal.c2-panel.example.net'",
    );
    expect(allow).toBeGreaterThan(0);
    expect(allow).toBeLessThan(text.indexOf('SachMaDoc-Block-001'));
  });

  it('hosts lists every name once, read by our hosts-file parser', () => {
    expect(readers.hosts(files('hosts')[0].text).names).toEqual([...model.domains].sort());
  });

  it('fortigate and pfsense lists are read back by the plain-list parser as the same indicators', () => {
    for (const f of ['fortigate-ip', 'pfsense'] as const) {
      const parsed = parseFeed(files(f)[0].text, f);
      expect(parsed.errors).toEqual([]);
      expect(parsed.indicators.map((i) => i.value).sort()).toEqual(ips.map(canon).sort());
    }
  });

  it('suricata: the iprep list holds every address, each name has a DNS and a TLS rule with a unique SID', () => {
    const [rules, categories, iprep] = files('suricata');
    expect(categories.text).toMatch(/^1,SachMaDoc,/);
    expect(
      body(iprep.text)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(ips);
    for (const l of body(iprep.text)) expect(l).toMatch(/,1,127$/);
    const lines = body(rules.text);
    expect(lines[0]).toMatch(/iprep:dst,SachMaDoc,>,0;/);
    const sids = lines.map((l) => /sid:(\d+);/.exec(l)?.[1]);
    expect(new Set(sids).size).toBe(lines.length);
    const dnsNames = lines.flatMap(
      (l) =>
        /dns\.query; (?:dotprefix; content:"\.([^"]+)"|content:"([^"]+)"; nocase; bsize)/
          .exec(l)
          ?.slice(1)
          .filter(Boolean) ?? [],
    );
    expect(dnsNames.sort()).toEqual([...model.domains].sort());
    expect(lines.filter((l) => l.includes('tls.sni;')).length).toBe(model.domains.length);
    // Exact match where an allowed name sits below the blocked one.
    expect(rules.text).toContain('content:"c2-panel.example.net"; nocase; bsize:20;');
  });

  it('zeek intel: #fields header, one typed row per address, name and URL', () => {
    const text = files('zeek-intel')[0].text;
    expect(text).toContain('#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n');
    const back = readers.zeek(text);
    expect(back.ips).toEqual(ips);
    expect(back.names).toEqual([...model.domains].sort());
    expect(back.urls).toEqual(model.urls.map((u) => u.replace(/^[a-z]+:\/\//, '')).sort());
    for (const l of body(text)) expect(l.split('\t')).toHaveLength(4);
  });

  it('STIX 2.1 and MISP are read back by our STIX and MISP parsers as the same indicators', () => {
    const expected = [...ips.map(canon), ...model.domains, ...model.urls].sort();
    for (const f of ['stix', 'misp'] as const) {
      const parsed = parseFeed(files(f)[0].text, f);
      expect(parsed.format).toBe(f === 'stix' ? 'stix' : 'misp');
      expect(parsed.errors).toEqual([]);
      expect(
        parsed.indicators
          .filter((i) => !i.fromUrl)
          .map((i) => i.value)
          .sort(),
      ).toEqual(expected);
    }
    const bundle = JSON.parse(files('stix')[0].text) as {
      objects: { type: string; id: string; spec_version: string }[];
    };
    expect(new Set(bundle.objects.map((o) => o.id)).size).toBe(bundle.objects.length);
    for (const o of bundle.objects) {
      // STIX 2.1: no empty list anywhere.
      for (const v of Object.values(o)) if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
      expect(o.spec_version).toBe('2.1');
      expect(o.id).toMatch(/^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('split where the product has a limit', () => {
  it('FortiGate lists split at 131,072 entries, every address in exactly one part', () => {
    const many: CampaignFeed = {
      ...feed,
      allowList: [],
      indicators: Array.from({ length: FORTIGATE_MAX_ENTRIES + 5000 }, (_, i) => ({
        type: 'ip' as const,
        value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      })),
    };
    const parts = files('fortigate-ip', many);
    expect(parts.map((p) => p.name)).toEqual(['sachmadoc-fortigate-ip.txt', 'sachmadoc-fortigate-ip-2.txt']);
    expect(body(parts[0].text)).toHaveLength(FORTIGATE_MAX_ENTRIES);
    expect(body(parts[1].text)).toHaveLength(5000);
    expect(parts[1].text).toMatch(/part 2\/2/);
    for (const p of parts) expect(Buffer.byteLength(p.text)).toBeLessThan(10 * 1024 * 1024);
  });

  it('Windows Firewall rules hold at most 1,000 addresses each; Windows DNS policies 500 names', () => {
    const many: CampaignFeed = {
      ...feed,
      allowList: [],
      indicators: [
        ...Array.from({ length: 2500 }, (_, i) => ({
          type: 'ip' as const,
          value: `10.1.${i >> 8}.${i & 255}`,
        })),
        ...Array.from({ length: 600 }, (_, i) => ({ type: 'domain' as const, value: `c2-${i}.example.org` })),
      ],
    };
    const fw = files('windows-firewall', many)[0].text;
    expect(fw.match(/New-NetFirewallRule /g)).toHaveLength(3);
    expect(fw).toMatch(/block 3\/3/);
    expect(readers['windows-firewall'](fw).ips).toHaveLength(2500);
    const dns = files('windows-dns', many)[0].text;
    expect(dns.match(/-Action DENY/g)).toHaveLength(3);
  });
});

describe('version-5 UUIDs of the STIX and MISP ids', () => {
  it('SHA-1 and uuidV5 give the published test vectors', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('a'.repeat(1000))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
    // RFC 4122 DNS namespace, "python.org" (the example of Python's uuid module).
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});

describe('Suricata SIDs', () => {
  it('stay unique and inside the local range for 400,000 rules, and unique beyond a million', () => {
    const keys = Array.from({ length: 400_000 }, (_, i) => `dns:c2-${i}.example`);
    const sids = [...suricataSids(keys).values()];
    expect(new Set(sids).size).toBe(keys.length);
    expect(sids.every((s) => s >= 1_000_000 && s < 2_000_000)).toBe(true);
    const many = Array.from({ length: 1_000_100 }, (_, i) => `tls:${i}`);
    expect(new Set(suricataSids(many).values()).size).toBe(many.length);
  });
});
