// Every feed document of ../shared/realdata (copied to test/fixtures/feeds) must give the
// indicators a person reading the file would list, with the lines they are on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFeed, toIndicators, type FeedParseResult } from '.';

const dir = fileURLToPath(new URL('../../test/fixtures/feeds/', import.meta.url));

function parseFixture(name: string): FeedParseResult {
  return parseFeed(readFileSync(dir + name), name);
}

function values(result: FeedParseResult): string[] {
  return result.indicators.map((i) => `${i.kind}:${i.value}`);
}

describe('STIX 2.1 realdata', () => {
  it('reads the OASIS C2 IP indicator with its id, name and line', () => {
    const r = parseFixture('stix-a-c2-ip-bundle.json');
    expect(r.format).toBe('stix');
    expect(r.errors).toEqual([]);
    expect(r.indicators).toEqual([
      {
        kind: 'ip',
        value: '10.0.0.0',
        line: 16,
        id: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
        comment: 'IP Address for known C2 channel',
      },
    ]);
  });

  it('reads APT1 CIDR and the PoisonIvy OR list, reporting only the malformed domain value', () => {
    const r = parseFixture('stix-b-apt1-poisonivy-patterns.txt');
    expect(r.format).toBe('stix');
    expect(values(r)).toEqual([
      'cidr:223.166.0.0/15',
      'domain:hugesoft.org',
      'domain:www.webserver.dynssl.com',
      'ip:113.10.246.30',
      'ip:219.90.112.203',
      'ip:75.126.95.138',
      'ip:219.90.112.197',
      'ip:202.65.222.45',
      'ip:60.10.1.115',
    ]);
    expect(r.indicators.find((i) => i.value === '60.10.1.115')?.line).toBe(4);
    const bad = r.errors.find((e) => e.message.includes('domain autuo.xicp.net'));
    expect(bad).toMatchObject({ file: 'stix-b-apt1-poisonivy-patterns.txt', line: 4 });
    // The fragment is not a whole bundle: the person is told so, with the patterns still read.
    expect(r.errors.some((e) => /not a complete STIX JSON bundle; 4 pattern/.test(e.message))).toBe(true);
  });

  it('keeps a url:value pattern as a URL and derives its (unknown) domain', () => {
    const r = parseFixture('stix-c-malicious-url-indicator.txt');
    expect(r.indicators).toEqual([
      {
        kind: 'url',
        value: 'http://x4z9arb.cn/4712/',
        line: 10,
        // Not a whole bundle, yet the id and name written before the pattern are still found.
        id: 'indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f',
        comment: 'Malicious site hosting downloader',
      },
      {
        kind: 'domain',
        value: 'x4z9arb.cn',
        line: 10,
        id: 'indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f#x4z9arb.cn',
        comment: 'Malicious site hosting downloader',
        fromUrl: 'http://x4z9arb.cn/4712/',
      },
    ]);
  });

  it('reads the network-traffic dst_ref pattern MISP exports for ip-dst', () => {
    const r = parseFixture('stix-d1-misp-ip-dst-indicator.txt');
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '8.8.8.8', line: 8, id: 'indicator--91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f' },
    ]);
  });

  it('reads a domain and the address it resolves to (MISP domain|ip as STIX)', () => {
    const r = parseFixture('stix-d2-misp-domain-patterns.txt');
    expect(values(r)).toEqual(['domain:circl.lu', 'ip:149.13.33.14']);
    expect(r.skipped).toBe(1); // circl.lu again on line 2
  });

  it('reads url and the parenthesised network-traffic pattern, ignoring x_misp_ custom properties', () => {
    const r = parseFixture('stix-d3-misp-url-network-traffic-patterns.txt');
    expect(values(r)).toEqual([
      'url:https://misp-project.org/download/',
      'domain:misp-project.org',
      'url:https://www.circl.lu/team',
      'domain:www.circl.lu',
      'ip:149.13.33.14',
      'domain:circl.lu',
    ]);
    expect(r.indicators.filter((i) => i.fromUrl !== undefined).map((i) => i.value)).toEqual([
      'misp-project.org',
      'www.circl.lu',
    ]);
  });

  it('canonicalises ipv6-addr values', () => {
    const r = parseFixture('stix-e-ipv6-patterns.txt');
    expect(values(r)).toEqual(['ip:2001:db8::1', 'ip:1:2:3:4:5:6:7:8']);
  });
});

