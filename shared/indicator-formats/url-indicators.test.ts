// Issue 10.1: a URL on a shared platform must never flag the platform. Real-shaped URLhaus rows
// (test/fixtures/feeds/urlhaus-csv-shared-platforms.csv) and the same URL in every other format.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { describe, expect, it } from 'vitest';
import { buildCampaignFeed } from '../../services/feed/feed-build';
import { validateFeedBytes } from '../campaign-feed/validate-feed';
import { canonicalUrl } from '../net/url';
import type { Connection, DnsRecord } from '../domain';
import { parseFeed, toIndicators } from '.';
import { IndicatorIndex } from '../indicators';
import { findFindings } from '../scan/find-findings';
import { connection } from '../../test/support/connection';

const dir = fileURLToPath(new URL('../../test/fixtures/feeds/', import.meta.url));
const RELEASE = 'https://github.com/evil-user/tool/releases/download/v1/setup.exe';

const urlhaus = parseFeed(readFileSync(`${dir}urlhaus-csv-shared-platforms.csv`), 'urlhaus.csv');

const conn = (remoteAddress: string): Connection =>
  connection({ localPort: 50123, remoteAddress, pid: 5120, processName: 'git.exe' });

const dns = (name: string, data: string): DnsRecord => ({
  name,
  type: 'A',
  data,
  ttl: 60,
  origin: 'dns-cache',
});

describe('URLhaus rows on shared platforms', () => {
  it('keeps every URL as a URL indicator', () => {
    expect(urlhaus.errors).toEqual([]);
    expect(urlhaus.indicators.filter((i) => i.kind === 'url').map((i) => i.value)).toEqual([
      RELEASE,
      'https://raw.githubusercontent.com/evil-user/tool/main/stage2.ps1',
      'https://cdn.discordapp.com/attachments/1204/1211/Invoice.zip',
      'https://drive.google.com/uc?export=download&id=1AbCdEf',
      'https://s120-ava-talk.zadn.vn/f/a/1/setup_zalo.exe',
      'https://bit.ly/3xYzAbC',
      'http://evil-user.github.io/x/update.hta',
      'http://182.126.120.150:58801/i',
      'http://dl.update-checker.top/a.exe',
    ]);
  });

  it('derives only the IP literal, the unknown domain and the github.io tenant', () => {
    const derived = urlhaus.indicators.filter((i) => i.fromUrl !== undefined);
    expect(derived.map((i) => [i.kind, i.value, i.id, i.fromUrl])).toEqual([
      [
        'domain',
        'evil-user.github.io',
        'urlhaus-3786307#evil-user.github.io',
        'http://evil-user.github.io/x/update.hta',
      ],
      ['ip', '182.126.120.150', 'urlhaus-3786308#182.126.120.150', 'http://182.126.120.150:58801/i'],
      [
        'domain',
        'dl.update-checker.top',
        'urlhaus-3786309#dl.update-checker.top',
        'http://dl.update-checker.top/a.exe',
      ],
    ]);
    expect(
      urlhaus.indicators.some(
        (i) => i.kind === 'domain' && /github\.com$|discordapp|google|zadn|bit\.ly/.test(i.value),
      ),
    ).toBe(false);
  });

  it('reports each host dropped as a shared platform with its line, URL and category', () => {
    expect(urlhaus.sharedPlatformDrops).toEqual([
      { line: 10, url: RELEASE, host: 'github.com', platform: 'github.com', category: 'code-hosting' },
      {
        line: 11,
        url: 'https://raw.githubusercontent.com/evil-user/tool/main/stage2.ps1',
        host: 'raw.githubusercontent.com',
        platform: 'githubusercontent.com',
        category: 'code-hosting',
      },
      {
        line: 12,
        url: 'https://cdn.discordapp.com/attachments/1204/1211/Invoice.zip',
        host: 'cdn.discordapp.com',
        platform: 'discordapp.com',
        category: 'messaging',
      },
      {
        line: 13,
        url: 'https://drive.google.com/uc?export=download&id=1AbCdEf',
        host: 'drive.google.com',
        platform: 'drive.google.com',
        category: 'cloud-storage',
      },
      {
        line: 14,
        url: 'https://s120-ava-talk.zadn.vn/f/a/1/setup_zalo.exe',
        host: 's120-ava-talk.zadn.vn',
        platform: 'zadn.vn',
        category: 'vn-platform',
      },
      {
        line: 15,
        url: 'https://bit.ly/3xYzAbC',
        host: 'bit.ly',
        platform: 'bit.ly',
        category: 'url-shortener',
      },
    ]);
  });

  it('no longer flags a PC that resolved api.github.com, yet still flags the IP and the unknown domain', () => {
    const index = IndicatorIndex.build(toIndicators(urlhaus, 'urlhaus.csv'));
    const findings = findFindings({
      connections: [conn('140.82.112.6'), conn('182.126.120.150'), conn('198.51.100.23')],
      dnsRecords: [
        dns('api.github.com', '140.82.112.6'),
        dns('github.com', '140.82.112.4'),
        dns('dl.update-checker.top', '198.51.100.23'),
      ],
      index,
    });
    expect(findings.map((f) => [f.via, f.kind, f.indicator, f.domain ?? ''])).toEqual([
      ['connection', 'ip', '182.126.120.150', ''],
      ['connection', 'domain', 'dl.update-checker.top', 'dl.update-checker.top'],
      ['dns-cache', 'domain', 'dl.update-checker.top', 'dl.update-checker.top'],
    ]);
    expect(index.matchDomain('api.github.com')).toBeNull();
    expect(index.match(RELEASE)).toBeNull();
  });

  it('matches the release URL itself where a full URL is seen (proxy logs), in any spelling', () => {
    const index = IndicatorIndex.build(toIndicators(urlhaus, 'urlhaus.csv'));
    expect(index.matchUrl('HTTPS://GITHUB.com:443/evil-user/tool/releases/download/v1/setup.exe#dl')).toEqual(
      {
        id: 'urlhaus-3786301',
        kind: 'url',
        value: RELEASE,
        source: 'urlhaus.csv',
        comment: 'malware_download · exe,github,Vidar',
      },
    );
    expect(index.matchUrl('https://github.com/evil-user/tool/releases/download/v2/setup.exe')).toBeNull();
    expect(index.matchUrl('https://github.com/')).toBeNull();
    expect(index.stats.urls).toBe(9);
  });

  it('lets the allow-list excuse a URL by its host', () => {
    const index = IndicatorIndex.build(toIndicators(urlhaus, 'urlhaus.csv'), [
      { type: 'domain', value: 'github.com' },
    ]);
    expect(index.matchUrl(RELEASE)).toBeNull();
    expect(index.matchUrl('http://dl.update-checker.top/a.exe')?.kind).toBe('url');
  });
});

