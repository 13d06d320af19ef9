// The indicator index handed to worker threads (issue 19, mutation testing of
// shared/indicators/index.ts: share and fromShared). The log hunt builds one index and its workers
// wrap the shared memory: a wrapped index must answer every kind of lookup, the allow-list and the
// counts exactly as the index it wraps, and the index that shared must keep answering. (The
// campaign-sized property of shared-index.property.test.ts is too slow for every mutant.)
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import type { AllowEntry } from './index';
import { IndicatorIndex } from './index';

const ind = (kind: Indicator['kind'], value: string, extra: Partial<Indicator> = {}): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source: 'feed-a',
  ...extra,
});

const FEED: Indicator[] = [
  ind('ip', '203.0.113.9', { id: 'v4-own', comment: 'C2', severity: 'critical' }),
  ind('ip', '203.0.113.10', { source: 'feed-b', severity: 'low' }),
  ind('ip', '203.0.113.10'),
  ind('ip', '2001:db8::9', { id: 'v6-own', comment: 'c6', severity: 'high' }),
  ind('ip', '2001:db8::a', { source: 'feed-b' }),
  ind('cidr', '198.51.100.0/24', { severity: 'medium', comment: 'block' }),
  ind('cidr', '198.51.100.0/25'),
  ind('cidr', '2001:db8:bad::/48', { id: 'b6' }),
  ind('domain', 'evil.example', { id: 'dom', comment: 'phish', severity: 'high' }),
  ind('domain', 'cdn.evil.example', { source: 'feed-c' }),
  ind('domain', 'xn--bcher-kva.example'),
  ind('domain', 'ok.example'),
  ind('url', 'http://evil.example/gate.php', { id: 'u1', comment: 'gate', severity: 'critical' }),
  ind('url', 'https://203.0.113.50/x'),
  ind('url', 'https://ok.example/y'),
  ind('domain', 'not a name'),
  ind('ip', '999.1.1.1'),
];
const ALLOW: AllowEntry[] = [
  { type: 'ip', value: '203.0.113.50' },
  { type: 'cidr', value: '198.51.100.0/28' },
  { type: 'ip', value: '2001:db8::a' },
  { type: 'domain', value: 'ok.example' },
  { type: 'domain', value: 'nope nope' },
];

const ADDRESSES = [
  '203.0.113.9',
  '203.0.113.10',
  '203.0.113.11',
  '198.51.100.3',
  '198.51.100.77',
  '198.51.100.200',
  '2001:db8::9',
  '[2001:DB8::9]',
  '2001:db8::a',
  '2001:db8:bad::1',
  '2001:db8:bae::1',
  '203.0.113.50',
  '::ffff:203.0.113.9',
];
const NAMES = [
  'evil.example',
  'A.EVIL.EXAMPLE.',
  'x.cdn.evil.example',
  'bücher.example',
  'www.xn--bcher-kva.example',
  'ok.example',
  'a.ok.example',
  'example',
  'not a name',
];
const URLS = [
  'http://evil.example/gate.php',
  'HTTP://EVIL.example:80/gate.php#x',
  'https://203.0.113.50/x',
  'https://ok.example/y',
  'http://evil.example/other',
];

function answers(index: IndicatorIndex): unknown {
  return {
    addresses: ADDRESSES.map((a) => [a, index.matchAddress(a), index.match(a)]),
    names: NAMES.map((n) => {
      const id = index.lookupDomainId(n);
      return [
        n,
        index.matchDomain(n),
        index.match(n),
        id >= 0 ? [index.domainValue(id), index.domainIndicator(id)] : id,
      ];
    }),
    urls: URLS.map((u) => [u, index.matchUrl(u)]),
    may: ['203.0.113.9', '203.0.113.50', '198.51.100.3', '8.8.8.8'].map((a) =>
      index.mayMatchV4(a.split('.').reduce((n, o) => n * 256 + Number(o), 0)),
    ),
    stats: index.stats,
    size: index.size,
  };
}

