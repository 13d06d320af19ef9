// Edges of the tasklist parser and the CSV reader that mutation testing (issue 19) showed no test
// pinned down: each assertion fails for a small real bug in shared/parsers/tasklist.ts or csv.ts.
import { describe, expect, it } from 'vitest';
import { csvCell, readCsv } from './csv';
import {
  isNoService,
  isNotAvailable,
  learnNotAvailable,
  parseTasklistCsv,
  parseTasklistSvc,
  parseTasklistVerbose,
} from './tasklist';

const V_ROW = (name: string, pid: string, user: string, title: string) =>
  `"${name}","${pid}","Console","1","10,924 K","Running","${user}","0:00:01","${title}"`;

describe('tasklist rows: shape, header and junk', () => {
  it('reports a record with too few columns, even with a numeric PID', () => {
    const { rows, errors } = parseTasklistCsv(
      '"a.exe","12","Console","1"\n"b.exe","13","Console","1","8 K"',
      'f.csv',
    );
    expect(rows.map((r) => r.pid)).toEqual([13]);
    expect(errors).toEqual([
      { file: 'f.csv', line: 1, message: expect.stringContaining('"a.exe,12,Console,1"') as string },
    ]);
  });

  it('skips a header only before the first process row; after it, the same line is reported', () => {
    const header = '"Image Name","PID","Session Name","Session#","Mem Usage"';
    const row = '"a.exe","12","Console","1","8 K"';
    expect(parseTasklistCsv([header, row].join('\n')).errors).toEqual([]);
    const late = parseTasklistCsv([row, header].join('\n'), 'late.csv');
    expect(late.rows).toHaveLength(1);
    expect(late.errors.map((e) => [e.file, e.line])).toEqual([['late.csv', 2]]);
  });

  it('reports a first line whose PID column is empty: it is no header', () => {
    const { rows, errors } = parseTasklistCsv('"a.exe","","Console","1","8 K"\n', 'e.csv');
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'e.csv', line: 1 });
  });

  it('reports a one-field line before any row, naming the default file "tasklist"', () => {
    const { errors } = parseTasklistCsv(
      'C:\\Users\\a> tasklist /fo csv /nh\n"a.exe","12","Console","1","8 K"',
    );
    expect(errors).toEqual([{ file: 'tasklist', line: 1, message: expect.any(String) as string }]);
    expect(errors[0].message).toContain('tasklist /fo csv /nh');
    expect(errors[0].message).toContain('không phải tiến trình');
  });

  it('quotes at most 80 characters of a junk line in the message', () => {
    const junk = `"${'x'.repeat(150)}"`;
    const { errors } = parseTasklistCsv(`"a.exe","12","Console","1","8 K"\n${junk}`);
    const quoted = /"(x+)"/.exec(errors[0].message)?.[1];
    expect(quoted).toBe('x'.repeat(80));
  });

  it('reads a PID with blanks around it, and trims name and session', () => {
    expect(parseTasklistCsv('" a.exe "," 12 "," Console ","1","8 K"').rows).toEqual([
      { imageName: 'a.exe', pid: 12, sessionName: 'Console', memory: 8 },
    ]);
  });

  it('refuses a PID that is not all digits', () => {
    const row = '"a.exe","12","Console","1","8 K"';
    for (const pid of ['1a', 'a1', '-1', '1.5']) {
      const { rows, errors } = parseTasklistCsv(`${row}\n"b.exe","${pid}","Console","1","8 K"`);
      expect(
        rows.map((r) => r.pid),
        pid,
      ).toEqual([12]);
      expect(errors, pid).toHaveLength(1);
    }
  });

  it('gives null memory when the column holds no digit', () => {
    expect(parseTasklistCsv('"a.exe","12","Console","1","N/A"').rows[0].memory).toBeNull();
    expect(parseTasklistCsv('"a.exe","12","Console","1",""').rows[0].memory).toBeNull();
    expect(parseTasklistCsv('"a.exe","12","Console","1","0 K"').rows[0].memory).toBe(0);
  });
});