describe('the same release URL in every feed format', () => {
  const threatfox = [
    '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"',
    `"2024-07-16 06:45:19", "1301699", "${RELEASE}", "url", "payload_delivery", "win.vidar", "None", "Vidar", "", "100", "None", "github", "0", "abuse_ch"`,
  ].join('\n');
  const stix = JSON.stringify({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
        pattern: `[url:value = '${RELEASE}']`,
        pattern_type: 'stix',
        valid_from: '2026-02-26T13:10:02Z',
      },
    ],
  });
  const misp = JSON.stringify({
    Event: {
      info: 'Vidar via GitHub releases',
      Attribute: [
        { uuid: '5f1b2f8e-0c5d-4d8e-9a57-2b7c3e1d9a10', type: 'url', value: RELEASE, to_ids: true },
      ],
    },
  });
  const formats: [string, string][] = [
    ['threatfox.csv', threatfox],
    ['stix.json', stix],
    ['misp.json', misp],
    ['list.txt', `${RELEASE}\n`],
  ];
  for (const [file, text] of formats) {
    it(`${file}: a URL indicator, no domain indicator, one shared-platform drop`, () => {
      const r = parseFeed(text, file);
      expect(r.errors).toEqual([]);
      expect(r.indicators.map((i) => [i.kind, i.value])).toEqual([['url', RELEASE]]);
      expect(r.sharedPlatformDrops?.map((d) => d.host)).toEqual(['github.com']);
    });
  }

  it('a URLhaus host file leaves github.com out, as the URL would', () => {
    const r = parseFeed(
      '# abuse.ch URLhaus Host file\n127.0.0.1\tgithub.com\n127.0.0.1\t1sp1d.club\n',
      'urlhaus-hosts.txt',
    );
    expect(r.format).toBe('urlhaus-hosts');
    expect(r.indicators.map((i) => i.value)).toEqual(['1sp1d.club']);
    expect(r.sharedPlatformDrops).toEqual([
      { line: 2, host: 'github.com', platform: 'github.com', category: 'code-hosting' },
    ]);
  });
});