describe('MISP realdata', () => {
  it('says a feed manifest holds no indicators and points at the event files', () => {
    const r = parseFixture('misp-a-feed-manifest.json');
    expect(r.format).toBe('misp-manifest');
    expect(r.indicators).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/MISP feed manifest \(an index of 1 events\).*<uuid>\.json/);
  });

  it('finds no network indicator in the CIRCL Xorist event (link, md5, regkey) and says what was left out', () => {
    const r = parseFixture('misp-b-circl-xorist-event.json');
    expect(r.format).toBe('misp');
    expect(r.indicators).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.skipped).toBe(3);
    expect(r.notes?.join('\n')).toMatch(/link ×1, md5 ×1, regkey\|value ×1/);
  });

  it('reads both attributes of a domain-ip MISP object', () => {
    const r = parseFixture('misp-c1-domain-ip-object.json');
    expect(r.indicators).toEqual([
      { kind: 'domain', value: 'circl.lu', line: 13, id: '91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f' },
      { kind: 'ip', value: '149.13.33.14', line: 22, id: '518b4bcb-a86b-4783-9457-391d548b605b' },
    ]);
  });

  it('reads a single event with the attribute comment and the event threat level as severity', () => {
    const r = parseFixture('misp-c2-domain-event.json');
    expect(r.indicators).toEqual([
      {
        kind: 'domain',
        value: 'circl.lu',
        line: 10,
        id: '4bb235a7-7d25-4aef-802f-2c6b45c5eceb',
        comment: 'Domain test attribute',
        severity: 'medium',
      },
    ]);
  });
});

