// The collector every feed parser fills (issue 19, mutation testing of types.ts): what a URL's host
// becomes, deduplication across the fast and slow paths of a list, the error cap, the quoting of
// bad input in messages, and the sink of a streamed parse.
import { describe, expect, it } from 'vitest';
import { parseHostsList, parsePlainList } from './lists';
import { FeedCollector, msg, quote, type ParsedIndicator } from './types';

describe('FeedCollector.add: a URL and its host', () => {
  it('the host inherits id, comment, port and severity, and names the URL it came from', () => {
    const out = new FeedCollector('misp.json');
    out.add({
      kind: 'url',
      value: 'http://evil.example:8080/gate.php',
      line: 7,
      id: 'attr-1',
      comment: '  Emotet gate  ',
      severity: 'high',
      urlHost: { kind: 'domain', value: 'evil.example', port: 8080 },
    });
    expect(out.indicators).toEqual([
      {
        kind: 'url',
        value: 'http://evil.example:8080/gate.php',
        line: 7,
        id: 'attr-1',
        comment: 'Emotet gate',
        severity: 'high',
      },
      {
        kind: 'domain',
        value: 'evil.example',
        line: 7,
        id: 'attr-1#evil.example',
        comment: 'Emotet gate',
        port: 8080,
        severity: 'high',
        fromUrl: 'http://evil.example:8080/gate.php',
      },
    ]);
    expect(out.count).toBe(2);
    expect(out.skipped).toBe(0);
  });

  it('an empty id and a blank comment are left out, on the URL and on its host', () => {
    const out = new FeedCollector('f');
    out.add({
      kind: 'url',
      value: 'http://203.0.113.9/x',
      line: 1,
      id: '',
      comment: '   ',
      urlHost: { kind: 'ip', value: '203.0.113.9' },
    });
    expect(out.indicators).toEqual([
      { kind: 'url', value: 'http://203.0.113.9/x', line: 1 },
      { kind: 'ip', value: '203.0.113.9', line: 1, fromUrl: 'http://203.0.113.9/x' },
    ]);
  });

  it('a URL host that is a shared platform is a drop, not an indicator; a URL without host derives nothing', () => {
    const out = new FeedCollector('f');
    out.add({
      kind: 'url',
      value: 'https://github.com/evil/tool/releases/x.exe',
      line: 3,
      urlHost: { kind: 'domain', value: 'github.com' },
    });
    out.add({ kind: 'url', value: 'http://evil.example/a', line: 4 });
    // Only a URL derives its host: a domain given a urlHost by mistake stays itself.
    out.add({
      kind: 'domain',
      value: 'c2.example',
      line: 5,
      urlHost: { kind: 'domain', value: 'other.example' },
    });
    expect(out.indicators.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'url:https://github.com/evil/tool/releases/x.exe',
      'url:http://evil.example/a',
      'domain:c2.example',
    ]);
    const r = out.result('plain');
    expect(r.sharedPlatformDrops).toEqual([
      {
        line: 3,
        url: 'https://github.com/evil/tool/releases/x.exe',
        host: 'github.com',
        platform: 'github.com',
        category: 'code-hosting',
      },
    ]);
  });

  it('the same URL twice is one skip and derives once; two URLs of one host keep the host once, no skip', () => {
    const r = parsePlainList(
      'http://evil.example/a\nhttp://evil.example/a\nhttp://evil.example/b\n',
      'list.txt',
    );
    expect(r.indicators.map((i) => [i.kind, i.value, i.line])).toEqual([
      ['url', 'http://evil.example/a', 1],
      ['domain', 'evil.example', 1],
      ['url', 'http://evil.example/b', 3],
    ]);
    expect(r.skipped).toBe(1);
  });
});

