// One wording for "this capture holds nothing of its kind": a netstat flag given a tasklist CSV, an
// empty file, an ipconfig output cut before its first record. Analysing it anyway would print
// "no findings" about nothing, so the command stops (exit 2) and says which file and what to do.
import { UserError } from '../shared/errors';
import { bilingual, bilingualWith } from '../shared/i18n';

/** What each capture flag must contain (a catalogue key), and the command that makes a good one. */
export const CAPTURE_KINDS = {
  '--netstat': {
    what: 'msg.capture.what.netstat',
    how: 'netstat -ano > netstat.txt',
  },
  '--tasklist': {
    what: 'msg.capture.what.tasklist',
    how: 'tasklist /fo csv /nh > tasklist.csv',
  },
  '--tasklist-svc': {
    what: 'msg.capture.what.tasklist-svc',
    how: 'tasklist /svc /fo csv /nh > svc.csv',
  },
  '--processes': {
    what: 'msg.capture.what.processes',
    how: 'Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine | Export-Csv processes.csv',
  },
  '--dns-cache': {
    what: 'msg.capture.what.dns-cache',
    how: 'ipconfig /displaydns > displaydns.txt (or Get-DnsClientCache | Format-List)',
  },
  '--hosts': {
    what: 'msg.capture.what.hosts',
    how: 'copy %SystemRoot%\\System32\\drivers\\etc\\hosts hosts',
  },
  '--slmgr': {
    what: 'msg.capture.what.slmgr',
    how: 'cscript //nologo %windir%\\system32\\slmgr.vbs /dli > dli.txt',
  },
  '--installed': {
    what: 'msg.capture.what.installed',
    how: 'reg query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s > uninstall.txt',
  },
  '--tasks': {
    what: 'msg.capture.what.tasks',
    how: 'schtasks /query /fo csv /v > tasks.csv',
  },
  '--services': {
    what: 'msg.capture.what.services',
    how: 'sc query type= service state= all > services.txt',
  },
} as const;

/** A capture flag the scan reads. */
export type CaptureFlag = keyof typeof CAPTURE_KINDS;

/** The error for a capture that yields nothing of its kind: what, which file, what to do (one line). */
export function emptyCaptureError(flag: CaptureFlag, file: string, blank: boolean): UserError {
  const k = CAPTURE_KINDS[flag];
  const why = blank
    ? bilingual('msg.capture.empty')
    : bilingualWith('msg.capture.nothing', {}, { what: k.what });
  return new UserError(
    `${flag} ${file}: ${why}`,
    bilingual('msg.capture.checkOrCapture', { command: k.how }),
  );
}
