// parseFeed and parseFeedInto, the entry of every feed (issue 19, mutation testing of index.ts):
// the parser each detected format goes to, the streamed parse's sink, a parser's refusal as an
// error at its line, a bug of ours in words, and toIndicators.
import { describe, expect, it } from 'vitest';
import {
  FORMAT_PARSERS,
  parseFeed,
  parseFeedInto,
  toIndicators,
  type FeedParseResult,
  type IndicatorSink,
} from '.';
import type { ParsedIndicator } from './types';
import { msg } from './types';

type Handed = [string, string, number, ParsedIndicator | undefined];

function streamed(text: string, file = 'feed.txt'): { result: FeedParseResult; handed: Handed[] } {
  const handed: Handed[] = [];
  const sink: IndicatorSink = (kind, value, line, full) => handed.push([kind, value, line, full]);
  return { result: parseFeedInto(text, file, sink), handed };
}

describe('FORMAT_PARSERS', () => {
  it('each list parser says the format it was asked for', () => {
    expect(FORMAT_PARSERS.plain('203.0.113.9', 'f').format).toBe('plain');
    expect(FORMAT_PARSERS['feodo-txt']('203.0.113.9', 'f').format).toBe('feodo-txt');
    expect(FORMAT_PARSERS.hosts('0.0.0.0 evil.example', 'f').format).toBe('hosts');
    const urlhaus = FORMAT_PARSERS['urlhaus-hosts']('127.0.0.1\tgithub.com\n127.0.0.1\t1sp1d.club', 'f');
    expect(urlhaus.format).toBe('urlhaus-hosts');
    // The URLhaus host file drops shared platforms; a hosts file keeps every name.
    expect(urlhaus.indicators.map((i) => i.value)).toEqual(['1sp1d.club']);
    expect(FORMAT_PARSERS.hosts('127.0.0.1\tgithub.com', 'f').indicators).toHaveLength(1);
  });
});

describe('parseFeedInto', () => {
  it('a Feodo .txt streams to the sink in file order, bare lines without their record', () => {
    const { result, handed } = streamed(
      [
        '################################################################',
        '# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (recommended)  #',
        '################################################################',
        '#',
        '# DstIP',
        '50.16.16.211',
        '1.2.3.4',
        '50.16.16.211',
        '# END 2 entries',
      ].join('\n'),
      'ipblocklist.txt',
    );
    expect(result).toEqual({ format: 'feodo-txt', indicators: [], errors: [], skipped: 1 });
    expect(handed).toEqual([
      ['ip', '50.16.16.211', 6, undefined],
      ['ip', '1.2.3.4', 7, undefined],
    ]);
  });

  it('a plain list streams too: bare lines without their record, a line with a note with it', () => {
    const { result, handed } = streamed('203.0.113.9\nevil.example # C2\n203.0.113.9\n');
    // The repeated address is skipped, as in the Feodo list above.
    expect(result).toEqual({ format: 'plain', indicators: [], errors: [], skipped: 1 });
    expect(handed).toEqual([
      ['ip', '203.0.113.9', 1, undefined],
      ['domain', 'evil.example', 2, { kind: 'domain', value: 'evil.example', line: 2, comment: 'C2' }],
    ]);
  });

  it('another format is parsed whole, then each indicator handed over with its record', () => {
    const { result, handed } = streamed('0.0.0.0 evil.example c2.example\n', 'hosts');
    expect(result).toEqual({ format: 'hosts', indicators: [], errors: [], skipped: 0 });
    expect(handed).toEqual([
      ['domain', 'evil.example', 1, { kind: 'domain', value: 'evil.example', line: 1 }],
      ['domain', 'c2.example', 1, { kind: 'domain', value: 'c2.example', line: 1 }],
    ]);
  });

  it('gives the same indicators as parseFeed, plain list or not', () => {
    for (const text of ['203.0.113.9\nevil.example;90\nhttp://a.example/x\n', '0.0.0.0 a.example\n']) {
      const whole = parseFeed(text, 'f');
      const { result, handed } = streamed(text, 'f');
      expect(handed.map(([kind, value, line, full]) => full ?? { kind, value, line })).toEqual(
        whole.indicators,
      );
      expect({ ...result, indicators: whole.indicators }).toEqual(whole);
    }
  });

  it('a sink that fails after indicators were handed over is not hidden as a parse error', () => {
    const failing: IndicatorSink = () => {
      throw new Error('disk full');
    };
    expect(() => parseFeedInto('203.0.113.9\n', 'f', failing)).toThrow('disk full');
    expect(() => parseFeedInto('0.0.0.0 evil.example\n', 'f', failing)).toThrow('disk full');
    // Nothing handed over: nothing thrown, the file's problem is in the result.
    const { result, handed } = streamed('<html><body>login</body></html>');
    expect(handed).toEqual([]);
    expect(result.format).toBe('unknown');
  });
});