describe('parseTasklistVerbose edges', () => {
  it('needs nine columns: a line of eight is reported', () => {
    const eight = '"a.exe","12","Console","1","8 K","Running","PC\\a","0:00:01"';
    const { rows, errors } = parseTasklistVerbose(`${V_ROW('b.exe', '13', 'PC\\b', 'T')}\n${eight}`, 'v.csv');
    expect(rows.map((r) => r.pid)).toEqual([13]);
    expect(errors.map((e) => [e.file, e.line])).toEqual([['v.csv', 2]]);
  });

  it('names the default file "tasklist" in its issues', () => {
    expect(parseTasklistVerbose('junk').errors).toMatchObject([{ file: 'tasklist', line: 1 }]);
  });

  it('reads every column, trimmed', () => {
    const { rows } = parseTasklistVerbose(
      '" a.exe "," 12 "," Console ","1","1.234 K"," Running "," PC\\a "," 0:00:01 "," Main window "',
    );
    expect(rows).toEqual([
      {
        imageName: 'a.exe',
        pid: 12,
        sessionName: 'Console',
        memory: 1234,
        status: 'Running',
        userName: 'PC\\a',
        cpuTime: '0:00:01',
        windowTitle: 'Main window',
      },
    ]);
  });

  it('takes the known "N/A" words in any case, and blanks, as null', () => {
    const { rows } = parseTasklistVerbose(
      [V_ROW('a.exe', '12', 'n/a', 'N/A'), V_ROW('b.exe', '13', '   ', 'Н/Д')].join('\n'),
    );
    expect(rows.map((r) => [r.userName, r.windowTitle])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('learns the capture\'s "N/A" word from the window title of PID 0 and 4, and applies it to user names', () => {
    const text = [
      V_ROW('System Idle Process', '0', 'NT AUTHORITY\\SYSTEM', 'Nie dotyczy'),
      V_ROW('System', '4', 'NT AUTHORITY\\SYSTEM', 'Nie dotyczy'),
      V_ROW('a.exe', '12', 'Nie dotyczy', 'Nie dotyczy'),
      V_ROW('b.exe', '13', 'PC\\b', 'Okno'),
    ].join('\n');
    const { rows } = parseTasklistVerbose(text);
    expect(rows.map((r) => [r.pid, r.userName, r.windowTitle])).toEqual([
      [0, 'NT AUTHORITY\\SYSTEM', null],
      [4, 'NT AUTHORITY\\SYSTEM', null],
      [12, null, null],
      [13, 'PC\\b', 'Okno'],
    ]);
  });

  it('does not learn a word from the title of another PID', () => {
    const text = [V_ROW('a.exe', '8', 'PC\\a', 'Okno'), V_ROW('b.exe', '13', 'PC\\b', 'Okno')].join('\n');
    expect(parseTasklistVerbose(text).rows.map((r) => r.windowTitle)).toEqual(['Okno', 'Okno']);
  });
});

describe('the "N/A" helpers', () => {
  const rows = [
    { pid: 0, cell: ' Nie dotyczy ' },
    { pid: 4, cell: 'A,B' },
    { pid: 4, cell: '   ' },
    { pid: 8, cell: 'Brak' },
  ];

  it('learns trimmed words of PID 0 and 4 only, never a list or a blank', () => {
    const learned = learnNotAvailable(
      rows,
      (r) => r.pid,
      (r) => r.cell,
    );
    expect([...learned]).toEqual(['Nie dotyczy']);
  });

  it('isNotAvailable: blank, a known word in any case, or a learned word (exactly)', () => {
    expect(isNotAvailable('')).toBe(true);
    expect(isNotAvailable('  ')).toBe(true);
    expect(isNotAvailable(' n/a ')).toBe(true);
    expect(isNotAvailable('暂缺')).toBe(true);
    expect(isNotAvailable('Nie dotyczy')).toBe(false);
    expect(isNotAvailable(' Nie dotyczy ', new Set(['Nie dotyczy']))).toBe(true);
    expect(isNotAvailable('Dhcp', new Set(['Nie dotyczy']))).toBe(false);
  });

  it('isNoService: also any name with "/" or "\\"', () => {
    expect(isNoService('N/D')).toBe(true);
    expect(isNoService('A\\B')).toBe(true);
    expect(isNoService('Dhcp')).toBe(false);
    expect(isNoService('Service KMSELDI')).toBe(false);
    expect(isNoService('Brak', new Set(['Brak']))).toBe(true);
  });
});

describe('parseTasklistSvc edges', () => {
  it('needs three columns in the CSV form, trims names and drops empty ones', () => {
    const text = ['"a.exe","12"', '"b.exe","13"," Dhcp ,, lmhosts ,"'].join('\r\n');
    const { services, errors } = parseTasklistSvc(text, 's.csv');
    expect(Object.fromEntries(services)).toEqual({ 13: ['Dhcp', 'lmhosts'] });
    // The first line has a numeric PID but two columns: no header, so it is reported.
    expect(errors.map((e) => [e.file, e.line])).toEqual([['s.csv', 1]]);
  });

  it('names the default file "tasklist-svc" in its issues', () => {
    expect(parseTasklistSvc('junk').errors).toMatchObject([{ file: 'tasklist-svc', line: 1 }]);
  });

  it('reads the CSV form when the rule line has fewer than three runs of "="', () => {
    const text = ['====== ======', '"b.exe","13","Dhcp"'].join('\n');
    const { services, errors } = parseTasklistSvc(text);
    expect(Object.fromEntries(services)).toEqual({ 13: ['Dhcp'] });
    expect(errors).toHaveLength(1);
  });

  it('reads the table form with blanks after the rule, and skips lines that are no process', () => {
    const text = [
      'Image Name                     PID Services',
      '========================= ======== ============================================   ',
      '                                   orphan',
      '',
      'System Idle Process              0 N/A',
      'not a row                      abc Dhcp',
      'svchost.exe                    964 AudioSrv, Dhcp',
      '   ',
      '                                   lmhosts',
    ].join('\r\n');
    const { services, errors } = parseTasklistSvc(text);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(services)).toEqual({ 0: [], 964: ['AudioSrv', 'Dhcp', 'lmhosts'] });
  });

  it('reads a rule line with any number of blanks between its runs, also as the first line', () => {
    const text = [
      '=========================   ========  ==========',
      'svchost.exe                    964    Dhcp',
    ].join('\n');
    expect(parseTasklistSvc(text)).toEqual({ services: new Map([[964, ['Dhcp']]]), errors: [] });
  });

  it('does not take a line with text before or after the runs of "=" for the rule', () => {
    for (const rule of ['x ==== ==== ====', '==== ==== ==== x']) {
      const { services, errors } = parseTasklistSvc([rule, '"b.exe","13","Dhcp"'].join('\n'));
      expect(Object.fromEntries(services), rule).toEqual({ 13: ['Dhcp'] });
      expect(errors, rule).toHaveLength(1);
    }
  });

  it('reads only the rows below the rule, not a row-shaped line above the header', () => {
    const text = [
      'svchost.exe                    999 Foo',
      'Image Name                     PID Services',
      '========================= ======== ============================================',
      'svchost.exe                    964 Dhcp',
    ].join('\n');
    expect(Object.fromEntries(parseTasklistSvc(text).services)).toEqual({ 964: ['Dhcp'] });
  });

  it('never learns a wrapped list of PID 4 as its "N/A" word', () => {
    const text = [
      'Image Name                     PID Services',
      '========================= ======== ============================================',
      'System                           4 Foo',
      '                                   Bar',
      'svchost.exe                    964 FooBar',
    ].join('\n');
    expect(Object.fromEntries(parseTasklistSvc(text).services)).toEqual({
      4: ['Foo', 'Bar'],
      964: ['FooBar'],
    });
  });

  it('does not take a line of "=" inside a row for the rule', () => {
    const text = '"a.exe","12","== == =="\n"b.exe","13","x"';
    // "== == ==" is inside quotes on a CSV line, not a rule line on its own.
    expect(Object.fromEntries(parseTasklistSvc(text).services)).toEqual({ 12: ['== == =='], 13: ['x'] });
  });
});

describe('readCsv edges', () => {
  it('splits on the delimiter given (PowerShell -UseCulture writes ";")', () => {
    expect(readCsv('"a";"b,c";d', ';')).toEqual([{ fields: ['a', 'b,c', 'd'], line: 1 }]);
    expect(readCsv('a;b')).toEqual([{ fields: ['a;b'], line: 1 }]);
  });

  it('ends records at CR, LF and CRLF, counting CRLF as one line', () => {
    expect(readCsv('a\rb\r\nc\nd').map((r) => [r.fields[0], r.line])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
    expect(readCsv('a\r\n\r\nb').map((r) => r.line)).toEqual([1, 3]);
  });

  it('counts line breaks inside quotes for the line of the next record', () => {
    expect(readCsv('"x\ny\nz",1\n"w",2').map((r) => r.line)).toEqual([1, 4]);
  });

  it('gives a record the line it starts on whatever its first character', () => {
    expect(readCsv('\n,a\n\n"b"\n\n\nc').map((r) => [r.fields, r.line])).toEqual([
      [['', 'a'], 2],
      [['b'], 4],
      [['c'], 7],
    ]);
  });

  it('keeps leading blanks of a record with content, drops a record of blanks and tabs only', () => {
    expect(readCsv(' \t a,b\n \t \n')).toEqual([{ fields: [' \t a', 'b'], line: 1 }]);
    expect(readCsv('\t')).toEqual([]);
  });

  it('reads "" at the end of a quoted field as a quote, and drops text after a closing quote (reported)', () => {
    expect(readCsv('"a""","b"c')[0].fields).toEqual(['a"', 'b']);
    expect(readCsv('"a",""')[0].fields).toEqual(['a', '']);
  });

  it('drops a BOM only at the very start', () => {
    expect(readCsv('a\uFEFF,b')[0].fields).toEqual(['a\uFEFF', 'b']);
    expect(readCsv('\uFEFF')).toEqual([]);
  });

  it('keeps an unterminated quoted field to the end of the text', () => {
    expect(readCsv('"a,b\nc')).toEqual([{ fields: ['a,b\nc'], line: 1, problem: 'unterminated-quote' }]);
  });
});

describe('csvCell edges', () => {
  it('neutralises every formula start, and quotes the result even with nothing else to quote', () => {
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=cmd')).toBe(`"'=cmd"`);
    expect(csvCell(-5)).toBe(`"'-5"`);
  });

  it('leaves a formula character that is not at the start alone', () => {
    expect(csvCell('a=b+c-d@e')).toBe('a=b+c-d@e');
    expect(csvCell('x\t')).toBe('x\t');
  });

  it('quotes a carriage return alone', () => {
    expect(csvCell('a\rb')).toBe('"a\rb"');
  });
});
