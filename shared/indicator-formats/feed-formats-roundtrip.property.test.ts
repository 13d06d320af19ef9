// Round-trip properties for the CSV and JSON feed formats (issue 19): generated indicators written
// as Feodo Tracker, ThreatFox and URLhaus CSV, a STIX 2.1 bundle and a MISP event, parsed back
// (by the format's parser and by detection), must give exactly the generated indicators.
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { describe, expect, it } from 'vitest';
import {
  parseFeed,
  parseFeodoCsv,
  parseMispJson,
  parseStixBundle,
  parseThreatfoxCsv,
  parseUrlhausCsv,
  type FeedParseResult,
} from '.';

// Fewer runs under mutation testing (scripts/mutation.mjs sets MUTATION_TESTS), where each mutant
// reruns this file.
// PROPERTY_RUNS (set in the module's env) caps them further.
const RUNS = propertyRuns(process.env.MUTATION_TESTS ? 100 : 500);

const octet = fc.integer({ min: 1, max: 223 });
const ipv4 = fc
  .tuple(octet, fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((p) => p.join('.'));
// A DNS label: a letter, then alphanumeric runs joined by single hyphens (never "xn--", which is punycode).
const label = fc
  .tuple(fc.stringMatching(/^[a-z]$/), fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { maxLength: 3 }))
  .map(([first, runs]) => first + runs.join('-'));
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('example', 'xyz', 'top', 'info'))
  .map(([labels, tld]) => [...labels, tld].join('.'));
const port = fc.integer({ min: 1, max: 65535 });
const path = fc.array(fc.stringMatching(/^[a-z0-9_]{1,8}$/), { maxLength: 3 }).map((p) => '/' + p.join('/'));

const sorted = (r: FeedParseResult) =>
  r.indicators.map((i) => `${i.kind} ${i.value}${i.port === undefined ? '' : ` :${i.port}`}`).sort();
const uniq = (xs: string[]) => [...new Set(xs)].sort();
const bytes = (t: string) => new TextEncoder().encode(t);
const abusechHeader = (title: string, columns: string) =>
  [
    '################################################################',
    `# ${title.padEnd(61)}#`,
    '# Last updated: 2026-11-20 06:45:19 UTC                        #',
    '################################################################',
    '#',
    columns,
  ].join('\n');

describe('Feodo Tracker CSV round-trip', () => {
  it('gives back every C2 address with its port, on its line', () => {
    const row = fc.record({ ip: ipv4, port, status: fc.constantFrom('online', 'offline') });
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 30, selector: (r) => r.ip }), (rows) => {
        const header = abusechHeader(
          'abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)',
          '"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"',
        );
        const text = [
          header,
          ...rows.map(
            (r) => `"2026-11-17 07:30:05","${r.ip}","${r.port}","${r.status}","2026-11-18","Dridex"`,
          ),
          '# "Number of entries":' + rows.length,
        ].join('\r\n');
        const r = parseFeodoCsv(text, 'feodo.csv');
        expect(r.errors).toEqual([]);
        expect(sorted(r)).toEqual(uniq(rows.map((x) => `ip ${x.ip} :${x.port}`)));
        const first = header.split('\n').length + 1;
        expect(r.indicators.map((i) => i.line).sort((a, b) => a - b)).toEqual(rows.map((_, i) => first + i));
        expect(sorted(parseFeed(bytes(text), 'feodo.csv'))).toEqual(sorted(r));
      }),
      { numRuns: RUNS },
    );
  });
});

type Tf =
  | { type: 'ip:port'; ip: string; port: number }
  | { type: 'domain'; name: string }
  | { type: 'url'; host: string; path: string };
const tfIoc: fc.Arbitrary<Tf> = fc.oneof(
  fc.record({ type: fc.constant('ip:port' as const), ip: ipv4, port }),
  fc.record({ type: fc.constant('domain' as const), name: domain }),
  fc.record({ type: fc.constant('url' as const), host: domain, path }),
);

