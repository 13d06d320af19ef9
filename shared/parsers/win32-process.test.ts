import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWin32Process } from './win32-process';

const bytes = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/processes/${name}`, import.meta.url));
const utf8 = (name: string) => bytes(name).toString('utf8');

describe('parseWin32Process: Export-Csv / ConvertTo-Csv', () => {
  it('reads Windows PowerShell 5.1 Export-Csv: #TYPE line, quoted fields, nulls as empty', () => {
    const { rows, errors } = parseWin32Process(utf8('win32-process-ps51.csv.txt'), 'p.csv');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(15);
    expect(rows[0]).toEqual({
      pid: 0,
      parentPid: 0,
      name: 'System Idle Process',
      executablePath: null,
      commandLine: null,
      line: 3,
    });
    const disguised = rows.find((r) => r.pid === 6412);
    expect(disguised?.executablePath).toBe('C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe');
    // "" inside a quoted field is one quote: the command line starts with the quoted path.
    expect(disguised?.commandLine).toBe(
      '"C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe" -k netsvcs',
    );
    expect(rows.find((r) => r.pid === 1480)).toMatchObject({
      name: 'svchost.exe',
      executablePath: null,
      parentPid: 676,
    });
  });

  it('reads PowerShell 7 -UseCulture output of a German PC (";" separator, "" for null, Vietnamese path)', () => {
    const { rows, errors } = parseWin32Process(utf8('win32-process-ps7-de-semicolon.csv.txt'), 'p.csv');
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.pid)).toEqual([0, 4, 1196, 5208, 5560]);
    expect(rows[2]).toMatchObject({ executablePath: null, commandLine: null });
    expect(rows[3]).toMatchObject({
      name: 'Zalo.exe',
      executablePath: 'C:\\Users\\Trần Văn Bình\\AppData\\Local\\Programs\\Zalo\\Zalo.exe',
      commandLine: '"C:\\Users\\Trần Văn Bình\\AppData\\Local\\Programs\\Zalo\\Zalo.exe"',
      line: 5,
    });
  });

  it('finds columns by name, in any order, and reports a row without a numeric ProcessId with its line', () => {
    const text = [
      '"Name","ExecutablePath","ProcessId"',
      '"svchost.exe","C:\\Windows\\System32\\svchost.exe","832"',
      '"broken.exe","C:\\x.exe","n/a"',
    ].join('\r\n');
    const { rows, errors } = parseWin32Process(text, 'proc.csv');
    expect(rows).toEqual([
      {
        pid: 832,
        parentPid: null,
        name: 'svchost.exe',
        executablePath: 'C:\\Windows\\System32\\svchost.exe',
        commandLine: null,
        line: 2,
      },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'proc.csv', line: 3 });
    expect(errors[0]?.message).toContain('ProcessId');
  });

  it('refuses a file that is not this capture (tasklist CSV) and says how to make one', () => {
    const { rows, errors } = parseWin32Process(
      '"svchost.exe","832","Services","0","10,924 K"\r\n',
      'tasklist.csv',
    );
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'tasklist.csv', line: 1 });
    expect(errors[0]?.message).toContain('Get-CimInstance Win32_Process');
  });
});

describe('parseWin32Process: ConvertTo-Json', () => {
  it('reads Windows PowerShell 5.1 ConvertTo-Json (UTF-16LE with BOM, "key":  value) with object lines', () => {
    const text = new TextDecoder('utf-16le').decode(bytes('win32-process-ps51-json-utf16.json.txt'));
    const { rows, errors } = parseWin32Process(text, 'p.json');
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.pid, r.line])).toEqual([
      [0, 2],
      [4, 9],
      [940, 16],
      [3020, 23],
      [8876, 30],
    ]);
    expect(rows[4]).toMatchObject({
      parentPid: 4120,
      name: 'taskhostw.exe',
      executablePath: 'C:\\Users\\Public\\Libraries\\taskhostw.exe',
      commandLine: 'C:\\Users\\Public\\Libraries\\taskhostw.exe /run',
    });
  });

  it('reads the lone object ConvertTo-Json writes for one process', () => {
    const { rows, errors } = parseWin32Process(utf8('win32-process-single.json.txt'), 'one.json');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        pid: 6412,
        parentPid: 4120,
        name: 'svchost.exe',
        executablePath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\svchost.exe',
        commandLine: null,
        line: 1,
      },
    ]);
  });

  it('reports broken JSON at line 1 with the capture command', () => {
    const { rows, errors } = parseWin32Process('[{"ProcessId": 4,', 'bad.json');
    expect(rows).toEqual([]);
    expect(errors[0]).toMatchObject({ file: 'bad.json', line: 1 });
    expect(errors[0]?.message).toContain('ConvertTo-Json');
  });
});
