// The indicator index's bookkeeping (issue 19, mutation testing of shared/indicators/index.ts):
// the indicator given back (id, comment, severity, source) for each kind, the counts in stats,
// URL matching against the allow-list, and the byte scanner's IPv4 probe.
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import { IndicatorIndex } from './index';

const ind = (kind: Indicator['kind'], value: string, extra: Partial<Indicator> = {}): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source: 'campaign-test',
  ...extra,
});
const v4num = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);

describe('the indicator given back', () => {
  it('keeps a non-default id, the comment and the severity of every kind; omits what the feed lacked', () => {
    const index = IndicatorIndex.build([
      ind('ip', '203.0.113.9', { id: 'feodo-1', comment: 'Emotet C2', severity: 'critical' }),
      ind('ip', '203.0.113.10', { severity: 'low' }),
      ind('ip', '2001:db8::9', { id: 'v6-1', comment: 'c6', severity: 'high' }),
      ind('cidr', '198.51.100.0/24', { id: 'blk', severity: 'medium' }),
      ind('cidr', '2001:db8:bad::/48', { comment: 'block6' }),
      ind('domain', 'evil.example', { id: 'dom', comment: 'phish', severity: 'high' }),
      ind('url', 'http://evil.example/gate.php', { id: 'u1', severity: 'critical', comment: 'gate' }),
    ]);
    expect(index.matchAddress('203.0.113.9')).toEqual({
      id: 'feodo-1',
      kind: 'ip',
      value: '203.0.113.9',
      source: 'campaign-test',
      comment: 'Emotet C2',
      severity: 'critical',
    });
    expect(index.matchAddress('203.0.113.10')).toEqual({
      id: 'ip:203.0.113.10',
      kind: 'ip',
      value: '203.0.113.10',
      source: 'campaign-test',
      severity: 'low',
    });
    expect(index.matchAddress('[2001:DB8::9]')).toEqual({
      id: 'v6-1',
      kind: 'ip',
      value: '2001:db8::9',
      source: 'campaign-test',
      comment: 'c6',
      severity: 'high',
    });
    expect(index.matchAddress('198.51.100.77')).toEqual({
      id: 'blk',
      kind: 'cidr',
      value: '198.51.100.0/24',
      source: 'campaign-test',
      severity: 'medium',
    });
    expect(index.matchAddress('2001:db8:bad::1')).toEqual({
      id: 'cidr:2001:db8:bad::/48',
      kind: 'cidr',
      value: '2001:db8:bad::/48',
      source: 'campaign-test',
      comment: 'block6',
    });
    expect(index.matchDomain('WWW.Evil.Example.')).toEqual({
      id: 'dom',
      kind: 'domain',
      value: 'evil.example',
      source: 'campaign-test',
      comment: 'phish',
      severity: 'high',
    });
    expect(index.matchUrl('HTTP://Evil.Example:80/gate.php#x')).toEqual({
      id: 'u1',
      kind: 'url',
      value: 'http://evil.example/gate.php',
      source: 'campaign-test',
      comment: 'gate',
      severity: 'critical',
    });
  });

  it('an id that only looks like the default one is kept', () => {
    const index = IndicatorIndex.build([
      ind('ip', '203.0.113.9', { id: 'ipX203.0.113.9' }),
      ind('ip', '203.0.113.10', { id: 'ip:203.0.113.1' }),
      ind('ip', '203.0.113.11', { id: 'xp:203.0.113.11' }),
      ind('ip', '203.0.113.12', { id: 'ip:203.0.113.13' }),
      ind('domain', 'a.example', { id: 'domain:a.example ' }),
      ind('ip', '203.0.113.14', { id: 'ip:203.0.113.14', comment: '' }),
    ]);
    expect(index.matchAddress('203.0.113.9')?.id).toBe('ipX203.0.113.9');
    expect(index.matchAddress('203.0.113.10')?.id).toBe('ip:203.0.113.1');
    expect(index.matchAddress('203.0.113.11')?.id).toBe('xp:203.0.113.11');
    expect(index.matchAddress('203.0.113.12')?.id).toBe('ip:203.0.113.13');
    expect(index.matchDomain('a.example')?.id).toBe('domain:a.example ');
    expect(index.matchAddress('203.0.113.14')).toEqual({
      id: 'ip:203.0.113.14',
      kind: 'ip',
      value: '203.0.113.14',
      source: 'campaign-test',
      comment: '',
    });
  });

  it('an IPv4 value written with blanks or leading zeros is given back canonical', () => {
    const index = IndicatorIndex.build([
      ind('ip', ' 203.0.113.9 ', { id: 'a' }),
      ind('ip', '::ffff:198.51.100.1', { id: 'b' }),
    ]);
    expect(index.matchAddress('203.0.113.9')).toMatchObject({ id: 'a', value: '203.0.113.9' });
    expect(index.matchAddress('198.51.100.1')).toMatchObject({ id: 'b', value: '198.51.100.1' });
  });

  it("keeps each feed's name, in many combinations of source and severity (past one byte of classes)", () => {
    const severities = [undefined, 'low', 'medium', 'high', 'critical'] as const;
    const list: Indicator[] = [];
    for (let s = 0; s < 70; s++)
      for (let v = 0; v < 5; v++) {
        const n = s * 5 + v;
        list.push(
          ind('domain', `d${n}.example`, {
            source: `feed-${s}`,
            ...(severities[v] ? { severity: severities[v] } : {}),
          }),
        );
        list.push(
          ind('ip', `10.${s}.${v}.1`, {
            source: `feed-${s}`,
            ...(severities[v] ? { severity: severities[v] } : {}),
          }),
        );
      }
    const index = IndicatorIndex.build(list);
    expect(index.stats.sources).toHaveLength(70);
    expect(index.stats.sources[0]).toBe('feed-0');
    expect(index.stats.sources[69]).toBe('feed-69');
    for (let s = 0; s < 70; s += 23)
      for (let v = 0; v < 5; v++) {
        const n = s * 5 + v;
        const want = { source: `feed-${s}`, severity: severities[v] };
        const d = index.matchDomain(`d${n}.example`);
        expect({ source: d?.source, severity: d?.severity }, `d${n}`).toEqual(want);
        const a = index.matchAddress(`10.${s}.${v}.1`);
        expect({ source: a?.source, severity: a?.severity }, `10.${s}.${v}.1`).toEqual(want);
      }
  });

  it('a source met again later keeps its first number', () => {
    const index = IndicatorIndex.build([
      ind('domain', 'a.example', { source: 'A' }),
      ind('domain', 'b.example', { source: 'B' }),
      ind('domain', 'c.example', { source: 'A' }),
    ]);
    expect(index.stats.sources).toEqual(['A', 'B']);
    expect(index.matchDomain('c.example')?.source).toBe('A');
    expect(index.matchDomain('b.example')?.source).toBe('B');
  });
});

