// The --columns CSV reader and urlHost at the edges named by the log-common-records run of
// 2026-12-02 14:50 (issue 19): ties between separators in the header, header names with blanks
// around them, whole Unix seconds, an empty user part before the host. Checked by writing each
// mutant into the source by hand.
import { describe, expect, it } from 'vitest';
import { LogRecord, Outcome } from './record';
import type { TimeContext } from './record';
import { ColumnsParser } from './columns';
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
});
