// The critical-process guard: processes whose termination crashes or locks Windows, and the app
// itself and every process of its own tree (renderers, GPU helper, the parent that started it), and
// the processes that keep the desktop and its antivirus running. Checked by name AND by pid: a name alone can be spoofed by malware ("csrss.exe" in a
// user folder is still refused, which is the safe side), and pid 0/4 are the kernel's.
import type { Text2 } from './types';
import { textPair } from '../../shared/i18n';

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
    return textPair('msg.cleanup.step.invalidPid', { pid: target.pid });
  if (target.pid <= 4) return textPair('msg.cleanup.step.refusedPidBelongsWindows', { pid: target.pid });
  if (target.pid === self.pid || target.pid === self.ppid || (self.tree ?? []).includes(target.pid))
    return textPair('msg.cleanup.step.refusedSelf', { pid: target.pid });
  if (critical.has(bareName(target.name)))
    return textPair('msg.cleanup.step.refusedCriticalSystemProcess', { name: target.name });
  return null;
}