describe('parseFeed: files it cannot read', () => {
  it('a file that is no feed: one error at line 1 saying what it looks like and what is accepted', () => {
    const r = parseFeed(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), 'feed.zip');
    expect(r).toEqual({
      format: 'unknown',
      indicators: [],
      errors: [
        {
          file: 'feed.zip',
          line: 1,
          message: msg(
            'msg.formats.notAFeed',
            {},
            { looksLike: 'msg.formats.looks.zip', accepted: 'msg.formats.accepted' },
          ),
        },
      ],
      skipped: 0,
    });
    expect(r.errors[0]?.message).toContain('a ZIP archive');
    expect(r.errors[0]?.message).toContain('Accepted formats: plain IP/CIDR/domain list');
    expect(parseFeed('', 'empty.txt').errors[0]?.message).toContain('an empty file');
  });

  it('a parser\'s refusal is an error at its line, in the detected format, without "file:line: "', () => {
    const r = parseFeed('{"Event": {"info": "x",\n "Attribute": [\n {"type": "ip-dst",', 'event.json');
    expect(r.format).toBe('misp');
    expect(r.indicators).toEqual([]);
    expect(r.skipped).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'event.json', line: 3 });
    expect(r.errors[0]?.message).toMatch(/^không phải JSON hợp lệ/);
    expect(r.errors[0]?.message).not.toContain('event.json');
  });

  it('a bug of ours (here: no bytes at all from a caller) comes back in words, never thrown', () => {
    const r = parseFeed(undefined as unknown as Uint8Array, 'x.txt');
    expect(r.format).toBe('unknown');
    expect(r.indicators).toEqual([]);
    expect(r.skipped).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'x.txt', line: 1 });
    const detail = /internal error while reading the feed/.exec(r.errors[0]?.message ?? '');
    expect(detail).not.toBeNull();
    expect(r.errors[0]?.message).toContain('undefined');
  });
});

describe('toIndicators', () => {
  it("an indicator's id is the feed's own or kind:value; comment and severity carried, nothing else", () => {
    const r = parseFeed('evil.example;95 # Emotet\n203.0.113.9:443\n', 'loki.txt');
    expect(toIndicators(r, 'loki')).toEqual([
      {
        id: 'domain:evil.example',
        kind: 'domain',
        value: 'evil.example',
        source: 'loki',
        comment: 'Emotet',
        severity: 'critical',
      },
      { id: 'ip:203.0.113.9', kind: 'ip', value: '203.0.113.9', source: 'loki' },
    ]);
  });

  it('an indicator without a comment or severity has no such field at all', () => {
    const r = parseFeed('203.0.113.9\n', 'list.txt');
    const [indicator] = toIndicators(r, 'list');
    expect(indicator).toStrictEqual({
      id: 'ip:203.0.113.9',
      kind: 'ip',
      value: '203.0.113.9',
      source: 'list',
    });
    expect(Object.keys(indicator ?? {})).toEqual(['id', 'kind', 'value', 'source']);
  });
});
