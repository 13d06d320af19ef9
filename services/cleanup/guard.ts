// The critical-process guard: processes whose termination crashes or locks Windows, and the app
// itself and every process of its own tree (renderers, GPU helper, the parent that started it), and
// the processes that keep the desktop and its antivirus running. Checked by name AND by pid: a name alone can be spoofed by malware ("csrss.exe" in a
// user folder is still refused, which is the safe side), and pid 0/4 are the kernel's.
import type { Text2 } from './types';

/** Windows processes that must never be killed (lower case, without ".exe"). */
export const CRITICAL_PROCESS_NAMES = [
  'system',
  'system idle process',
  'registry',
  'memory compression',
  'secure system',
  'smss',
  'csrss',
  'wininit',
  'winlogon',
  'services',
  'lsass',
  'lsaiso',
  // Service hosts carry dozens of Windows services each; killing one takes them all down.
  'svchost',
  // The desktop compositor: the screen goes black.
  'dwm',
  // Microsoft Defender's engine: a cleanup tool must never switch off the antivirus.
  'msmpeng',
  'nissrv',
] as const;

const critical = new Set<string>(CRITICAL_PROCESS_NAMES);

/** "C:\\Windows\\System32\\LSASS.EXE" → "lsass". */
const bareName = (name: string): string =>
  name
    .trim()
    .replace(/^.*[\\/]/, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();

/** Why a process may not be terminated, or null when it may. */
export function terminateRefusal(
  target: { pid: number; name: string },
  self: { pid: number; ppid: number; tree?: readonly number[] },
): Text2 | null {
  if (!Number.isSafeInteger(target.pid) || target.pid < 0)
    return { vi: `PID không hợp lệ: ${target.pid}.`, en: `Invalid PID: ${target.pid}.` };
  if (target.pid <= 4)
    return {
      vi: `Không được dừng PID ${target.pid}: đây là tiến trình của nhân Windows.`,
      en: `Refused: PID ${target.pid} belongs to the Windows kernel.`,
    };
  if (target.pid === self.pid || target.pid === self.ppid || (self.tree ?? []).includes(target.pid))
    return {
      vi: `Không được dừng PID ${target.pid}: đó là chính Sạch Mã Độc (một tiến trình của nó, hoặc tiến trình đã mở nó).`,
      en: `Refused: PID ${target.pid} is Sạch Mã Độc itself (one of its processes, or the process that started it).`,
    };
  if (critical.has(bareName(target.name)))
    return {
      vi: `Không được dừng ${target.name}: đây là tiến trình hệ thống thiết yếu (Windows, màn hình hoặc phần mềm diệt virus); dừng nó có thể làm sập Windows hoặc tắt bảo vệ.`,
      en: `Refused: ${target.name} is a critical system process (Windows, the desktop or the antivirus); stopping it can crash Windows or switch protection off.`,
    };
  return null;
}
