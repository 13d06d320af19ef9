import { describe, expect, it } from 'vitest';
import { parseCimProcessTable, terminateRefusal } from '.';
import { parseTasklistCsv } from '../../shared/parsers/tasklist';
import { fixture } from '../../test/support/licensing/fixture';

const self = { pid: 7000, ppid: 6990 };
const CRITICAL =
  /^(system idle process|system|registry|smss\.exe|csrss\.exe|wininit\.exe|winlogon\.exe|services\.exe|lsass\.exe)$/i;

describe('critical-process guard on real process lists', () => {
  const cim = parseCimProcessTable(fixture('20_get_ciminstance_win32_process.txt'));
  const tasklist = parseTasklistCsv(fixture('09_tasklist_v_csv_en_misc_real.txt')).rows;

  it('reads realdata 20 (Get-CimInstance Win32_Process tables), names with spaces included', () => {
    expect(cim.slice(0, 4).map((r) => [r.pid, r.name])).toEqual([
      [0, 'System Idle Process'],
      [4, 'System'],
      [108, 'Registry'],
      [372, 'smss.exe'],
    ]);
    expect(cim.filter((r) => r.name === 'chrome.exe').map((r) => r.pid)).toEqual([5364, 9452, 4248]);
  });

  it('refuses every critical process of realdata 20 and 09 by name and pid, allows the others', () => {
    const all = [...cim, ...tasklist.map((r) => ({ pid: r.pid, name: r.imageName }))];
    expect(all.length).toBeGreaterThan(15);
    for (const p of all) {
      const refusal = terminateRefusal(p, self);
      if (CRITICAL.test(p.name) || p.pid <= 4) expect(refusal, `${p.name} ${p.pid}`).not.toBeNull();
      else expect(refusal, `${p.name} ${p.pid}`).toBeNull();
    }
    expect(terminateRefusal({ pid: 840, name: 'lsass.exe' }, self)!.en).toContain('critical system process');
    expect(terminateRefusal({ pid: 5364, name: 'chrome.exe' }, self)).toBeNull();
  });

  it('refuses pid ≤ 4 whatever the name says', () => {
    for (const pid of [0, 1, 2, 3, 4])
      expect(terminateRefusal({ pid, name: 'evil.exe' }, self)).not.toBeNull();
    expect(terminateRefusal({ pid: 5, name: 'evil.exe' }, self)).toBeNull();
  });

  it('refuses the app itself and its parent, and matches names case- and path-insensitively', () => {
    expect(terminateRefusal({ pid: self.pid, name: 'Sạch Mã Độc.exe' }, self)!.en).toContain('itself');
    expect(terminateRefusal({ pid: self.ppid, name: 'explorer.exe' }, self)).not.toBeNull();
    expect(terminateRefusal({ pid: 900, name: 'C:\\Windows\\System32\\LSASS.EXE' }, self)).not.toBeNull();
    expect(terminateRefusal({ pid: 900, name: 'WinLogon' }, self)).not.toBeNull();
    expect(terminateRefusal({ pid: -1, name: 'x.exe' }, self)).not.toBeNull();
  });

  it('uses this machine’s real pid and parent pid', () => {
    const me = { pid: process.pid, ppid: process.ppid };
    expect(terminateRefusal({ pid: process.pid, name: 'node' }, me)).not.toBeNull();
    expect(terminateRefusal({ pid: process.ppid, name: 'node' }, me)).not.toBeNull();
  });
});

describe('critical-process guard: the names Windows 10/11 adds (issue 19)', () => {
  // Task Manager / Get-CimInstance spellings: "Secure System" and "Memory Compression" have no
  // ".exe"; LsaIso.exe is Credential Guard's isolated LSA. Killing any of them crashes Windows.
  it.each([
    ['LsaIso.exe', 1020],
    ['lsaiso', 1020],
    ['Memory Compression', 2580],
    ['memory compression', 2580],
    ['Secure System', 72],
    ['Secure System', 140],
    ['C:\\Windows\\System32\\lsaiso.exe', 1020],
  ])('refuses %s (pid %i) by name', (name, pid) => {
    const refusal = terminateRefusal({ pid, name }, self);
    expect(refusal).not.toBeNull();
    if (pid > 4) expect(refusal!.en).toContain('critical system process');
  });

  it('each listed name is refused at a pid above 4, and near-misses are not', () => {
    for (const name of ['lsaiso.exe', 'Memory Compression', 'Secure System', 'Registry', 'System'])
      expect(terminateRefusal({ pid: 5000, name }, self)!.en, name).toContain('critical system process');
    for (const name of ['lsaiso-helper.exe', 'memory.exe', 'secure.exe', 'systemsettings.exe'])
      expect(terminateRefusal({ pid: 5000, name }, self), name).toBeNull();
  });
});

describe('critical-process guard: exact refusals (issue 19: mutants that survived)', () => {
  it('says why, in Vietnamese and English, for an invalid pid, a kernel pid, the app, a critical name', () => {
    expect(terminateRefusal({ pid: -1, name: 'x.exe' }, self)).toEqual({
      vi: 'PID không hợp lệ: -1.',
      en: 'Invalid PID: -1.',
    });
    expect(terminateRefusal({ pid: 1.5, name: 'x.exe' }, self)).toEqual({
      vi: 'PID không hợp lệ: 1.5.',
      en: 'Invalid PID: 1.5.',
    });
    expect(terminateRefusal({ pid: 0, name: 'x.exe' }, self)).toEqual({
      vi: 'Không được dừng PID 0: đây là tiến trình của nhân Windows.',
      en: 'Refused: PID 0 belongs to the Windows kernel.',
    });
    expect(terminateRefusal({ pid: self.pid, name: 'x.exe' }, self)).toEqual({
      vi: `Không được dừng PID ${self.pid}: đó là chính Sạch Mã Độc (một tiến trình của nó, hoặc tiến trình đã mở nó).`,
      en: `Refused: PID ${self.pid} is Sạch Mã Độc itself (one of its processes, or the process that started it).`,
    });
    expect(terminateRefusal({ pid: 840, name: 'lsass.exe' }, self)).toEqual({
      vi: 'Không được dừng lsass.exe: đây là tiến trình hệ thống thiết yếu (Windows, màn hình hoặc phần mềm diệt virus); dừng nó có thể làm sập Windows hoặc tắt bảo vệ.',
      en: 'Refused: lsass.exe is a critical system process (Windows, the desktop or the antivirus); stopping it can crash Windows or switch protection off.',
    });
  });

  it('reads the name with blanks around it, and only a trailing ".exe" as the extension', () => {
    expect(terminateRefusal({ pid: 840, name: '  lsass.exe  ' }, self)).not.toBeNull();
    expect(terminateRefusal({ pid: 840, name: '\tcsrss\n' }, self)).not.toBeNull();
    // ".exe" inside the name is not the extension: "lsa.exess" is not lsass.
    expect(terminateRefusal({ pid: 840, name: 'lsa.exess' }, self)).toBeNull();
    expect(terminateRefusal({ pid: 840, name: 'lsass.exe.bak' }, self)).toBeNull();
  });
});