describe('stats', () => {
  it('counts every kind, duplicates, rejects (ten samples kept), the allow-list and table memory', () => {
    const rejects = Array.from({ length: 12 }, (_, i) => ind('domain', `not a name ${i}`));
    const index = IndicatorIndex.build(
      [
        ind('ip', '203.0.113.9'),
        ind('ip', '203.0.113.9', { id: 'again' }),
        ind('ip', '2001:db8::9'),
        ind('ip', '2001:DB8::9'),
        ind('cidr', '198.51.100.0/24'),
        ind('cidr', '198.51.100.0/24'),
        ind('cidr', '2001:db8:bad::/48'),
        ind('cidr', '2001:db8:bad::/48'),
        ind('domain', 'evil.example'),
        ind('domain', 'EVIL.example.'),
        ind('url', 'http://evil.example/x'),
        ind('url', 'HTTP://evil.example:80/x'),
        ind('url', 'not a url'),
        ...rejects,
      ],
      [
        { type: 'ip', value: '198.51.100.7' },
        { type: 'ip', value: '198.51.100.7' },
        { type: 'cidr', value: '192.0.2.0/24' },
        { type: 'domain', value: 'ok.evil.example' },
        { type: 'domain', value: 'not a domain' },
      ],
    );
    const s = index.stats;
    expect({ ...s, tableBytes: 0 }).toEqual({
      ipv4: 1,
      ipv6: 1,
      cidr4: 1,
      cidr6: 1,
      domains: 1,
      urls: 1,
      allowed: 3,
      duplicates: 6,
      rejected: 14,
      rejectedSamples: ['not a url', ...rejects.slice(0, 9).map((r) => r.value)],
      sources: ['campaign-test'],
      tableBytes: 0,
    });
    expect(s.rejectedSamples).toHaveLength(10);
    expect(s.tableBytes).toBeGreaterThan(0);
    expect(index.size).toBe(6);
    // The same object until the index changes (it never does).
    expect(index.stats).toBe(s);
    // The first indicator of a value is the one kept.
    expect(index.matchAddress('203.0.113.9')?.id).toBe('ip:203.0.113.9');
  });

  it("an IPv4 block found twice only when the blocks are flattened drops the second one's id", () => {
    const index = IndicatorIndex.build([
      ind('cidr', '198.51.100.0/24', { id: 'first' }),
      ind('cidr', '198.51.100.1/24', { id: 'second' }),
    ]);
    expect(index.stats.duplicates).toBe(1);
    expect(index.matchAddress('198.51.100.200')?.id).toBe('first');
  });

  it('an empty index', () => {
    const index = IndicatorIndex.build([]);
    expect(index.size).toBe(0);
    expect(index.stats.rejectedSamples).toEqual([]);
    expect(index.matchUrl('http://evil.example/x')).toBeNull();
    expect(index.matchAddress('203.0.113.9')).toBeNull();
    expect(index.matchDomain('evil.example')).toBeNull();
  });
});