describe('ThreatFox CSV round-trip', () => {
  it('gives back every ip:port, domain and URL (with the URL host), nothing else', () => {
    fc.assert(
      fc.property(fc.array(tfIoc, { minLength: 1, maxLength: 30 }), (iocs) => {
        const value = (t: Tf) =>
          t.type === 'ip:port'
            ? `${t.ip}:${t.port}`
            : t.type === 'domain'
              ? t.name
              : `http://${t.host}${t.path}`;
        const text = [
          abusechHeader(
            'ThreatFox IOCs: additions - CSV format (full dump)',
            '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"',
          ),
          ...iocs.map(
            (t, i) =>
              `"2026-11-16 06:45:19", "${1_300_000 + i}", "${value(t)}", "${t.type}", "botnet_cc", "win.cobalt_strike", "BEACON", "Cobalt Strike", "", "100", "None", "CobaltStrike", "0", "abuse_ch"`,
          ),
        ].join('\n');
        const r = parseThreatfoxCsv(text, 'threatfox.csv');
        expect(r.errors).toEqual([]);
        const expected = iocs.flatMap((t) =>
          t.type === 'ip:port'
            ? [`ip ${t.ip} :${t.port}`]
            : t.type === 'domain'
              ? [`domain ${t.name}`]
              : [`url http://${t.host}${t.path}`, `domain ${t.host}`],
        );
        // One indicator per value: an ip seen with two ports keeps its first port.
        const firstPort = new Map<string, string>();
        for (const e of expected) {
          const key = e.replace(/ :\d+$/, '');
          if (!firstPort.has(key)) firstPort.set(key, e);
        }
        expect(sorted(r)).toEqual([...firstPort.values()].sort());
        expect(sorted(parseFeed(bytes(text), 'threatfox.csv'))).toEqual(sorted(r));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('URLhaus CSV round-trip', () => {
  it('gives back every URL and its host (IP literal or domain)', () => {
    const url = fc.record({ host: fc.oneof(domain, ipv4), port: fc.option(port), path });
    fc.assert(
      fc.property(fc.array(url, { minLength: 1, maxLength: 30 }), (urls) => {
        const print = (u: { host: string; port: number | null; path: string }) =>
          `http://${u.host}${u.port === null || u.port === 80 ? '' : `:${u.port}`}${u.path}`;
        const text = [
          abusechHeader(
            'abuse.ch URLhaus Database Dump (CSV - recent URLs only)',
            '# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter',
          ),
          ...urls.map(
            (u, i) =>
              `"${3_786_000 + i}","2026-11-26 12:05:20","${print(u)}","online","2026-11-26 12:05:20","malware_download","elf,Mozi","https://urlhaus.abuse.ch/url/${3_786_000 + i}/","geenensp"`,
          ),
        ].join('\n');
        const r = parseUrlhausCsv(text, 'urlhaus.csv');
        expect(r.errors).toEqual([]);
        const expected = urls.flatMap((u) => [
          `url ${print(u)}`,
          /^\d+\.\d+\.\d+\.\d+$/.test(u.host) ? `ip ${u.host}` : `domain ${u.host}`,
        ]);
        expect(sorted(r).map((s) => s.replace(/ :\d+$/, ''))).toEqual(uniq(expected));
        expect(sorted(parseFeed(bytes(text), 'urlhaus.csv'))).toEqual(sorted(r));
      }),
      { numRuns: RUNS },
    );
  });
});

type Obs = { kind: 'ip' | 'domain'; value: string };
const obs: fc.Arbitrary<Obs> = fc.oneof(
  ipv4.map((value) => ({ kind: 'ip' as const, value })),
  domain.map((value) => ({ kind: 'domain' as const, value })),
);

describe('STIX 2.1 bundle round-trip', () => {
  it('gives back every indicator pattern value, and none from a revoked indicator', () => {
    const ind = fc.record({ values: fc.array(obs, { minLength: 1, maxLength: 3 }), revoked: fc.boolean() });
    fc.assert(
      fc.property(fc.array(ind, { minLength: 1, maxLength: 20 }), (inds) => {
        const objects = inds.map((x, i) => ({
          type: 'indicator',
          spec_version: '2.1',
          id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          created: '2026-11-20T00:00:00.000Z',
          modified: '2026-11-20T00:00:00.000Z',
          pattern_type: 'stix',
          valid_from: '2026-11-20T00:00:00Z',
          revoked: x.revoked,
          pattern: x.values
            .map((v) => `[${v.kind === 'ip' ? 'ipv4-addr' : 'domain-name'}:value = '${v.value}']`)
            .join(' OR '),
        }));
        const text = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }, null, 2);
        const r = parseStixBundle(text, 'bundle.json');
        expect(r.errors).toEqual([]);
        const expected = uniq(
          inds.filter((x) => !x.revoked).flatMap((x) => x.values.map((v) => `${v.kind} ${v.value}`)),
        );
        expect(sorted(r)).toEqual(expected);
        expect(sorted(parseFeed(bytes(text), 'bundle.json'))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('MISP event round-trip', () => {
  it('gives back every to_ids network attribute (ip-dst, domain, hostname, domain|ip), none of the others', () => {
    const attr = fc.oneof(
      fc.record({ type: fc.constantFrom('ip-dst', 'ip-src'), value: ipv4, ids: fc.boolean() }),
      fc.record({ type: fc.constantFrom('domain', 'hostname'), value: domain, ids: fc.boolean() }),
      fc.record({
        type: fc.constant('domain|ip'),
        value: fc.tuple(domain, ipv4).map(([d, i]) => `${d}|${i}`),
        ids: fc.boolean(),
      }),
      fc.record({ type: fc.constant('md5'), value: fc.stringMatching(/^[0-9a-f]{32}$/), ids: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(attr, { minLength: 1, maxLength: 25 }), (attrs) => {
        const Attribute = attrs.map((a, i) => ({
          type: a.type,
          category: 'Network activity',
          to_ids: a.ids,
          uuid: `5c8f0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          value: a.value,
        }));
        const text = JSON.stringify({ Event: { info: 'generated', threat_level_id: '1', Attribute } });
        const r = parseMispJson(text, 'misp.json');
        const kept = attrs.filter((a) => a.ids && a.type !== 'md5');
        const expected = uniq(
          kept.flatMap((a) =>
            a.type === 'domain|ip'
              ? [`domain ${a.value.split('|')[0]}`, `ip ${a.value.split('|')[1]}`]
              : [`${a.type.startsWith('ip') ? 'ip' : 'domain'} ${a.value}`],
          ),
        );
        expect(sorted(r)).toEqual(expected);
        expect(sorted(parseFeed(bytes(text), 'misp.json'))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
