// The critical-process guard: processes whose termination crashes or locks Windows, and the app
// itself. Checked by name AND by pid: a name alone can be spoofed by malware ("csrss.exe" in a
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
  self: { pid: number; ppid: number },
): Text2 | null {
  if (!Number.isSafeInteger(target.pid) || target.pid < 0)
    return { vi: `PID không hợp lệ: ${target.pid}.`, en: `Invalid PID: ${target.pid}.` };
  if (target.pid <= 4)
    return {
      vi: `Không được dừng PID ${target.pid}: đây là tiến trình của nhân Windows.`,
      en: `Refused: PID ${target.pid} belongs to the Windows kernel.`,
    };
  if (target.pid === self.pid || target.pid === self.ppid)
    return {
      vi: `Không được dừng PID ${target.pid}: đó là chính Sạch Mã Độc (hoặc tiến trình đã mở nó).`,
      en: `Refused: PID ${target.pid} is Sạch Mã Độc itself (or the process that started it).`,
    };
  if (critical.has(bareName(target.name)))
    return {
      vi: `Không được dừng ${target.name}: đây là tiến trình hệ thống thiết yếu, dừng nó sẽ làm sập Windows.`,
      en: `Refused: ${target.name} is a critical system process; stopping it crashes Windows.`,
    };
  return null;
}