describe('URL indicators and the allow-list', () => {
  const urls = [
    ind('url', 'http://203.0.113.9/gate.php'),
    ind('url', 'http://[2001:db8::9]/gate.php'),
    ind('url', 'http://cdn.ok.example/x'),
    ind('url', 'http://evil.example/x'),
  ];

  it('matches exact canonical URLs only, never by match() or matchDomain', () => {
    const index = IndicatorIndex.build(urls);
    expect(index.matchUrl('http://203.0.113.9/gate.php')?.kind).toBe('url');
    expect(index.matchUrl('http://203.0.113.9/other')).toBeNull();
    expect(index.matchUrl('not a url')).toBeNull();
    expect(index.matchDomain('evil.example')).toBeNull();
    expect(index.match('203.0.113.9')).toBeNull();
  });

  it('a URL whose host is allow-listed (address, IPv6, block or domain) never matches', () => {
    const index = IndicatorIndex.build(urls, [
      { type: 'ip', value: '203.0.113.9' },
      { type: 'cidr', value: '2001:db8::/64' },
      { type: 'domain', value: 'ok.example' },
    ]);
    expect(index.matchUrl('http://203.0.113.9/gate.php')).toBeNull();
    expect(index.matchUrl('http://[2001:db8::9]/gate.php')).toBeNull();
    expect(index.matchUrl('http://cdn.ok.example/x')).toBeNull();
    expect(index.matchUrl('http://evil.example/x')?.value).toBe('http://evil.example/x');
    // An allow-list of only domains leaves address hosts alone, and the reverse.
    const onlyDomains = IndicatorIndex.build(urls, [{ type: 'domain', value: 'ok.example' }]);
    expect(onlyDomains.matchUrl('http://203.0.113.9/gate.php')?.kind).toBe('url');
    expect(onlyDomains.matchUrl('http://[2001:db8::9]/gate.php')?.kind).toBe('url');
    const onlyAddr = IndicatorIndex.build(urls, [{ type: 'ip', value: '198.51.100.1' }]);
    expect(onlyAddr.matchUrl('http://cdn.ok.example/x')?.kind).toBe('url');
    expect(onlyAddr.matchUrl('http://203.0.113.9/gate.php')?.kind).toBe('url');
  });
});