describe('deduplication across the fast and slow paths of a list', () => {
  it('an address read by the fast path is the same indicator as the host of a later URL or address:port', () => {
    const r = parsePlainList(
      '203.0.113.9\nhttp://203.0.113.9/gate\n203.0.113.9:443\n2001:db8::1\nhttp://[2001:db8::1]/x\n',
      'c2.txt',
    );
    expect(r.indicators.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'ip:203.0.113.9',
      'url:http://203.0.113.9/gate',
      'ip:2001:db8::1',
      'url:http://[2001:db8::1]/x',
    ]);
    // The address:port line is a repeat of the address; the URL hosts are not counted as repeats.
    expect(r.skipped).toBe(1);
  });

  it('the host of a URL first, then the bare address or name on the fast path: one indicator each', () => {
    const r = parsePlainList(
      'http://203.0.113.9/gate\n203.0.113.9\nhttp://evil.example/x\nevil.example\n198.51.100.0/24\n198.51.100.0/24\n',
      'c2.txt',
    );
    expect(r.indicators.map((i) => `${i.kind}:${i.value}:${i.line}`)).toEqual([
      'url:http://203.0.113.9/gate:1',
      'ip:203.0.113.9:1',
      'url:http://evil.example/x:3',
      'domain:evil.example:3',
      'cidr:198.51.100.0/24:5',
    ]);
    expect(r.skipped).toBe(3);
  });

  it('a value spelt two ways is one indicator (the canonical one, first line)', () => {
    const r = parsePlainList('Evil.Example\nevil.example\n2001:DB8::1\n2001:db8::1\n', 'c2.txt');
    expect(r.indicators.map((i) => `${i.kind}:${i.value}:${i.line}`)).toEqual([
      'domain:evil.example:1',
      'ip:2001:db8::1:3',
    ]);
    expect(r.skipped).toBe(2);
  });
});

