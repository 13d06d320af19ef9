// Edges of the `reg query` parser and the installed-programs view (shared/parsers/reg-uninstall.ts)
// that mutation testing (issue 19) showed no test pinned down. Lines are shaped like the captures
// in test/fixtures/licensing (reg query …\Uninstall /s, CRLF as reg.exe writes it).
import { describe, expect, it } from 'vitest';
import { parseRegQuery, parseRegUninstall, regValue } from './reg-uninstall';

const UNINSTALL = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

describe('parseRegQuery edges', () => {
  it('reads key lines, values with spaces in their names, empty data, a byte-order mark and CRLF', () => {
    const text = [
      `\uFEFFHKEY_LOCAL_MACHINE\\${UNINSTALL}\\KMSpico_is1`,
      '    Inno Setup: App Path    REG_SZ    C:\\Program Files\\KMSpico',
      '    Comments    REG_SZ    ',
      '    NoModify    REG_DWORD    0x1',
      '    EstimatedSize    REG_DWORD',
      '',
      'End of search: 3 match(es) found.',
      '',
    ].join('\r\n');
    const { keys, errors } = parseRegQuery(text, 'r.txt');
    expect(errors).toEqual([]);
    expect(keys).toEqual([
      {
        path: `HKEY_LOCAL_MACHINE\\${UNINSTALL}\\KMSpico_is1`,
        line: 1,
        values: [
          {
            name: 'Inno Setup: App Path',
            type: 'REG_SZ',
            data: 'C:\\Program Files\\KMSpico',
            line: 2,
            text: 'Inno Setup: App Path    REG_SZ    C:\\Program Files\\KMSpico',
          },
          { name: 'Comments', type: 'REG_SZ', data: '', line: 3, text: 'Comments    REG_SZ' },
          { name: 'NoModify', type: 'REG_DWORD', data: '0x1', line: 4, text: 'NoModify    REG_DWORD    0x1' },
          { name: 'EstimatedSize', type: 'REG_DWORD', data: '', line: 5, text: 'EstimatedSize    REG_DWORD' },
        ],
      },
    ]);
  });

  it('takes the short hive names as key lines, but not an indented one', () => {
    const text = ['HKCU\\Software\\X', '    HKLM\\Not\\A\\Key    REG_SZ    v', 'HKU\\S-1-5-18'].join('\n');
    const { keys } = parseRegQuery(text, 'r.txt');
    expect(keys.map((k) => [k.path, k.values.map((v) => v.name)])).toEqual([
      ['HKCU\\Software\\X', ['HKLM\\Not\\A\\Key']],
      ['HKU\\S-1-5-18', []],
    ]);
  });

  it('treats "(Default)" in ASCII or full-width parentheses as the unnamed value, and only a whole name', () => {
    const text = [
      `HKEY_LOCAL_MACHINE\\${UNINSTALL}\\App`,
      '    (Default)    REG_SZ    a',
      '    （既定）    REG_SZ    b',
      '    (Default) copy    REG_SZ    c',
      '    Size (MB)    REG_SZ    d',
    ].join('\n');
    const names = parseRegQuery(text, 'r.txt').keys[0].values.map((v) => v.name);
    expect(names).toEqual(['', '', '(Default) copy', 'Size (MB)']);
  });

  it('reports a value line before any key with the file, the line and what to capture', () => {
    const { keys, errors } = parseRegQuery('\r\n    DisplayName    REG_SZ    KMSpico\r\n', 'orphan.txt');
    expect(keys).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'orphan.txt',
        line: 2,
        message: 'registry value before any key line; is this `reg query` output?',
      },
    ]);
  });
});

describe('regValue', () => {
  it('finds a value by name in any case, and gives null for an empty or missing one', () => {
    const key = parseRegQuery(
      [`HKLM\\${UNINSTALL}\\X`, '    Displayname    REG_SZ    KMSAuto', '    Publisher    REG_SZ    '].join(
        '\n',
      ),
      'r.txt',
    ).keys[0];
    expect(regValue(key, 'DisplayName')).toBe('KMSAuto');
    expect(regValue(key, 'DISPLAYNAME')).toBe('KMSAuto');
    expect(regValue(key, 'Publisher')).toBeNull();
    expect(regValue(key, 'InstallLocation')).toBeNull();
  });
});