describe('abuse.ch realdata', () => {
  it('reads Feodo Tracker CSV (CRLF, un-commented header) with ports and malware names', () => {
    const r = parseFixture('feodo-ipblocklist.csv');
    expect(r.format).toBe('feodo-csv');
    expect(r.errors).toEqual([]);
    expect(values(r)).toEqual([
      'ip:67.213.75.205',
      'ip:51.178.161.32',
      'ip:162.144.127.197',
      'ip:111.230.104.169',
    ]);
    expect(r.indicators[0]).toMatchObject({ line: 10, port: 443, comment: 'Dridex · C2 offline' });
  });

  it('reads the Feodo Tracker text list', () => {
    const r = parseFixture('feodo-ipblocklist-recommended.txt');
    expect(r.format).toBe('feodo-txt');
    expect(r.indicators).toEqual([
      { kind: 'ip', value: '50.16.16.211', line: 6 },
      { kind: 'ip', value: '1.2.3.4', line: 7 },
    ]);
  });

  it('refuses the Feodo Suricata ruleset header and names the list to use instead', () => {
    const r = parseFixture('feodo-suricata-rules-header.rules');
    expect(r.format).toBe('unknown');
    expect(r.errors[0]?.message).toMatch(/Suricata\/Snort ruleset \(use Feodo Tracker ipblocklist/);
  });

  it('reads the URLhaus host file (TAB separated)', () => {
    const r = parseFixture('urlhaus-hostfile.txt');
    expect(r.format).toBe('urlhaus-hosts');
    expect(values(r)).toEqual([
      'domain:123evdenevenakliyat.com',
      'domain:1home.az',
      'domain:1sp1d.club',
      'domain:1sp2d.club',
      'domain:1sp3d.club',
    ]);
    expect(r.indicators[0]?.line).toBe(9);
  });

  it('keeps a URLhaus CSV url and derives its IP-literal host with the port', () => {
    const r = parseFixture('urlhaus-csv-recent.csv');
    expect(r.format).toBe('urlhaus-csv');
    expect(r.indicators).toEqual([
      {
        kind: 'url',
        value: 'http://182.126.120.150:58801/i',
        line: 10,
        id: 'urlhaus-3786237',
        comment: 'malware_download · 32-bit,elf,mips,Mozi',
      },
      {
        kind: 'ip',
        value: '182.126.120.150',
        port: 58801,
        line: 10,
        id: 'urlhaus-3786237#182.126.120.150',
        comment: 'malware_download · 32-bit,elf,mips,Mozi',
        fromUrl: 'http://182.126.120.150:58801/i',
      },
    ]);
    expect(r.sharedPlatformDrops).toBeUndefined();
  });

  it('splits ThreatFox ip:port into ip + port; a url IOC stays a URL and yields its domain', () => {
    const r = parseFixture('threatfox-full.csv');
    expect(r.format).toBe('threatfox-csv');
    expect(r.errors).toEqual([]);
    expect(r.indicators).toEqual([
      {
        kind: 'url',
        value: 'http://rocheholding.top/rudolph/five/fre.php',
        line: 10,
        id: 'threatfox-1301611',
        comment: 'Loki Password Stealer (PWS) · botnet_cc',
      },
      {
        kind: 'domain',
        value: 'rocheholding.top',
        line: 10,
        id: 'threatfox-1301611#rocheholding.top',
        comment: 'Loki Password Stealer (PWS) · botnet_cc',
        fromUrl: 'http://rocheholding.top/rudolph/five/fre.php',
      },
      {
        kind: 'ip',
        value: '8.134.12.90',
        port: 7777,
        line: 11,
        id: 'threatfox-1301610',
        comment: 'Cobalt Strike · botnet_cc',
      },
    ]);
  });
});

describe('hosts-file realdata', () => {
  it('reads the default Windows hosts file as a hosts list with nothing in it', () => {
    const r = parseFixture('hosts-a-windows-default.txt');
    expect(r).toMatchObject({ format: 'hosts', indicators: [], errors: [] });
  });

  it('reads the 127.0.0.1 Adobe crack block: every name, not the loopback address', () => {
    const r = parseFixture('hosts-b-adobe-cc-crack.txt');
    expect(r.format).toBe('hosts');
    expect(r.indicators).toHaveLength(18);
    expect(values(r)).toContain('domain:practivate.adobe.com');
    expect(values(r)).not.toContain('ip:127.0.0.1');
    expect(r.indicators[17]).toEqual({ kind: 'domain', value: 'hlrcv.stage.adobe.com', line: 18 });
  });

  it('reads the 0.0.0.0 GenP block after its comment line', () => {
    const r = parseFixture('hosts-c-adobe-genp.txt');
    expect(r.indicators[0]).toEqual({ kind: 'domain', value: 'ic.adobe.io', line: 2 });
    expect(r.indicators).toHaveLength(9);
  });

  it('reads the Autodesk block', () => {
    expect(values(parseFixture('hosts-e-autodesk.txt'))).toEqual([
      'domain:genuine-software.autodesk.com',
      'domain:genuine-software1.autodesk.com',
      'domain:genuine-software2.autodesk.com',
      'domain:ipm-provider.autodesk.com',
      'domain:registeronce.autodesk.com',
      'domain:clm.autodesk.com',
      'domain:lic.autodesk.com',
    ]);
  });

  it('refuses script lines that merely quote hosts entries', () => {
    const r = parseFixture('hosts-d-crack-script-lines.txt');
    expect(r.format).toBe('unknown');
    expect(r.errors[0]?.message).toMatch(/looks like a script/);
  });

  it('refuses a DNS cache listing and says to use --dns-cache', () => {
    const r = parseFixture('hosts-e2-get-dnsclientcache.txt');
    expect(r.format).toBe('unknown');
    expect(r.errors[0]).toMatchObject({ file: 'hosts-e2-get-dnsclientcache.txt', line: 1 });
    expect(r.errors[0]?.message).toMatch(/DNS cache listing \(use --dns-cache\)/);
  });

  it('refuses a netstat capture and says to use --netstat', () => {
    const r = parseFixture('not-a-feed-netstat-ano.txt');
    expect(r.format).toBe('unknown');
    expect(r.indicators).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/netstat capture \(use --netstat\).*Accepted formats/);
  });
});

describe('toIndicators', () => {
  it('keeps feed ids, falls back to kind:value, and names the source', () => {
    const stix = toIndicators(parseFixture('stix-a-c2-ip-bundle.json'), 'oasis-c2');
    expect(stix).toEqual([
      {
        id: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
        kind: 'ip',
        value: '10.0.0.0',
        source: 'oasis-c2',
        comment: 'IP Address for known C2 channel',
      },
    ]);
    const hosts = toIndicators(parseFixture('hosts-e-autodesk.txt'), 'autodesk');
    expect(hosts[0]).toEqual({
      id: 'domain:genuine-software.autodesk.com',
      kind: 'domain',
      value: 'genuine-software.autodesk.com',
      source: 'autodesk',
    });
  });
});
