// Plain and hosts lists line by line (issue 19, mutation testing of lists.ts): comment styles,
// Loki scores and their severities, comments after the value, URLs holding ';', the fast path for
// bare values, and every error in words.
import { describe, expect, it } from 'vitest';
import {
  isCommentLine,
  parseHostsLine,
  parseHostsList,
  parsePlainLine,
  parsePlainList,
  plainLineFast,
} from './lists';

describe('isCommentLine', () => {
  it('blank lines and #, //, ; and ! comments', () => {
    for (const c of ['', '   ', '# x', '  #x', '// x', '; x', '! x']) expect(isCommentLine(c), c).toBe(true);
    for (const d of ['203.0.113.9', 'a#b', 'a//b', 'x;1', 'evil.example !'])
      expect(isCommentLine(d), d).toBe(false);
  });
});

describe('parsePlainLine', () => {
  it('a Loki score gives the severity at 90, 75 and 50; a comment may follow', () => {
    const sev = (score: string) => {
      const r = parsePlainLine(`evil.example;${score}`);
      return 'ok' in r ? r.ok.severity : r.error;
    };
    expect(sev('100')).toBe('critical');
    expect(sev('90')).toBe('critical');
    expect(sev('89')).toBe('high');
    expect(sev('75')).toBe('high');
    expect(sev('74')).toBe('medium');
    expect(sev('50')).toBe('medium');
    expect(sev('49')).toBe('low');
    expect(sev('0')).toBe('low');
    expect(parsePlainLine('203.0.113.9;80;Emotet; tier 1')).toEqual({
      ok: { kind: 'ip', value: '203.0.113.9', severity: 'high', comment: 'Emotet; tier 1' },
    });
    expect(parsePlainLine(' 203.0.113.9 ; 95 ')).toEqual({
      ok: { kind: 'ip', value: '203.0.113.9', severity: 'critical' },
    });
  });

  it('a comment after ";" (not a score) or after " #"', () => {
    expect(parsePlainLine('203.0.113.9 ; Spamhaus DROP SBL123')).toEqual({
      ok: { kind: 'ip', value: '203.0.113.9', comment: 'Spamhaus DROP SBL123' },
    });
    expect(parsePlainLine('203.0.113.9;')).toEqual({ ok: { kind: 'ip', value: '203.0.113.9' } });
    expect(parsePlainLine('203.0.113.9;1234')).toEqual({
      ok: { kind: 'ip', value: '203.0.113.9', comment: '1234' },
    });
    expect(parsePlainLine('evil.example  #  phishing kit ')).toEqual({
      ok: { kind: 'domain', value: 'evil.example', comment: 'phishing kit' },
    });
    expect(parsePlainLine('evil.example # c2 ; 90')).toEqual({
      ok: { kind: 'domain', value: 'evil.example', comment: 'c2 ; 90' },
    });
  });

  it('a URL keeps its own ";"; only a score or a spaced ";" ends it', () => {
    expect(parsePlainLine('http://evil.example/a;jsessionid=1')).toMatchObject({
      ok: { kind: 'url', value: 'http://evil.example/a;jsessionid=1' },
    });
    expect(parsePlainLine('http://evil.example/a;jsessionid=1;90')).toMatchObject({
      ok: { value: 'http://evil.example/a;jsessionid=1', severity: 'critical' },
    });
    expect(parsePlainLine('http://evil.example/a;jsessionid=1 ; gate')).toMatchObject({
      ok: { value: 'http://evil.example/a;jsessionid=1', comment: 'gate' },
    });
    expect(parsePlainLine('http://evil.example/a;80;x')).toMatchObject({
      ok: { value: 'http://evil.example/a', severity: 'high', comment: 'x' },
    });
  });

  it('an address with a port keeps the port; a bare name needs a dot', () => {
    expect(parsePlainLine('203.0.113.9:443')).toEqual({
      ok: { kind: 'ip', value: '203.0.113.9', port: 443 },
    });
    expect(parsePlainLine('198.51.100.0/24')).toEqual({ ok: { kind: 'cidr', value: '198.51.100.0/24' } });
    expect('error' in parsePlainLine('localhost')).toBe(true);
  });

  it('errors in words: two values on a line, a value that is none', () => {
    expect(parsePlainLine('203.0.113.9 198.51.100.1')).toEqual({
      error:
        'dòng có nhiều hơn một giá trị "203.0.113.9 198.51.100.1"; mỗi dòng chỉ một IP, dải CIDR, tên miền hoặc URL (more than one value on the line; expected one IP, CIDR, domain or URL per line)',
    });
    expect(parsePlainLine('not_a_value!')).toEqual({
      error:
        '"not_a_value!" không phải IP, dải CIDR, tên miền hay URL hợp lệ; hãy sửa hoặc xoá dòng này (not a valid IP, CIDR, domain or URL; fix or remove this line)',
    });
  });
});

