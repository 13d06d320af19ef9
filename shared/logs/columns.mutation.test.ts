// The --columns CSV reader and urlHost at the edges named by the log-common-records run of
// 2026-12-02 14:50 (issue 19): ties between separators in the header, header names with blanks
// around them, whole Unix seconds, an empty user part before the host. Checked by writing each
// mutant into the source by hand. The run of 2026-12-02 20:53 added: a key named without "=COLUMN"
// that is a key plus one letter, a comma header that ends in a stray tab, a URL whose scheme was lost,
// a bracket left open before the path (each checked with mutcheck.py).
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { ColumnsParser, parseColumnsOption } from './columns';
import { urlHost } from './url';

const UTC: TimeContext = { offsetMinutes: 0, referenceMs: 0 };

/** The src and dst of `row` read under `header`. */
function read(header: string, row: string): [string, string] {
  const p = new ColumnsParser({ src: 'a', dst: 'b' }, UTC);
  const rec = new LogRecord();
  expect(p.parse(header, rec), header).toBe(Outcome.Skip);
  expect(p.parse(row, rec), row).toBe(Outcome.Record);
  return [rec.src, rec.dst];
}

describe('--columns CSV, edges', () => {
  it('as many tabs as commas: tabs; as many semicolons as commas: commas', () => {
    expect(read('a\tb\tc,d,e', '1\t2\t3,4,5')).toEqual(['1', '2']);
    expect(read('a,b,c;d;e', '1,2,3;4;5')).toEqual(['1', '2']);
  });

  it('a comma header that ends in a stray tab (pasted from a spreadsheet) is still read at its commas', () => {
    expect(read('a,b,c\t', '1,2,3')).toEqual(['1', '2']);
    expect(read('a,b\t,c', '10.1.2.3,203.0.113.9,x')).toEqual(['10.1.2.3', '203.0.113.9']);
  });

  it('refuses a key listed without "=COLUMN" even when it is a key plus one letter (urls, domains)', () => {
    expect(() => parseColumnsOption('src=Client IP,dst=Server,urls')).toThrow('"urls": cần KHOÁ=CỘT');
    expect(() => parseColumnsOption('src=Client IP,domains')).toThrow('"domains": cần KHOÁ=CỘT');
    expect(() => parseColumnsOption('src=Client IP,url=URL,hostnames')).toThrow('"hostnames": cần KHOÁ=CỘT');
  });

  it('finds header names written with blanks around them (an export that pads its columns)', () => {
    expect(read(' a , b ', '1,2')).toEqual(['1', '2']);
    expect(read('a\t b\t', '1\t2\t')).toEqual(['1', '2']);
  });

  it('reads whole Unix seconds as well as seconds with a fraction', () => {
    const p = new ColumnsParser({ src: 'a', dst: 'b', time: 't' }, UTC);
    const rec = new LogRecord();
    p.parse('t,a,b', rec);
    expect(p.parse('1795396502,10.1.2.3,203.0.113.9', rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2));
    expect(p.parse('1795396502.25,10.1.2.3,203.0.113.9', rec)).toBe(Outcome.Record);
    expect(rec.time()).toBe(Date.UTC(2026, 10, 23, 1, 15, 2, 250));
  });
});

describe('urlHost, edges', () => {
  it('an empty user part, a colon right after the scheme, a scheme-relative URL with a user', () => {
    expect(urlHost('http://@evil.example/gate.php')).toBe('evil.example');
    expect(urlHost('http://:8080/')).toBe('');
    expect(urlHost(':443')).toBe('');
    expect(urlHost('//u@evil.example/x')).toBe('evil.example');
    expect(urlHost('evil.example:443/')).toBe('evil.example');
  });

  it('a URL whose scheme was lost still gives its host', () => {
    expect(urlHost('://evil.example/gate.php')).toBe('evil.example');
    expect(urlHost('://203.0.113.9:8080/x')).toBe('203.0.113.9');
  });

  it('no host from a bracket left open before the path, even with a "]" later in the URL', () => {
    expect(urlHost('http://[2001:db8::1/api?ids[]=1')).toBe('');
    expect(urlHost('http://[2001:db8::1#a]')).toBe('');
    expect(urlHost('[2001:db8::1?x=]')).toBe('');
  });
});
