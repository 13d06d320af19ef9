import { describe, expect, it } from 'vitest';
import { parseRegQuery, parseRegUninstall } from './reg-uninstall';
import { fixture } from '../../test/support/licensing/fixture';

describe('parseRegUninstall on realdata 12', () => {
  it('reads every key block, including empty keys, SystemComponent and empty REG_SZ values', () => {
    const { programs, errors } = parseRegUninstall(fixture('reg-uninstall-hklm-appium.txt'), 'a.txt');
    expect(errors).toEqual([]);
    expect(programs.map((p) => p.key)).toEqual([
      'AddressBook',
      'Connection Manager',
      'DirectDrawEx',
      'WIC',
      '{12B6D916-FD64-471C-8EF7-C04443A75F8D}',
      '{29DA7679-80B6-452A-B264-349BAEE7CC0E}',
    ]);
    const net = programs[4];
    expect(net).toMatchObject({
      hive: 'HKLM',
      wow64: false,
      displayName: 'Microsoft .NET Host - 5.0.7 (x64)',
      publisher: 'Microsoft Corporation',
      installLocation: null,
      uninstallString: 'MsiExec.exe /X{12B6D916-FD64-471C-8EF7-C04443A75F8D}',
      systemComponent: true,
    });
    expect(programs[1].systemComponent).toBe(true);
    expect(programs[5].systemComponent).toBe(false);
  });

  it('reads a live capture with quoted uninstall strings and install location', () => {
    const { programs } = parseRegUninstall(fixture('reg-uninstall-hklm-7zip.txt'), 'b.txt');
    expect(programs[0]).toMatchObject({
      key: '7-Zip',
      displayName: '7-Zip 25.01 (x64)',
      installLocation: 'C:\\Program Files\\7-Zip\\',
      uninstallString: '"C:\\Program Files\\7-Zip\\Uninstall.exe"',
      publisher: 'Igor Pavlov',
    });
  });

  it('flags WOW6432Node entries as 32-bit, with unindented value lines', () => {
    const { programs } = parseRegUninstall(fixture('reg-uninstall-wow6432.txt'), 'c.txt');
    expect(programs).toHaveLength(1);
    expect(programs[0]).toMatchObject({
      wow64: true,
      hive: 'HKLM',
      displayName: 'Microsoft Visual C++ 2013 x86 Additional Runtime - 12.0.21005',
    });
  });

  it('reads both hives and WOW6432Node in one capture', () => {
    const { programs } = parseRegUninstall(fixture('reg-uninstall-kmspico-both-hives.txt'), 'd.txt');
    expect(programs.map((p) => [p.hive, p.wow64, p.displayName])).toEqual([
      ['HKLM', false, 'KMSpico'],
      ['HKLM', true, 'KMSAuto Net 2016'],
      ['HKCU', false, 'Notepad++ (64-bit x64)'],
    ]);
    expect(programs[0].installLocation).toBe('C:\\Program Files\\KMSpico\\');
  });

  it('treats a translated "(Default)" name such as "(默认)" as the unnamed value', () => {
    const { keys } = parseRegQuery(fixture('reg-uninstall-zh-cn-default.txt'), 'e.txt');
    expect(keys[0].values[0]).toMatchObject({
      name: '',
      type: 'REG_SZ',
      data: 'C:\\Program Files\\Microsoft VS Code\\Code.exe',
    });
    const { programs } = parseRegUninstall(fixture('reg-uninstall-zh-cn-default.txt'), 'e.txt');
    expect(programs[0].displayName).toBe('Microsoft Visual Studio Code');
  });

  it('parses the whole realdata file and reports the orphan value line with file:line', () => {
    const { programs } = parseRegUninstall(fixture('12_reg_query_uninstall_s.txt'), '12.txt');
    expect(programs.filter((p) => p.displayName).map((p) => p.displayName)).toEqual([
      'Microsoft .NET Host - 5.0.7 (x64)',
      'Windows Application Driver',
      '7-Zip 25.01 (x64)',
      'Microsoft Visual C++ 2013 x86 Additional Runtime - 12.0.21005',
    ]);
    const orphan = parseRegQuery('    (默认)    REG_SZ    C:\\x.exe\n', 'f.txt');
    expect(orphan.errors).toEqual([expect.objectContaining({ file: 'f.txt', line: 1 })]);
  });
});