// fast-check's webUrl builds a large table the first time it is used (14 s on the shared 2-core
// machine, paid for every mutant that runs this file under Stryker). When the runs are capped
// (PROPERTY_RUNS, mutation testing) the URLs come from small alphabets of the same kinds of parts
// instead, as in shared/net/url.test.ts; `npm test` uses fast-check's.
const capped = process.env.PROPERTY_RUNS !== undefined;
const piece = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~', '%41', 'é', '/', '=', '&', ':', '@', ';', '+'),
  maxLength: 6,
});
const cappedUrl = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTP', 'ftp'),
    fc.oneof(
      fc.constantFrom('evil.example', 'Sub.Evil.Example', 'github.com', 'xn--80ak6aa92e.vn', '203.0.113.9'),
      fc.ipV4(),
      fc.domain(),
    ),
    fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
    fc.array(piece, { maxLength: 3 }),
    fc.option(piece, { nil: undefined }),
    fc.option(piece, { nil: undefined }),
  )
  .map(
    ([scheme, host, port, path, query, fragment]) =>
      `${scheme}://${host}${port === undefined ? '' : `:${port}`}${path.map((p) => `/${p}`).join('')}` +
      `${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`,
  );
const webUrl = (): fc.Arbitrary<string> =>
  capped ? cappedUrl : fc.webUrl({ withQueryParameters: true, withFragments: true });

describe('round trip through the signed campaign feed', () => {
  it('random URLs in a MISP event → feed build → campaign feed → the same canonical URLs, valid', () => {
    const urls = fc.uniqueArray(webUrl(), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(urls, (list) => {
        const expected = [
          ...new Set(list.map((u) => canonicalUrl(u)).filter((u): u is string => u !== null)),
        ];
        if (expected.length === 0) return;
        // JSON carries each URL exactly; a plain list would read a trailing ";90" as a Loki score.
        const event = JSON.stringify({
          Event: { info: 'urls', Attribute: list.map((value) => ({ type: 'url', value, to_ids: true })) },
        });
        const outcome = buildCampaignFeed([{ file: 'event.json', bytes: new TextEncoder().encode(event) }], {
          now: new Date('2026-12-01T00:00:00Z'),
          allowBroad: true,
        });
        expect(validateFeedBytes(outcome.text, 'feed.json').ok).toBe(true);
        const again = parseFeed(outcome.text, 'feed.json');
        expect(again.format).toBe('campaign');
        expect(again.indicators.filter((i) => i.kind === 'url').map((i) => i.value)).toEqual(expected);
        // A campaign feed's URL entries are read back as URLs only: the hosts were decided at build.
        expect(again.indicators.filter((i) => i.kind !== 'url').map((i) => `${i.kind}:${i.value}`)).toEqual(
          outcome.feed.indicators.filter((i) => i.type !== 'url').map((i) => `${i.type}:${i.value}`),
        );
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('URLs in plain lists', () => {
  it("keep a ';' of the URL and still read a Loki score or a spaced comment after it", () => {
    const r = parseFeed(
      'http://evil.example/a;jsessionid=1;90\nhttp://203.0.113.50/gate.php?x=1;y=2 ; C2 gate\n',
      'c2-iocs.txt',
    );
    expect(r.errors).toEqual([]);
    expect(r.indicators.filter((i) => i.kind === 'url').map((i) => [i.value, i.severity, i.comment])).toEqual(
      [
        ['http://evil.example/a;jsessionid=1', 'critical', undefined],
        ['http://203.0.113.50/gate.php?x=1;y=2', undefined, 'C2 gate'],
      ],
    );
  });
});

describe('the same URL twice in one file', () => {
  it('is one URL indicator, one skip, and one shared-platform drop', () => {
    const r = parseFeed(
      'https://github.com/evil-user/tool/releases/download/v1/setup.exe\nHTTPS://GITHUB.COM/evil-user/tool/releases/download/v1/setup.exe#x\n',
      'list.txt',
    );
    expect(r.indicators.map((i) => i.value)).toEqual([
      'https://github.com/evil-user/tool/releases/download/v1/setup.exe',
    ]);
    expect(r.skipped).toBe(1);
    expect(r.sharedPlatformDrops).toHaveLength(1);
  });
});