describe('parseRegUninstall edges', () => {
  it('gives each program its key, path, hive, 32-bit flag, values and line', () => {
    const text = [
      `HKEY_USERS\\S-1-5-21-1004\\${UNINSTALL}\\AutoKMS`,
      '    DisplayName    REG_SZ    AutoKMS',
      '    DisplayVersion    REG_SZ    1.0',
      '    SystemComponent    REG_DWORD    0x1',
      '',
      `HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\KMS Tools`,
      '    SystemComponent    REG_DWORD    0x0',
      '',
      `HKCU\\${UNINSTALL}\\Tool`,
      '    SystemComponent    REG_DWORD    0x2',
    ].join('\r\n');
    const { programs, errors } = parseRegUninstall(text, 'u.txt');
    expect(errors).toEqual([]);
    expect(programs).toEqual([
      {
        key: 'AutoKMS',
        path: `HKEY_USERS\\S-1-5-21-1004\\${UNINSTALL}\\AutoKMS`,
        hive: 'OTHER',
        wow64: false,
        displayName: 'AutoKMS',
        displayVersion: '1.0',
        publisher: null,
        installLocation: null,
        uninstallString: null,
        systemComponent: true,
        line: 1,
      },
      expect.objectContaining({
        key: 'KMS Tools',
        hive: 'HKLM',
        wow64: true,
        systemComponent: false,
        line: 6,
      }),
      expect.objectContaining({ key: 'Tool', hive: 'HKCU', wow64: false, systemComponent: false, line: 9 }),
    ]);
  });

  it('takes only direct sub-keys of an Uninstall key as programs', () => {
    const text = [
      `HKEY_LOCAL_MACHINE\\${UNINSTALL}`,
      `HKEY_LOCAL_MACHINE\\${UNINSTALL}\\KMSpico`,
      '    DisplayName    REG_SZ    KMSpico',
      `HKEY_LOCAL_MACHINE\\${UNINSTALL}\\KMSpico\\Sub`,
      '    DisplayName    REG_SZ    Not a program',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Uninstaller\\X',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\MyUninstall\\Y',
    ].join('\n');
    expect(parseRegUninstall(text, 'u.txt').programs.map((p) => p.displayName)).toEqual(['KMSpico']);
  });

  it('passes on the parse errors of the capture', () => {
    const r = parseRegUninstall('    DisplayName    REG_SZ    x\n', 'bad.txt');
    expect(r.programs).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ file: 'bad.txt', line: 1 })]);
  });
});

describe('parseRegQuery on a capture copied from a console window', () => {
  it('trims the blanks that pad key lines, bare hive lines included', () => {
    const pad = (lines: string[]) => lines.map((l) => l.padEnd(100, ' ')).join('\r\n');
    const text = pad([
      'HKEY_CURRENT_USER',
      '    Comment    REG_SZ    top',
      `HKEY_CURRENT_USER\\${UNINSTALL}\\NotepadPlusPlus`,
      '    DisplayName    REG_SZ    Notepad++ (64-bit x64)',
    ]);
    const { keys } = parseRegQuery(text, 'r.txt');
    expect(keys.map((k) => [k.path, k.values.length])).toEqual([
      ['HKEY_CURRENT_USER', 1],
      [`HKEY_CURRENT_USER\\${UNINSTALL}\\NotepadPlusPlus`, 1],
    ]);
    expect(parseRegUninstall(text, 'r.txt').programs[0]).toMatchObject({
      key: 'NotepadPlusPlus',
      path: `HKEY_CURRENT_USER\\${UNINSTALL}\\NotepadPlusPlus`,
      hive: 'HKCU',
    });
  });
});
