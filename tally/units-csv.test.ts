import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, parseUnitsCsv } from './units-csv';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/tally/${name}`, import.meta.url), 'utf8');

describe('parseUnitsCsv', () => {
  it('reads code,name with quoted commas and Vietnamese names', () => {
    const { units, issues } = parseUnitsCsv(fixture('units.csv'), 'units.csv');
    expect(issues).toEqual([]);
    expect(units).toEqual([
      { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
      { code: 'UB-HUYEN-A', name: 'UBND huyện Krông Pắc, tỉnh Đắk Lắk' },
      { code: 'BV-TINH', name: 'Bệnh viện Đa khoa tỉnh' },
    ]);
  });

  it('names every bad line with its number (BOM and CRLF included)', () => {
    const { issues } = parseUnitsCsv(fixture('units-bad.csv'), 'units-bad.csv');
    expect(issues.map((i) => i.line)).toEqual([3, 4, 5, 6, 7]);
    expect(issues[2].message).toContain('dòng 2');
    const text = formatIssues(issues);
    expect(text).toContain('units-bad.csv:3: ');
    expect(text).toContain('nothing was imported');
  });

  it('accepts the columns in any order and an escaped quote', () => {
    const { units, issues } = parseUnitsCsv('name,code\n"Phòng ""A""",P-A\n', 'x.csv');
    expect(issues).toEqual([]);
    expect(units).toEqual([{ code: 'P-A', name: 'Phòng "A"' }]);
  });

  it('refuses a file without the header or without units', () => {
    expect(parseUnitsCsv('ma,ten\nA,B\n', 'x.csv').issues[0]).toMatchObject({ line: 1 });
    expect(parseUnitsCsv('code,name\n\n', 'x.csv').issues[0].message).toContain('no units');
  });
});
