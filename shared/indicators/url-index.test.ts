import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain';
import { IndicatorIndex } from './index';

const url = (value: string, extra: Partial<Indicator> = {}): Indicator => ({
  id: `url:${value}`,
  kind: 'url',
  value,
  source: 'feed',
  ...extra,
});

describe('URL indicators in the index', () => {
  const index = IndicatorIndex.build([
    url('http://evil.example/a.exe', { id: 'urlhaus-1', comment: 'loader', severity: 'high' }),
    url('HTTP://EVIL.example:80/a.exe#again', { id: 'urlhaus-2' }),
    url('http://203.0.113.9:8080/gate.php'),
    url('not a url at all'),
    // A URL given the wrong kind is not an address or a domain either.
    { id: 'd', kind: 'domain', value: 'http://wrong.example/x', source: 'feed' },
  ]);

  it('holds each canonical URL once, counts it in size, and rejects what is no URL', () => {
    expect(index.stats).toMatchObject({ urls: 2, domains: 0, ipv4: 0, duplicates: 1, rejected: 2 });
    expect(index.size).toBe(2);
  });

  it('answers matchUrl with the first indicator of that URL, its id, comment and severity', () => {
    expect(index.matchUrl('http://evil.example/a.exe?')).toEqual({
      id: 'urlhaus-1',
      kind: 'url',
      value: 'http://evil.example/a.exe',
      source: 'feed',
      comment: 'loader',
      severity: 'high',
    });
    expect(index.matchUrl('http://203.0.113.9:8080/gate.php')?.id).toBe(
      'url:http://203.0.113.9:8080/gate.php',
    );
    expect(index.matchUrl('http://evil.example/a.exe?x=1')).toBeNull();
    expect(index.matchUrl('garbage')).toBeNull();
  });

  it('never answers an address, a domain or match() with a URL indicator', () => {
    expect(index.matchAddress('203.0.113.9')).toBeNull();
    expect(index.matchDomain('evil.example')).toBeNull();
    expect(index.match('evil.example')).toBeNull();
    expect(index.match('http://evil.example/a.exe')).toBeNull();
  });
});
