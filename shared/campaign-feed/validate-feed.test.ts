import { describe, expect, it } from 'vitest';
import { feedToIndicators, validateFeedBytes } from './validate-feed';
import { makeFeed } from '../../test/support/feed/feed-test-kit';

const text = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;

describe('validateFeedBytes', () => {
  it('accepts a valid feed and yields domain Indicators with stable ids', async () => {
    const feed = await makeFeed(3);
    feed.indicators.push({ type: 'ip', value: '192.0.2.200' });
    const v = validateFeedBytes(new TextEncoder().encode(text(feed)), 'f.json');
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const ind = feedToIndicators(v.feed);
    expect(ind[0]).toMatchObject({
      id: 'mau-0001',
      kind: 'cidr',
      value: '198.51.100.0/24',
      source: 'lam-sach-ma-doc-test',
      severity: 'high',
    });
    expect(ind.at(-1)).toEqual({
      id: 'ip:192.0.2.200',
      kind: 'ip',
      value: '192.0.2.200',
      source: 'lam-sach-ma-doc-test',
    });
  });

  it('refuses values that are not canonical, with the file:line of the value and the expected form', async () => {
    const feed = await makeFeed(3);
    feed.indicators[1] = { type: 'ip', value: '::ffff:203.0.113.9' };
    feed.allowList[1] = { type: 'domain', value: 'KhongGianMang.VN.' };
    const body = text(feed);
    const v = validateFeedBytes(body, 'agency.json');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.code).toBe('non-canonical');
    const lineOf = (needle: string) => body.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(v.error.issues).toEqual([
      expect.objectContaining({
        file: 'agency.json',
        line: lineOf('::ffff:203.0.113.9'),
        message: expect.stringContaining('"203.0.113.9"'),
      }),
      expect.objectContaining({
        line: lineOf('KhongGianMang.VN.'),
        message: expect.stringContaining('"khonggianmang.vn"'),
      }),
    ]);
  });

  it('refuses a value that is no address at all', async () => {
    const feed = await makeFeed(3);
    feed.indicators.push({ type: 'cidr', value: '198.51.100.0/33' });
    const v = validateFeedBytes(text(feed), 'f.json');
    expect(!v.ok && v.error.issues[0].message).toMatch(/không phải cidr hợp lệ/);
  });

  it('points schema errors at the offending line', async () => {
    const feed = await makeFeed(3);
    const body = text({ ...feed, version: 0 });
    const v = validateFeedBytes(body, 'f.json');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.code).toBe('schema');
    expect(v.error.issues[0].line).toBe(body.split('\n').findIndex((l) => l.includes('"version"')) + 1);
  });

  it('reports invalid JSON and invalid UTF-8 with a line instead of throwing', () => {
    const bad = validateFeedBytes('{\n  "format": "sachmadoc-campaign-feed",\n  oops\n}', 'x.json');
    expect(!bad.ok && bad.error.code).toBe('json');
    expect(!bad.ok && bad.error.issues[0].line).toBe(3);
    const bytes = validateFeedBytes(new Uint8Array([0x7b, 0xff, 0x7d]), 'y.json');
    expect(!bytes.ok && bytes.error.code).toBe('encoding');
  });
});
