import { describe, expect, it } from 'vitest';
import { parseCimProcessTable, terminateRefusal } from '../../../electron/services/cleanup';
import { parseTasklistCsv } from '../../../shared/parsers/tasklist';
import { fixture } from '../licensing/fixture';

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