describe('errors', () => {
  it('at most 1,000 listed, then one line saying how many more, at the line of the last listed', () => {
    const bad = Array.from({ length: 1003 }, (_, i) => `bad value ${i}`).join('\n');
    const r = parsePlainList(`203.0.113.9\n${bad}\n`, 'big.txt');
    expect(r.errors).toHaveLength(1001);
    expect(r.errors[999]).toMatchObject({ file: 'big.txt', line: 1001 });
    expect(r.errors[1000]).toEqual({
      file: 'big.txt',
      line: 1001,
      message: msg('msg.formats.moreErrors', { n: 3 }),
    });
    expect(r.errors[1000]?.message).toContain('3');
    const exact = parsePlainList(Array(1000).fill('x y').join('\n'), 'f');
    expect(exact.errors).toHaveLength(1000);
    expect(exact.errors.at(-1)?.line).toBe(1000);
  });

  it('quote: control characters become "?", over 60 characters are cut with "…"', () => {
    expect(quote('a\u0000b\u001fc\u007fd\u009fe\u00a0f ~')).toBe('"a?b?c?d?e\u00a0f ~"');
    expect(quote('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(quote('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…"`);
    expect(quote('abcdef', 3)).toBe('"abc…"');
    expect(quote('"')).toBe('"\\""');
    const r = parsePlainList(`${'y'.repeat(70)} z\n`, 'f');
    expect(r.errors[0]?.message).toContain(`"${'y'.repeat(60)}…"`);
  });

  it('msg words a message in Vietnamese then English; a key parameter is worded in each language', () => {
    expect(msg('msg.formats.hostsNoName')).toBe(
      'thiếu tên máy sau địa chỉ IP (an IP address with no host name after it)',
    );
    expect(msg('msg.formats.moreErrors', { n: 2 })).toMatch(/2.*\(.*and 2 more errors/);
    const worded = msg('msg.formats.notAFeed', {}, { looksLike: 'msg.formats.looks.empty' });
    expect(worded).toMatch(/^.*một tệp rỗng.* \(the file looks like an empty file, not an indicator feed/);
    expect(worded).not.toContain('msg.formats');
  });

  it('a result has notes and drops only when there are some; the indicators are those kept', () => {
    const r = parseHostsList('0.0.0.0 evil.example\n', 'hosts');
    expect(r).toEqual({
      format: 'hosts',
      indicators: [{ kind: 'domain', value: 'evil.example', line: 1 }],
      errors: [],
      skipped: 0,
    });
    const out = new FeedCollector('f');
    out.notes.push('n1');
    const withNote = out.result('misp');
    expect(withNote.notes).toEqual(['n1']);
    out.notes.push('n2');
    expect(withNote.notes).toEqual(['n1']);
  });
});

describe('a streamed list hands every kept indicator to the sink, in file order', () => {
  it('bare lines without their full record, others with it; nothing in the result', () => {
    const got: [string, string, number, ParsedIndicator | undefined][] = [];
    const r = parsePlainList(
      '203.0.113.9\nevil.example\n198.51.100.0/24\n2001:db8::1\n203.0.113.9\nc2.example;90\n',
      'loki.txt',
      'plain',
      (kind, value, line, full) => got.push([kind, value, line, full]),
    );
    expect(got).toEqual([
      ['ip', '203.0.113.9', 1, undefined],
      ['domain', 'evil.example', 2, undefined],
      ['cidr', '198.51.100.0/24', 3, undefined],
      ['ip', '2001:db8::1', 4, undefined],
      ['domain', 'c2.example', 6, { kind: 'domain', value: 'c2.example', line: 6, severity: 'critical' }],
    ]);
    expect(r.indicators).toEqual([]);
    expect(r.skipped).toBe(1);
  });
});

// The survivors of the Stryker run of 2026-12-02 20:26 UTC (feed-lists): the exact records of a
// URL and its host when the URL has no id, comment or severity (no key left undefined: results
// cross IPC by structured clone, which keeps such keys), the drop record of a host file, and the
// address 0.0.0.0 (number 0) deduplicated as any other.
describe('survivors of the feed-lists run', () => {
  it('URLs with nothing but a line: the URL and its host carry exactly their own fields', () => {
    const r = parsePlainList('http://evil.example/gate.php\nhttp://203.0.113.9:8080/a.sh\n', 'urls.txt');
    expect(r.indicators).toStrictEqual([
      { kind: 'url', value: 'http://evil.example/gate.php', line: 1 },
      { kind: 'domain', value: 'evil.example', line: 1, fromUrl: 'http://evil.example/gate.php' },
      { kind: 'url', value: 'http://203.0.113.9:8080/a.sh', line: 2 },
      { kind: 'ip', value: '203.0.113.9', line: 2, port: 8080, fromUrl: 'http://203.0.113.9:8080/a.sh' },
    ]);
  });

  it('a shared platform in a URLhaus host file is recorded without a URL key', () => {
    const r = parseHostsList(
      '0.0.0.0 drive.google.com\n0.0.0.0 evil.example\n',
      'hosts.txt',
      'urlhaus-hosts',
    );
    expect(r.sharedPlatformDrops).toStrictEqual([
      { line: 1, host: 'drive.google.com', platform: 'drive.google.com', category: 'cloud-storage' },
    ]);
  });

  it('0.0.0.0 is one address whichever path reads it, and the host of a URL on it is no repeat', () => {
    const twice = parsePlainList('0.0.0.0 # sinkhole\n0.0.0.0\n', 'list.txt');
    expect(twice.indicators).toEqual([{ kind: 'ip', value: '0.0.0.0', line: 1, comment: 'sinkhole' }]);
    expect(twice.skipped).toBe(1);
    const url = parsePlainList('0.0.0.0\nhttp://0.0.0.0/x.sh\n', 'list.txt');
    expect(url.indicators).toEqual([
      { kind: 'ip', value: '0.0.0.0', line: 1 },
      { kind: 'url', value: 'http://0.0.0.0/x.sh', line: 2 },
    ]);
    expect(url.skipped).toBe(0);
  });
});
