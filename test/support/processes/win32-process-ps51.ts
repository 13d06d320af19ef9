// What test/fixtures/win32-process-ps51.csv.txt (a PowerShell 5.1 Win32_Process export) says about
// the processes the CLI tests look at: the expectations every test of that capture shares.

/** PID 6412: svchost.exe started from the user's roaming folder: a disguise. */
export const DISGUISED_SVCHOST = {
  pid: 6412,
  processName: 'svchost.exe',
  processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
  parentPid: 4120,
  parentName: 'explorer.exe',
  commandLine: '"C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe" -k netsvcs',
  disguise: true,
} as const;

/** PID 832: the real svchost.exe in System32, started by services.exe. */
export const REAL_SVCHOST = {
  processPath: 'C:\\Windows\\system32\\svchost.exe',
  parentName: 'services.exe',
} as const;
