// "Lưu dữ liệu cho cán bộ CNTT": the app writes the same capture folder as assets/collect.cmd, so IT
// staff read it with `sachmadoc scan --captures DIR` like the folders the script collects. One folder
// named after the computer and the local date and time (KETOAN-01_20261123-0815), holding:
// netstat.txt, tasklist.csv, svc.csv, displaydns.txt, hosts, dli.txt, uninstall.txt, processes.csv,
// codepage.txt and computername.txt.
//
// Every command runs by its full System32 path with a fixed argument array through the injected
// runner (never a shell, nothing from a feed or a capture in an argument). Outputs are written as the
// commands gave them (OEM code page; codepage.txt says which), as the script's redirections do. A
// command that is missing or fails writes no file and is named in the result: the folder never holds
// an error text where a capture should be.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../command-runner';
import { bilingual } from '../../shared/i18n';

/** What the service needs from the machine; tests pass a replay runner and a temporary folder. */
export interface SaveCapturesDeps {
  runner: CommandRunner;
  /** %SystemRoot% (C:\Windows). */
  systemRoot: string;
  /** %COMPUTERNAME%: the folder's name and computername.txt. */
  computerName: string;
  now: () => Date;
  /** Reads the hosts file (default: node:fs). */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** One step done: `done` of `total`, and the file just written or skipped. */
export interface CaptureProgress {
  done: number;
  total: number;
  file: string;
}

/** The folder written, what is in it, and what could not be saved (with why). */
export interface CaptureSaveResult {
  folder: string;
  files: { name: string; bytes: number }[];
  failed: { name: string; reason: string }[];
}

const UNINSTALL = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const UNINSTALL_WOW = 'HKLM\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

// The process table as collect.cmd saves it, written to stdout in UTF-8 (with a BOM added here, as
// Export-Csv -Encoding UTF8 writes one). -Command runs no script file: no execution policy applies.
export const PROCESSES_COMMAND =
  '[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false; ' +
  'Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine | ' +
  'ConvertTo-Csv -NoTypeInformation';

interface Step {
  file: string;
  /** Commands whose outputs are written one after the other (uninstall.txt: both hives). */
  commands: { file: string; args: string[]; optional?: boolean }[];
  bom?: boolean;
}

/** The steps of collect.cmd, in its order, by full path. */
export function captureSteps(systemRoot: string): Step[] {
  const sys = `${systemRoot.replace(/[\\/]+$/, '')}\\System32`;
  return [
    { file: 'netstat.txt', commands: [{ file: `${sys}\\NETSTAT.EXE`, args: ['-ano'] }] },
    { file: 'tasklist.csv', commands: [{ file: `${sys}\\tasklist.exe`, args: ['/fo', 'csv', '/nh'] }] },
    { file: 'svc.csv', commands: [{ file: `${sys}\\tasklist.exe`, args: ['/svc', '/fo', 'csv', '/nh'] }] },
    { file: 'displaydns.txt', commands: [{ file: `${sys}\\ipconfig.exe`, args: ['/displaydns'] }] },
    { file: 'hosts', commands: [] },
    {
      file: 'dli.txt',
      commands: [{ file: `${sys}\\cscript.exe`, args: ['//nologo', `${sys}\\slmgr.vbs`, '/dli'] }],
    },
    {
      file: 'uninstall.txt',
      commands: [
        { file: `${sys}\\reg.exe`, args: ['query', UNINSTALL, '/s'] },
        // Absent on 32-bit Windows: reg exits 1 and the first hive is the whole list.
        { file: `${sys}\\reg.exe`, args: ['query', UNINSTALL_WOW, '/s'], optional: true },
      ],
    },
    {
      file: 'processes.csv',
      commands: [
        {
          file: `${sys}\\WindowsPowerShell\\v1.0\\powershell.exe`,
          args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', PROCESSES_COMMAND],
        },
      ],
      bom: true,
    },
    { file: 'codepage.txt', commands: [{ file: `${sys}\\chcp.com`, args: [] }] },
  ];
}

const two = (n: number) => String(n).padStart(2, '0');

/** "KETOAN-01_20261123-0815": the computer's name and the local date and time, as collect.cmd names it. */
export function captureFolderName(computerName: string, at: Date): string {
  const name = computerName.replace(/[<>:"/\\|?*\s]+/g, '_').replace(/^\.+/, '') || 'PC';
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `${name}_${stamp}`;
}

function reasonOf(r: CommandResult | Error): string {
  if (r instanceof Error) return r.message;
  const err = new TextDecoder().decode(r.stderr).trim().split(/\r?\n/)[0] ?? '';
  return `${bilingual('msg.app.exitCode')} ${String(r.code)}${err ? `: ${err.slice(0, 200)}` : ''}`;
}

/** Writes this PC's capture folder under `dest`; reports each step through `onProgress`. */
export async function saveCaptures(
  dest: string,
  deps: SaveCapturesDeps,
  onProgress: (p: CaptureProgress) => void = () => {},
): Promise<CaptureSaveResult> {
  const folder = join(dest, captureFolderName(deps.computerName, deps.now()));
  await mkdir(folder, { recursive: true });
  const steps = captureSteps(deps.systemRoot);
  const total = steps.length + 1;
  const result: CaptureSaveResult = { folder, files: [], failed: [] };
  const save = async (name: string, bytes: Uint8Array) => {
    await writeFile(join(folder, name), bytes);
    result.files.push({ name, bytes: bytes.length });
  };
  const read = deps.readFile ?? ((p: string) => readFile(p));
  let done = 0;
  for (const step of steps) {
    if (step.file === 'hosts') {
      const path = `${deps.systemRoot.replace(/[\\/]+$/, '')}\\System32\\drivers\\etc\\hosts`;
      try {
        await save('hosts', await read(path));
      } catch (e) {
        result.failed.push({ name: 'hosts', reason: e instanceof Error ? e.message : String(e) });
      }
    } else {
      const parts: Uint8Array[] = [];
      let failure: string | null = null;
      for (const c of step.commands) {
        const r = await deps.runner
          .run(c.file, c.args, { timeoutMs: 120_000 })
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        if (!(r instanceof Error) && r.code === 0 && r.stdout.length > 0) parts.push(r.stdout);
        else if (!c.optional) {
          failure = reasonOf(r);
          break;
        }
      }
      if (failure !== null) result.failed.push({ name: step.file, reason: failure });
      else await save(step.file, concat(step.bom ? [new Uint8Array([0xef, 0xbb, 0xbf]), ...parts] : parts));
    }
    onProgress({ done: ++done, total, file: step.file });
  }
  await save('computername.txt', new TextEncoder().encode(`${deps.computerName}\r\n`));
  onProgress({ done: done + 1, total, file: 'computername.txt' });
  return result;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