describe('plainLineFast', () => {
  it('takes only bare canonical addresses and lower-case names', () => {
    expect(plainLineFast('203.0.113.9')).toBe('ip');
    expect(plainLineFast('evil.example')).toBe('domain');
    expect(plainLineFast('a-b.example')).toBe('domain');
    expect(plainLineFast('x1.example')).toBe('domain');
    for (const slow of [
      '',
      'example',
      '203.0.113.09',
      '203.0.113',
      'Evil.example',
      '.evil.example',
      '-evil.example',
      'evil.example.',
      'evil..example',
      'evil.example ',
      '*.evil.example',
      'evil_x.example',
      `${'a'.repeat(250)}.com`,
      'a.42',
    ])
      expect(plainLineFast(slow), slow).toBeNull();
    expect(plainLineFast(`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.vn`)).toBe(
      'domain',
    );
  });
});

describe('parseHostsList: a comment', () => {
  it('ends the line even when it holds a line or paragraph separator (U+2028, U+2029)', () => {
    for (const sep of ['\u2028', '\u2029']) {
      const r = parseHostsList(`0.0.0.0 evil.example # blocked by${sep}policy team\n`, 'hosts');
      expect(r.indicators.map((i) => i.value)).toEqual(['evil.example']);
      expect(r.errors).toEqual([]);
    }
  });
});

describe('parsePlainList and parseHostsList', () => {
  it('reads a plain list with comments, errors by line, and counts repeats as skipped', () => {
    const r = parsePlainList('# list\n203.0.113.9\n203.0.113.9\nEvil.Example\nbad value here\n\n', 'c2.txt');
    expect(r.format).toBe('plain');
    expect(r.indicators.map((i) => [i.kind, i.value, i.line])).toEqual([
      ['ip', '203.0.113.9', 2],
      ['domain', 'evil.example', 4],
    ]);
    expect(r.skipped).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(JSON.stringify(r.errors[0])).toContain('5');
    expect(parsePlainList('203.0.113.9', 'f', 'feodo-txt').format).toBe('feodo-txt');
  });

  it('parseHostsLine: names after an address; local names counted apart; bad names kept apart', () => {
    expect(parseHostsLine('0.0.0.0 evil.example LOCALHOST bad_name! # blocked')).toEqual({
      names: ['evil.example'],
      bad: ['bad_name!'],
      local: 1,
    });
    expect(parseHostsLine('evil.example 0.0.0.0')).toBeNull();
    expect(parseHostsLine('')).toBeNull();
    expect(parseHostsLine('::1 ip6-localhost ip6-loopback')).toEqual({ names: [], bad: [], local: 2 });
  });

  it('reads a hosts list: local names skipped, errors in words for each problem', () => {
    const r = parseHostsList(
      '127.0.0.1 localhost\n0.0.0.0 evil.example c2.example\nevil.example\n0.0.0.0\n0.0.0.0 bad_name!\n',
      'hosts',
    );
    expect(r.indicators.map((i) => [i.value, i.line])).toEqual([
      ['evil.example', 2],
      ['c2.example', 2],
    ]);
    expect(r.skipped).toBe(1);
    const text = JSON.stringify(r.errors);
    expect(text).toContain(
      'dòng hosts phải bắt đầu bằng địa chỉ IP rồi tên máy, gặp \\"evil.example\\" (a hosts line must start with an IP address followed by host names)',
    );
    expect(text).toContain('thiếu tên máy sau địa chỉ IP (an IP address with no host name after it)');
    expect(text).toContain(
      '\\"bad_name!\\" không phải tên miền hợp lệ (not a valid host name; fix or remove it)',
    );
    expect(r.errors).toHaveLength(3);
  });

  it('URLhaus host file: a shared platform is dropped as the URL would be; a plain hosts list keeps it', () => {
    const urlhaus = parseHostsList(
      '0.0.0.0 drive.google.com\n0.0.0.0 evil.example\n',
      'hosts.txt',
      'urlhaus-hosts',
    );
    expect(urlhaus.format).toBe('urlhaus-hosts');
    expect(urlhaus.indicators.map((i) => i.value)).toEqual(['evil.example']);
    const plain = parseHostsList('0.0.0.0 drive.google.com\n', 'hosts.txt');
    expect(plain.indicators.map((i) => i.value)).toEqual(['drive.google.com']);
  });
});

