// The indicator index's compact storage (issue 19, survivors of the first full mutation run of
// shared/indicators/index.ts): ids and comments are kept only where they differ from the default
// (what share() hands the workers shows it), absent fields are absent (not undefined), one
// metadata class per distinct combination in the narrowest array, the reported table memory,
// duplicates of the first entry, and the allow-list of URLs when it holds only one family.
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import { IndicatorIndex } from './index';

const ind = (kind: Indicator['kind'], value: string, extra: Partial<Indicator> = {}): Indicator => ({
  id: `${kind}:${value}`,
  kind,
  value,
  source: 's',
  ...extra,
});
const v4num = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);

function arrays(shape: unknown): number {
  if (ArrayBuffer.isView(shape)) return shape.byteLength;
  if (shape === null || typeof shape !== 'object') return 0;
  return Object.values(shape).reduce((n: number, v) => n + arrays(v), 0);
}

describe('what the index keeps of each indicator', () => {
  it('stores an id or comment only where the feed gave one that differs, for every kind', () => {
    const index = IndicatorIndex.build([
      ind('domain', 'a.example'),
      ind('domain', 'b.example', { id: 'own-b' }),
      ind('domain', 'c.example', { comment: 'note' }),
      ind('domain', 'evil.example', { id: 'domain:old.evil.example' }),
      ind('ip', '2001:db8::1'),
      ind('cidr', '2001:db8:1::/48'),
      ind('cidr', '10.0.0.0/8'),
      ind('url', 'http://a.example/x'),
      ind('ip', '1.2.3.4'),
      ind('ip', '1.2.3.5', { id: 'v4' }),
      { ...ind('ip', ' 1.2.3.6'), id: 'ip: 1.2.3.6' },
      { ...ind('ip', '1.2.3.7 '), id: 'ip:1.2.3.7 ' },
      { ...ind('ip', '::ffff:1.2.3.8'), id: 'ip:::ffff:1.2.3.8' },
    ]);
    const shape = index.share();
    expect(shape.extras).toStrictEqual([
      [1, { id: 'own-b' }],
      [2, { id: 'domain:c.example', comment: 'note' }],
      [3, { id: 'domain:old.evil.example' }],
    ]);
    expect(shape.v4Extras).toStrictEqual([
      [v4num('1.2.3.5'), { id: 'v4' }],
      [v4num('1.2.3.6'), { id: 'ip: 1.2.3.6' }],
      [v4num('1.2.3.7'), { id: 'ip:1.2.3.7 ' }],
      [v4num('1.2.3.8'), { id: 'ip:::ffff:1.2.3.8' }],
    ]);
    // One metadata class: same source, no severity, ids differing or not.
    expect(shape.metaClasses.length).toBeLessThanOrEqual(2);
    expect(index.matchDomain('x.evil.example')?.id).toBe('domain:old.evil.example');
    expect(index.matchAddress('1.2.3.6')).toStrictEqual({
      id: 'ip: 1.2.3.6',
      kind: 'ip',
      value: '1.2.3.6',
      source: 's',
    });
    expect(index.matchAddress('1.2.3.8')?.id).toBe('ip:::ffff:1.2.3.8');
    // Absent fields are absent, not undefined (JSON output, the report).
    for (const hit of [
      index.matchDomain('a.example'),
      index.matchAddress('1.2.3.4'),
      index.matchAddress('2001:db8::1'),
      index.matchAddress('10.1.1.1'),
      index.matchUrl('http://a.example/x'),
    ])
      expect(Object.keys(hit!).sort()).toEqual(['id', 'kind', 'source', 'value']);
  });

  it('a value of another kind that is a domain name is indexed as a domain', () => {
    const index = IndicatorIndex.build([ind('ip', 'evil.example'), ind('cidr', 'bad.example')]);
    expect(index.stats.domains).toBe(2);
    expect(index.stats.rejected).toBe(0);
    expect(index.matchDomain('a.evil.example')?.id).toBe('ip:evil.example');
  });

  it('the second copy of the first entry is a duplicate (IPv6 block, domain)', () => {
    for (const feed of [
      [ind('cidr', '2001:db8::/32'), ind('cidr', '2001:db8::/32')],
      [ind('domain', 'evil.example'), ind('domain', 'EVIL.example')],
    ]) {
      const index = IndicatorIndex.build(feed);
      expect(index.stats.duplicates).toBe(1);
      expect(index.size).toBe(1);
    }
  });
});

describe('metadata classes', () => {
  const feed = (n: number) =>
    Array.from({ length: n }, (_, i) => ind('domain', `d${i}.example`, { source: `s${i}` }));

  it('one class per distinct source and severity, in the narrowest array that holds them (past 65,536 classes: not here, seconds a mutant)', () => {
    const cases: [number, unknown][] = [
      [1, Uint8Array],
      [256, Uint8Array],
      [257, Uint16Array],
    ];
    for (const [n, Array] of cases) {
      const index = IndicatorIndex.build(feed(n));
      const shape = index.share();
      expect(shape.metaClasses.length, `${n}`).toBe(n);
      expect(shape.metaIndex, `${n}`).toBeInstanceOf(Array);
      expect(index.matchDomain(`d${n - 1}.example`)?.source, `${n}`).toBe(`s${n - 1}`);
    }
  });
});

describe('stats.tableBytes', () => {
  it('counts the address and domain tables of the indicators and the allow-list, and the classes', () => {
    const index = IndicatorIndex.build(
      [
        ind('ip', '1.2.3.4'),
        ind('ip', '2001:db8::1'),
        ind('domain', 'evil.example'),
        ind('cidr', '10.0.0.0/8'),
      ],
      [
        { type: 'ip', value: '5.6.7.8' },
        { type: 'cidr', value: '2001:db8:5::/48' },
        { type: 'domain', value: 'ok.example' },
      ],
    );
    const s = index.share();
    // A domain table also counts one name reference (8 bytes) a slot.
    const domainBytes = (d: typeof s.domains) =>
      d.slots.byteLength + d.filter.byteLength + (d.slots.length / 2) * 8;
    expect(index.stats.tableBytes).toBe(
      arrays(s.ind) +
        arrays(s.allowAddr) +
        domainBytes(s.domains) +
        domainBytes(s.allowDomains) +
        s.metaIndex.byteLength,
    );
  });
});

describe('URL indicators and an allow-list of one family', () => {
  const urls = [ind('url', 'http://203.0.113.9/gate.php'), ind('url', 'http://cdn.ok.example/x')];

  it('addresses only, or domains only: an allow-listed host never matches', () => {
    const onlyAddr = IndicatorIndex.build(urls, [{ type: 'ip', value: '203.0.113.9' }]);
    expect(onlyAddr.matchUrl('http://203.0.113.9/gate.php')).toBeNull();
    expect(onlyAddr.matchUrl('http://cdn.ok.example/x')?.kind).toBe('url');
    const onlyDomains = IndicatorIndex.build(urls, [{ type: 'domain', value: 'ok.example' }]);
    expect(onlyDomains.matchUrl('http://cdn.ok.example/x')).toBeNull();
    expect(onlyDomains.matchUrl('http://203.0.113.9/gate.php')?.kind).toBe('url');
  });
});
