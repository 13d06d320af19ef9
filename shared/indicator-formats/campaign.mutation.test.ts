// The project's campaign feed read as an indicator source (issue 19, mutation testing of
// campaign.ts): each entry checked against its declared type, URL entries kept as URLs, severity
// only from the four known words, ids and comments as given, lines where the values are.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors';
import { isCampaignJson, parseCampaignJson } from './campaign';

const sample = readFileSync(
  fileURLToPath(new URL('../../assets/feed/sample-feed.json', import.meta.url)),
  'utf8',
);
const feedOf = (indicators: unknown) =>
  JSON.stringify(
    {
      format: 'sachmadoc-campaign-feed',
      version: 3,
      publishedAt: '2026-11-23T07:45:00Z',
      campaign: { id: 'lam-sach-ma-doc-mau' },
      indicators,
      allowList: [],
    },
    null,
    2,
  );
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseCampaignJson', () => {
  it('the bundled sample feed: every entry read, at its line, with its id', () => {
    const r = parseCampaignJson(sample, 'sample-feed.json');
    const entries = (JSON.parse(sample) as { indicators: { id?: string; value: string }[] }).indicators;
    expect(r.format).toBe('campaign');
    expect(r.errors).toEqual([]);
    expect(r.indicators).toHaveLength(entries.length);
    expect(r.indicators.map((i) => i.id)).toEqual(entries.map((e) => e.id));
    for (const i of r.indicators) expect(i.line, i.value).toBe(lineOf(sample, JSON.stringify(i.value)));
  });

  it('each type: ip, cidr, domain, url (kept as a URL, its host not added); id, comment and severity as given', () => {
    const text = feedOf([
      { id: 'i1', type: 'ip', value: '198.51.100.7', severity: 'high', comment: 'C2' },
      { id: 'i2', type: 'cidr', value: '198.51.100.0/24', severity: 'low' },
      { id: 'i3', type: 'domain', value: 'Evil.Example', severity: 'medium' },
      { id: 'i4', type: 'url', value: 'HTTPS://Dl.Evil.Example/a.exe', severity: 'critical' },
      { type: 'ip', value: '2001:DB8::1' },
    ]);
    const r = parseCampaignJson(text, 'f.json');
    expect(r.errors).toEqual([]);
    expect(r.indicators).toEqual([
      {
        kind: 'ip',
        value: '198.51.100.7',
        line: lineOf(text, '198.51.100.7'),
        id: 'i1',
        comment: 'C2',
        severity: 'high',
      },
      {
        kind: 'cidr',
        value: '198.51.100.0/24',
        line: lineOf(text, '198.51.100.0/24'),
        id: 'i2',
        severity: 'low',
      },
      {
        kind: 'domain',
        value: 'evil.example',
        line: lineOf(text, 'Evil.Example'),
        id: 'i3',
        severity: 'medium',
      },
      {
        kind: 'url',
        value: 'https://dl.evil.example/a.exe',
        line: lineOf(text, 'Dl.Evil'),
        id: 'i4',
        severity: 'critical',
      },
      { kind: 'ip', value: '2001:db8::1', line: lineOf(text, '2001:DB8::1') },
    ]);
  });

  it("a value's line is where it stands as a value, not where an earlier comment names it", () => {
    const text = feedOf([
      { id: 'a', type: 'domain', value: 'c2.evil.example', comment: 'resolves to 198.51.100.7' },
      { id: 'b', type: 'ip', value: '198.51.100.7' },
    ]);
    const r = parseCampaignJson(text, 'f.json');
    expect(r.indicators.map((i) => [i.id, i.line])).toEqual([
      ['a', lineOf(text, '"c2.evil.example"')],
      ['b', lineOf(text, '"198.51.100.7"')],
    ]);
    expect(lineOf(text, 'resolves to')).toBeLessThan(lineOf(text, '"198.51.100.7"'));
  });

  it('an unknown severity word is left out; an empty comment gives none', () => {
    const r = parseCampaignJson(
      feedOf([
        { type: 'ip', value: '198.51.100.7', severity: 'HIGH', comment: '' },
        { type: 'ip', value: '198.51.100.8', severity: 3 },
      ]),
      'f.json',
    );
    expect(r.indicators.map((i) => [i.severity ?? null, i.comment ?? null])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(r.indicators[1]).not.toHaveProperty('severity');
  });

  it('a value that is not of its declared type is an error at its line, naming value and type', () => {
    const text = feedOf([
      { type: 'ip', value: '198.51.100.0/24' },
      { type: 'cidr', value: '198.51.100.9' },
      { type: 'ip', value: 'evil.example' },
      { type: 'domain', value: '198.51.100.10' },
      { type: 'url', value: 'not a url' },
      { type: 'hash', value: 'abc' },
      { value: 'untyped.example' },
      { type: 'ip' },
      'not an object',
      { type: 'ip', value: '198.51.100.11' },
    ]);
    const r = parseCampaignJson(text, 'f.json');
    expect(r.indicators.map((i) => i.value)).toEqual(['198.51.100.11']);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [
        lineOf(text, '"198.51.100.0/24"'),
        expect.stringMatching(/"198\.51\.100\.0\/24".*"ip"|invalid ip indicator/s),
      ],
      [lineOf(text, '"198.51.100.9"'), expect.stringContaining('invalid cidr indicator')],
      [lineOf(text, '"evil.example"'), expect.stringContaining('invalid ip indicator')],
      [lineOf(text, '"198.51.100.10"'), expect.stringContaining('invalid domain indicator')],
      [lineOf(text, '"not a url"'), expect.stringContaining('invalid url indicator')],
      [lineOf(text, '"abc"'), expect.stringContaining('invalid hash indicator')],
      [lineOf(text, 'untyped.example'), expect.stringContaining('invalid untyped indicator')],
      [1, expect.stringContaining('invalid ip indicator')],
    ]);
    expect(r.errors[0]?.message).toContain('"198.51.100.0/24"');
    expect(r.errors[6]?.message).toContain('""');
  });

  it('an entry without a value is reported with its value quoted as empty', () => {
    const r = parseCampaignJson(feedOf([{ id: 'i9', type: 'ip' }, { type: 'domain' }]), 'f.json');
    expect(r.indicators).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'chỉ báo "" kiểu "ip" không hợp lệ (invalid ip indicator)'],
      [1, 'chỉ báo "" kiểu "domain" không hợp lệ (invalid domain indicator)'],
    ]);
  });

  it('not a campaign feed: another format, no indicators list, not JSON', () => {
    for (const text of [
      JSON.stringify({ format: 'other', indicators: [] }),
      JSON.stringify({ format: 'sachmadoc-campaign-feed', indicators: {} }),
      JSON.stringify({ format: 'sachmadoc-campaign-feed' }),
      JSON.stringify([{ format: 'sachmadoc-campaign-feed', indicators: [] }]),
    ]) {
      let e: unknown = null;
      try {
        parseCampaignJson(text, 'f.json');
      } catch (err) {
        e = err;
      }
      expect(e, text).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(1);
      expect((e as ParseError).message).toContain('not a campaign feed (no "indicators" list)');
    }
    expect(() => parseCampaignJson('{"format":', 'f.json')).toThrow(/not valid JSON/);
    expect(parseCampaignJson(feedOf([]), 'f.json').indicators).toEqual([]);
  });

  it('isCampaignJson: only an object whose format is the campaign feed', () => {
    expect(isCampaignJson({ format: 'sachmadoc-campaign-feed' })).toBe(true);
    expect(isCampaignJson({ format: 'sachmadoc-campaign-feed-x' })).toBe(false);
    expect(isCampaignJson([{ format: 'sachmadoc-campaign-feed' }])).toBe(false);
    expect(isCampaignJson(null)).toBe(false);
  });
});
