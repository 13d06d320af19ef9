import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../domain';
import { parseWin32Process } from '../parsers/win32-process';
import { applyProcessFacts, isDisguisedSystemExecutable, missingPathStatus } from './process-facts';
import { connection } from '../../test/support/connection';

const conn = (pid: number, processName: string | null): Connection =>
  connection({
    localAddress: '192.168.1.20',
    localPort: 50000 + (pid % 1000),
    remoteAddress: '203.0.113.9',
    pid,
    processName,
  });

describe('isDisguisedSystemExecutable', () => {
  it('accepts system executables in System32 / SysWOW64 of any drive, any case, and explorer.exe in Windows', () => {
    for (const p of [
      'C:\\Windows\\system32\\svchost.exe',
      'C:\\WINDOWS\\System32\\spoolsv.exe',
      'D:\\Windows\\SysWOW64\\dllhost.exe',
      'C:\\Windows\\Explorer.EXE',
      '\\\\?\\C:\\Windows\\System32\\lsass.exe',
    ]) {
      expect(isDisguisedSystemExecutable(p), p).toBe(false);
    }
  });

  it('flags a system name in a user-writable folder or a look-alike Windows folder', () => {
    for (const p of [
      'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
      'C:\\ProgramData\\Intel\\rundll32.exe',
      'C:\\Windows\\Temp\\lsass.exe',
      'C:\\Windows\\System32\\drivers\\csrss.exe',
      'C:\\Windows\\System\\svchost.exe',
      'C:\\Windows\\System32\\explorer.exe\\..\\..\\Temp\\explorer.exe',
    ]) {
      expect(isDisguisedSystemExecutable(p), p).toBe(true);
    }
  });

  it('never flags a path that is not a system name, nor a missing path', () => {
    expect(isDisguisedSystemExecutable('C:\\Users\\a\\AppData\\Local\\Temp\\svchost32.exe')).toBe(false);
    expect(isDisguisedSystemExecutable(null)).toBe(false);
  });

  it("uses the machine's own Windows folder when it is known", () => {
    expect(isDisguisedSystemExecutable('C:\\Windows\\System32\\svchost.exe', 'E:\\WINNT')).toBe(true);
    expect(isDisguisedSystemExecutable('E:\\WINNT\\system32\\svchost.exe', 'E:\\WINNT\\')).toBe(false);
  });
});

describe('applyProcessFacts with a real-shaped Win32_Process capture', () => {
  const { rows } = parseWin32Process(
    readFileSync(
      new URL('../../test/fixtures/processes/win32-process-ps51.csv.txt', import.meta.url),
      'utf8',
    ),
    'p.csv',
  );

  it('fills path, parent and command line by PID and flags the disguised svchost.exe and rundll32.exe', () => {
    const out = applyProcessFacts(
      [conn(832, 'svchost.exe'), conn(6412, 'svchost.exe'), conn(7344, null)],
      rows,
    );
    expect(out[0]).toMatchObject({
      processPath: 'C:\\Windows\\system32\\svchost.exe',
      parentPid: 676,
      parentName: 'services.exe',
      commandLine: 'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p',
    });
    expect(out[0]?.disguise).toBeUndefined();
    expect(out[1]).toMatchObject({ disguise: true, parentName: 'explorer.exe' });
    expect(out[2]).toMatchObject({ processName: 'rundll32.exe', disguise: true });
  });

  it('says in words why a path is missing: kernel process or needs an administrator', () => {
    const out = applyProcessFacts(
      [conn(4, 'System'), conn(1480, 'svchost.exe'), conn(476, 'csrss.exe')],
      rows,
    );
    expect(out.map((c) => c.pathStatus)).toEqual(['no-file', 'needs-elevation', 'needs-elevation']);
    expect(out.map((c) => c.processPath)).toEqual([null, null, null]);
    expect(missingPathStatus(108, 'Registry')).toBe('no-file');
  });

  it('drops the pending mark of a process that ended before the query, and keeps a path it had', () => {
    const pending = { ...conn(9999, 'gone.exe'), pathStatus: 'pending' as const };
    const known = { ...conn(7020, 'chrome.exe'), processPath: 'C:\\Other\\chrome.exe' };
    const [gone, kept] = applyProcessFacts([pending, known], rows);
    expect(gone?.pathStatus).toBeUndefined();
    expect(kept?.processPath).toBe('C:\\Other\\chrome.exe');
    expect(kept?.parentName).toBe('explorer.exe');
  });

  it('gives no path to a PID that now belongs to a process of another name (the PID was reused)', () => {
    // netstat/tasklist saw chrome.exe as 6412; by the time of the query (after a --watch) Windows
    // gave 6412 to svchost.exe: its path, parent and disguise flag are not chrome's.
    const reused = { ...conn(6412, 'chrome.exe'), pathStatus: 'pending' as const };
    const [out] = applyProcessFacts([reused, conn(6412, 'SVCHOST.EXE')], rows);
    expect(out).toEqual(conn(6412, 'chrome.exe'));
    expect(applyProcessFacts([conn(6412, 'SVCHOST.EXE')], rows)[0]).toMatchObject({ disguise: true });
  });
});
