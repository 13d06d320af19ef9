// assets/collect.cmd: plain cmd that writes one PC's captures into a folder named after the
// computer and the date. It cannot run here (no Windows); what can be checked is that it stays
// a file cmd reads correctly (CRLF, ASCII only: cmd reads a batch file in the OEM code page) and
// that it writes every capture `sachmadoc scan` reads, with the commands the README gives.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const text = readFileSync(resolve(__dirname, '../../assets/collect.cmd'), 'latin1');

describe('assets/collect.cmd', () => {
  it('is CRLF and ASCII only; PowerShell only by full path, for the process capture', () => {
    expect(text.split('\r\n').length).toBeGreaterThan(10);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const odd = [...text].filter((c) => c !== '\t' && c !== '\r' && c !== '\n' && (c < ' ' || c > '~'));
    expect(odd).toEqual([]);
    const commands = text.split('\r\n').filter((l) => !/^\s*rem\b/i.test(l));
    const ps = commands.filter((l) => /powershell|pwsh/i.test(l));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatch(
      /^if exist "%SystemRoot%\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe" "%SystemRoot%\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe" -NoLogo -NoProfile -NonInteractive -Command "Get-CimInstance Win32_Process \| Select-Object ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine \| Export-Csv /,
    );
  });

  it('writes every capture the scan reads into COMPUTERNAME_date', () => {
    expect(text).toContain('set "OUT=%DEST%\\%COMPUTERNAME%_%STAMP%"');
    for (const line of [
      'netstat -ano > "%OUT%\\netstat.txt"',
      'tasklist /fo csv /nh > "%OUT%\\tasklist.csv"',
      'tasklist /svc /fo csv /nh > "%OUT%\\svc.csv"',
      'ipconfig /displaydns > "%OUT%\\displaydns.txt"',
      'copy /y "%SystemRoot%\\System32\\drivers\\etc\\hosts" "%OUT%\\hosts"',
      'cscript //nologo "%SystemRoot%\\System32\\slmgr.vbs" /dli > "%OUT%\\dli.txt"',
      'reg query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s > "%OUT%\\uninstall.txt"',
      'set "SACHMADOC_PROCESSES=%OUT%\\processes.csv"',
    ])
      expect(text).toContain(line);
  });
});