// The survivors of the Stryker run of 2026-12-02 20:26 UTC (feed-lists): a score followed by
// spaces, a URL whose path holds ";<digit>", the exact shape of a line's result, hosts-file
// names that are addresses or blocks, and where each hosts error is said to be.
describe('survivors of the feed-lists run', () => {
  it('Loki "value;score ;comment" with spaces around the parts: score and comment both read', () => {
    expect(parsePlainLine('203.0.113.9;90 ;Cobalt Strike')).toStrictEqual({
      ok: { kind: 'ip', value: '203.0.113.9', severity: 'critical', comment: 'Cobalt Strike' },
    });
    expect(parsePlainLine('203.0.113.9;75; Cobalt Strike ')).toStrictEqual({
      ok: { kind: 'ip', value: '203.0.113.9', severity: 'high', comment: 'Cobalt Strike' },
    });
  });

  it('a URL path with ";" and a number that is not a score stays whole', () => {
    expect(parsePlainLine('http://evil.example/load;1.exe')).toStrictEqual({
      ok: {
        kind: 'url',
        value: 'http://evil.example/load;1.exe',
        urlHost: { kind: 'domain', value: 'evil.example' },
      },
    });
  });

  it('a line without score or comment gives no severity or comment key, not even an empty one', () => {
    expect(parsePlainLine('203.0.113.9')).toStrictEqual({ ok: { kind: 'ip', value: '203.0.113.9' } });
    expect(parsePlainLine('evil.example #')).toStrictEqual({ ok: { kind: 'domain', value: 'evil.example' } });
    expect(parsePlainLine('evil.example # ')).toStrictEqual({
      ok: { kind: 'domain', value: 'evil.example' },
    });
    expect(parsePlainLine('203.0.113.9 ;')).toStrictEqual({ ok: { kind: 'ip', value: '203.0.113.9' } });
  });

  it('a hosts line maps names: an address or a block after the sinkhole is a bad name, never an indicator', () => {
    expect(parseHostsLine('0.0.0.0 10.0.0.0/8 203.0.113.9 evil.example')).toEqual({
      names: ['evil.example'],
      bad: ['10.0.0.0/8', '203.0.113.9'],
      local: 0,
    });
    const r = parseHostsList('0.0.0.0 203.0.113.9\n', 'hosts');
    expect(r.indicators).toEqual([]);
    expect(r.errors.map((e) => e.line)).toEqual([1]);
  });

  it('each hosts error names its own line, and quotes the line without its surrounding blanks', () => {
    const r = parseHostsList(
      '  evil.example  \n0.0.0.0 a.example\n\n203.0.113.9\n0.0.0.0 bad_name!\n',
      'hosts',
    );
    expect(r.errors).toEqual([
      {
        file: 'hosts',
        line: 1,
        message:
          'dòng hosts phải bắt đầu bằng địa chỉ IP rồi tên máy, gặp "evil.example" (a hosts line must start with an IP address followed by host names)',
      },
      {
        file: 'hosts',
        line: 4,
        message: 'thiếu tên máy sau địa chỉ IP (an IP address with no host name after it)',
      },
      {
        file: 'hosts',
        line: 5,
        message: '"bad_name!" không phải tên miền hợp lệ (not a valid host name; fix or remove it)',
      },
    ]);
    expect(r.indicators.map((i) => [i.value, i.line])).toEqual([['a.example', 2]]);
  });
});
