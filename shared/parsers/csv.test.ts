import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, readCsv, splitCsvLine, writeCsv } from './csv';

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    const records = readCsv('"a,b","say ""hi""","x"\r\n"multi\nline","2",plain\n');
    expect(records).toEqual([
      { fields: ['a,b', 'say "hi"', 'x'], line: 1 },
      { fields: ['multi\nline', '2', 'plain'], line: 2 },
    ]);
  });

  it('skips blank and blank-only lines but counts them for line numbers', () => {
    const records = readCsv('\n   \n"a","1"\n\n"b","2"');
    expect(records.map((r) => r.line)).toEqual([3, 5]);
    expect(records[1].fields).toEqual(['b', '2']);
  });

  it('drops a leading BOM and keeps empty fields', () => {
    expect(readCsv('\uFEFF"a",,"c"')).toEqual([{ fields: ['a', '', 'c'], line: 1 }]);
  });

  it('reads a line that is not CSV as one field', () => {
    expect(readCsv('C:\\> tasklist /v /fo csv')[0].fields).toEqual(['C:\\> tasklist /v /fo csv']);
  });
});

describe('csvCell (CSV written for people)', () => {
  it('quotes a field that holds a semicolon, as well as a comma, a quote or a line break', () => {
    expect(csvCell('Sở A; phòng B')).toBe('"Sở A; phòng B"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(42)).toBe('42');
  });
  it('neutralises spreadsheet formulas and quotes the result', () => {
    expect(csvCell('=1+1;2')).toBe(`"'=1+1;2"`);
    expect(csvCell('-cmd')).toBe(`"'-cmd"`);
  });
  it('reads back through readCsv as the same text', () => {
    const cells = ['x;y', 'a,"b"', 'z'];
    expect(readCsv(cells.map(csvCell).join(','))[0].fields).toEqual(cells);
  });
});

describe('splitCsvLine (one line, streamed readers)', () => {
  it('trims blanks around fields on request, as abuse.ch and hand-made files need', () => {
    expect(splitCsvLine('"a ""b""", "c,d",e ,', { trim: true })).toEqual({
      fields: ['a "b"', 'c,d', 'e', ''],
    });
    expect(splitCsvLine(' a ,b')).toEqual({ fields: [' a ', 'b'] });
  });
  it('says when a quote is left open or text follows a closing quote', () => {
    expect(splitCsvLine('"open,x')).toEqual({ fields: ['open,x'], problem: 'unterminated-quote' });
    expect(splitCsvLine('"a"b,c')).toEqual({ fields: ['a', 'c'], problem: 'text-after-quote' });
    expect(splitCsvLine('"a"  ,c', { trim: true })).toEqual({ fields: ['a', 'c'] });
  });
  it('keeps line breaks inside quotes and splits on any one-character delimiter', () => {
    expect(splitCsvLine('"x\r\ny";b', { delimiter: ';' }).fields).toEqual(['x\r\ny', 'b']);
    expect(splitCsvLine('a\tb\t"c\td"', { delimiter: '\t' }).fields).toEqual(['a', 'b', 'c\td']);
  });
});

describe('writeCsv (files people open in Excel)', () => {
  it('writes a BOM, CRLF line ends and guarded cells; ";" for a Vietnamese-locale Excel', () => {
    expect(
      writeCsv([
        ['a', 1],
        ['=cmd', 'x,y'],
      ]),
    ).toBe(`\uFEFFa,1\r\n"'=cmd","x,y"\r\n`);
    expect(writeCsv([['a', 'b;c']], { delimiter: ';' })).toBe('\uFEFFa;"b;c"\r\n');
    expect(writeCsv([['a']], { bom: false })).toBe('a\r\n');
    expect(writeCsv([['@SUM(A1)', '+1', '-1', '\tx', '\rx']])).toBe(
      `\uFEFF"'@SUM(A1)","'+1","'-1","'\tx","'\rx"\r\n`,
    );
  });

  // Cells from anything a capture, a feed or a person can hold: quotes, both delimiters, line breaks,
  // Vietnamese letters, blanks.
  const cell = fc
    .array(fc.constantFrom('a', 'Đ', 'ữ', ' ', ',', ';', '"', '\n', '\r', '=', '-', '@', '+', '\t', '1'), {
      maxLength: 8,
    })
    .map((cs) => cs.join(''));
  // A row readCsv can see: one blank cell alone is a blank line, which readers skip.
  const row = fc
    .array(cell, { minLength: 1, maxLength: 5 })
    .filter((r) => r.length > 1 || r[0].trim() !== '');
  const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

  it('round-trips: written with either delimiter, read back, gives the rows (formula cells behind their guard)', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 6 }),
        fc.constantFrom(',' as const, ';' as const),
        (rows, delimiter) => {
          const back = readCsv(writeCsv(rows, { delimiter }), delimiter);
          expect(back.map((r) => r.fields)).toEqual(rows.map((r) => r.map(guarded)));
          expect(back.every((r) => r.problem === undefined)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
