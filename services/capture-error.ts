// One wording for "this capture holds nothing of its kind": a netstat flag given a tasklist CSV, an
// empty file, an ipconfig output cut before its first record. Analysing it anyway would print
// "no findings" about nothing, so the command stops (exit 2) and says which file and what to do.
import { UserError } from '../shared/errors';
import { bilingual, bilingualBy, translate } from '../shared/i18n';

/** What each capture flag must contain, and the command that makes a good one. */
export const CAPTURE_KINDS = {
  '--netstat': {
    vi: 'dòng kết nối nào của netstat',
    en: 'netstat connection rows',
    how: 'netstat -ano > netstat.txt',
  },
  '--tasklist': {
    vi: 'dòng tiến trình nào của tasklist',
    en: 'tasklist process rows',
    how: 'tasklist /fo csv /nh > tasklist.csv',
  },
  '--tasklist-svc': {
    vi: 'dòng tiến trình/dịch vụ nào của tasklist /svc',
    en: 'tasklist /svc rows',
    how: 'tasklist /svc /fo csv /nh > svc.csv',
  },
  '--processes': {
    vi: 'dòng tiến trình nào của Win32_Process',
    en: 'Win32_Process rows',
    how: 'Get-CimInstance Win32_Process | Select ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine | Export-Csv processes.csv',
  },
  '--dns-cache': {
    vi: 'bản ghi DNS nào',
    en: 'DNS cache records',
    how: 'ipconfig /displaydns > displaydns.txt (or Get-DnsClientCache | Format-List)',
  },
  '--hosts': {
    vi: 'dòng tệp hosts nào',
    en: 'hosts-file lines',
    how: 'copy %SystemRoot%\\System32\\drivers\\etc\\hosts hosts',
  },
  '--slmgr': {
    vi: 'báo cáo kích hoạt nào của slmgr/ospp',
    en: 'slmgr/ospp activation report',
    how: 'cscript //nologo %windir%\\system32\\slmgr.vbs /dli > dli.txt',
  },
  '--installed': {
    vi: 'khóa Uninstall nào',
    en: 'Uninstall registry keys',
    how: 'reg query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall /s > uninstall.txt',
  },
  '--tasks': {
    vi: 'tác vụ theo lịch nào',
    en: 'scheduled tasks',
    how: 'schtasks /query /fo csv /v > tasks.csv',
  },
  '--services': {
    vi: 'dịch vụ nào',
    en: 'services',
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
    : bilingualBy((l) => translate(l, 'msg.capture.nothing', { what: k[l] }));
  return new UserError(
    `${flag} ${file}: ${why}`,
    bilingual('msg.capture.checkOrCapture', { command: k.how }),
  );
}
