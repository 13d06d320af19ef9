// The exact Windows commands the licensing collector runs, as fixed argument arrays. Executables
// are addressed by absolute path under %SystemRoot%\System32 so a planted cscript.exe / reg.exe in
// the working directory or on PATH never runs (the app may be elevated during cleanup).

/** One command: absolute executable and fixed arguments. */
export interface Command {
  file: string;
  args: readonly string[];
}

/** The Uninstall keys read for installed programs: 64-bit, 32-bit (WOW6432Node) and per-user. */
export const UNINSTALL_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
] as const;

/** Office's ospp.vbs locations (Click-to-Run and MSI, 64- and 32-bit, Office 2010–2021/365). */
export const OSPP_CANDIDATES = [
  '%ProgramFiles%\\Microsoft Office\\Office16\\OSPP.VBS',
  '%ProgramFiles(x86)%\\Microsoft Office\\Office16\\OSPP.VBS',
  '%ProgramFiles%\\Microsoft Office\\Office15\\OSPP.VBS',
  '%ProgramFiles(x86)%\\Microsoft Office\\Office15\\OSPP.VBS',
  '%ProgramFiles%\\Microsoft Office\\Office14\\OSPP.VBS',
  '%ProgramFiles(x86)%\\Microsoft Office\\Office14\\OSPP.VBS',
] as const;

/** The licensing commands for a Windows whose system root is `systemRoot` (e.g. "C:\\Windows"). */
export function licensingCommands(systemRoot: string) {
  const sys = `${systemRoot}\\System32`;
  const cscript = `${sys}\\cscript.exe`;
  return {
    slmgr: { file: cscript, args: ['//nologo', `${sys}\\slmgr.vbs`, '/dli'] },
    ospp: (osppPath: string): Command => ({ file: cscript, args: ['//nologo', osppPath, '/dstatus'] }),
    uninstall: UNINSTALL_KEYS.map((key): Command => ({
      file: `${sys}\\reg.exe`,
      args: ['query', key, '/s'],
    })),
    tasks: { file: `${sys}\\schtasks.exe`, args: ['/query', '/fo', 'csv', '/v'] },
    services: { file: `${sys}\\sc.exe`, args: ['query', 'type=', 'service', 'state=', 'all'] },
    processes: { file: `${sys}\\tasklist.exe`, args: ['/svc', '/fo', 'csv', '/nh'] },
    hostsPath: `${sys}\\drivers\\etc\\hosts`,
  } satisfies Record<string, unknown>;
}