describe('match, the domain id path and mayMatchV4', () => {
  it('match() sends addresses to matchAddress and the rest to matchDomain', () => {
    const index = IndicatorIndex.build([
      ind('ip', '203.0.113.9'),
      ind('domain', 'evil.example'),
      ind('ip', '2001:db8::9'),
    ]);
    expect(index.match('203.0.113.9')?.kind).toBe('ip');
    expect(index.match('2001:db8::9')?.kind).toBe('ip');
    expect(index.match('x.evil.example')?.value).toBe('evil.example');
    expect(index.match('198.51.100.1')).toBeNull();
    expect(index.matchAddress('evil.example')).toBeNull();
  });

  it('lookupDomainId gives a number whose value and indicator are the match; -1 otherwise', () => {
    const index = IndicatorIndex.build(
      [ind('domain', 'evil.example', { id: 'd' }), ind('domain', 'bücher.example')],
      [{ type: 'domain', value: 'ok.evil.example' }],
    );
    const id = index.lookupDomainId('a.evil.example');
    expect(id).toBeGreaterThanOrEqual(0);
    expect(index.domainValue(id)).toBe('evil.example');
    expect(index.domainIndicator(id)).toEqual(index.matchDomain('a.evil.example'));
    expect(index.lookupDomainId('ok.evil.example')).toBe(-1);
    expect(index.lookupDomainId('x.ok.evil.example')).toBe(-1);
    expect(index.lookupDomainId('other.example')).toBe(-1);
    expect(index.lookupDomainId('')).toBe(-1);
    // A non-ASCII name takes the canonicalising path, allow-list included.
    expect(index.domainValue(index.lookupDomainId('BÜCHER.example'))).toBe('xn--bcher-kva.example');
    expect(index.lookupDomainId('ök.ok.evil.example')).toBe(-1);
    expect(index.lookupDomainId('ö k')).toBe(-1);
    expect(index.matchDomain('ö.evil.example')?.id).toBe('d');
  });

  it('mayMatchV4 is false only for addresses on no IPv4 indicator (the allow-list is not asked)', () => {
    const index = IndicatorIndex.build(
      [ind('ip', '203.0.113.9'), ind('cidr', '198.51.100.0/24')],
      [{ type: 'ip', value: '203.0.113.9' }],
    );
    expect(index.mayMatchV4(v4num('203.0.113.9'))).toBe(true);
    expect(index.mayMatchV4(v4num('198.51.100.200'))).toBe(true);
    expect(index.mayMatchV4(v4num('203.0.113.10'))).toBe(false);
    expect(index.matchAddress('203.0.113.9')).toBeNull();
  });

  it('the allow-list wins for IPv4 and IPv6, exact or block; only addresses that parse', () => {
    const index = IndicatorIndex.build(
      [ind('cidr', '203.0.113.0/24'), ind('cidr', '2001:db8::/32')],
      [
        { type: 'ip', value: '203.0.113.9' },
        { type: 'cidr', value: '2001:db8:1::/48' },
      ],
    );
    expect(index.matchAddress('203.0.113.9')).toBeNull();
    expect(index.matchAddress('203.0.113.8')?.value).toBe('203.0.113.0/24');
    expect(index.matchAddress('2001:db8:1::5')).toBeNull();
    expect(index.matchAddress('2001:db8:2::5')?.value).toBe('2001:db8::/32');
    expect(index.matchAddress('not an address')).toBeNull();
    expect(index.stats.allowed).toBe(2);
  });
});
