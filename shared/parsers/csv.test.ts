import { describe, expect, it } from 'vitest';
import { csvCell, readCsv } from './csv';

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