describe('an index shared with worker threads', () => {
  it('answers every lookup, the allow-list and the counts as the index it wraps, which keeps answering', () => {
    const index = IndicatorIndex.build(FEED, ALLOW);
    const before = answers(index);
    const shape = index.share();
    expect(index.share()).toBe(shape);
    const wrapped = IndicatorIndex.fromShared(shape);
    // Asked twice: the second answer comes from the strings decoded by the first.
    expect(answers(wrapped)).toEqual(before);
    expect(answers(wrapped)).toEqual(before);
    expect(answers(index)).toEqual(before);
    expect(answers(IndicatorIndex.fromShared(structuredClone(shape)))).toEqual(before);
  });

  it('gives back the right indicators after the round trip (not just the same as before)', () => {
    const wrapped = IndicatorIndex.fromShared(IndicatorIndex.build(FEED, ALLOW).share());
    expect(wrapped.matchAddress('203.0.113.9')).toEqual({
      id: 'v4-own',
      kind: 'ip',
      value: '203.0.113.9',
      source: 'feed-a',
      comment: 'C2',
      severity: 'critical',
    });
    expect(wrapped.matchAddress('203.0.113.10')).toEqual({
      id: 'ip:203.0.113.10',
      kind: 'ip',
      value: '203.0.113.10',
      source: 'feed-b',
      severity: 'low',
    });
    expect(wrapped.matchAddress('2001:db8::9')?.id).toBe('v6-own');
    expect(wrapped.matchAddress('2001:db8::a')).toBeNull();
    expect(wrapped.matchAddress('198.51.100.3')).toBeNull();
    expect(wrapped.matchAddress('198.51.100.77')?.value).toBe('198.51.100.0/25');
    expect(wrapped.matchAddress('198.51.100.200')).toMatchObject({
      value: '198.51.100.0/24',
      comment: 'block',
    });
    expect(wrapped.matchAddress('2001:db8:bad::1')).toMatchObject({ id: 'b6', kind: 'cidr' });
    expect(wrapped.matchDomain('A.EVIL.EXAMPLE.')).toMatchObject({ id: 'dom', comment: 'phish' });
    expect(wrapped.matchDomain('x.cdn.evil.example')).toMatchObject({ source: 'feed-c' });
    expect(wrapped.matchDomain('bücher.example')?.value).toBe('xn--bcher-kva.example');
    expect(wrapped.matchDomain('a.ok.example')).toBeNull();
    expect(wrapped.matchUrl('HTTP://EVIL.example:80/gate.php#x')).toMatchObject({
      id: 'u1',
      comment: 'gate',
    });
    expect(wrapped.matchUrl('https://203.0.113.50/x')).toBeNull();
    expect(wrapped.matchUrl('https://ok.example/y')).toBeNull();
    const s = wrapped.stats;
    expect([s.ipv4, s.ipv6, s.cidr4, s.cidr6, s.domains, s.urls, s.allowed]).toEqual([2, 2, 2, 1, 4, 3, 4]);
    expect([s.duplicates, s.rejected, s.rejectedSamples, s.sources]).toEqual([
      1,
      3,
      ['not a name', '999.1.1.1', 'nope nope'],
      ['feed-a', 'feed-b', 'feed-c'],
    ]);
  });

  it('an index with no allow-list, no URL and many metadata classes round-trips too', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      ind('domain', `d${i}.example`, { source: `feed-${i}`, severity: i % 2 ? 'low' : undefined }),
    );
    const index = IndicatorIndex.build(many);
    const wrapped = IndicatorIndex.fromShared(index.share());
    for (const i of [0, 1, 255, 256, 299])
      expect(wrapped.matchDomain(`x.d${i}.example`), `${i}`).toEqual(index.matchDomain(`x.d${i}.example`));
    expect(wrapped.matchDomain('x.d299.example')).toEqual({
      id: 'domain:d299.example',
      kind: 'domain',
      value: 'd299.example',
      source: 'feed-299',
      severity: 'low',
    });
    expect(wrapped.matchUrl('http://d1.example/')).toBeNull();
    expect(wrapped.stats).toEqual(index.stats);
  });
});
