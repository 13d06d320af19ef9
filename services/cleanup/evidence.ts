// Evidence for a flagged process or file, gathered once per cleanup (never per scan: PowerShell
// and Authenticode checks take seconds). Windows: ONE PowerShell call (Get-CimInstance
// Win32_Process for the process and its parent, Get-AuthenticodeSignature for the file) printing
// JSON; then SHA-256 streamed by node:crypto and the persistence entries that start the file.
// Linux: /proc gives the path, command line, parent and start time.
import { createHash } from 'node:crypto';
import { readFile, readlink } from 'node:fs/promises';
import type { CommandRunner } from '../command-runner';
import { INPUT_CAPS, openInputFile } from '../../node-shared/input-file';
import { decodeCommandOutput } from '../text-decode';
import { evidenceJsonSchema } from './cim-process';
import { findPersistence, type PersistenceFs } from './persistence';
import type { ProcessEvidence } from './types';

/** Streams a regular file (not a FIFO or device, within the evidence cap) through SHA-256. */
export async function sha256File(path: string): Promise<string> {
  const { handle } = await openInputFile(path, 'evidence');
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let read = 0;
    const stream = handle.createReadStream({ start: 0 });
    stream
      .on('error', reject)
      .on('data', (data: string | Buffer) => {
        const chunk = typeof data === 'string' ? Buffer.from(data) : data;
        read += chunk.length;
        // Grown past the cap while hashing: stop rather than read without end.
        if (read > INPUT_CAPS.evidence)
          stream.destroy(new Error(`${path}: grew past the evidence cap while hashing`));
        else hash.update(chunk);
      })
      .on('end', () => resolve(hash.digest('hex')));
  });
}

// PowerShell treats ‘ ’ ‚ ‛ like ' in strings; refusing them (and control characters) keeps the
// single-quoted literal below exact and impossible to break out of.
// eslint-disable-next-line no-control-regex
const UNSAFE_FOR_LITERAL = /[\u0000-\u001f\u2018-\u201b]/;

/** A PowerShell single-quoted literal of `text`, or null when it cannot be made safely. */
export function psLiteral(text: string): string | null {
  if (UNSAFE_FOR_LITERAL.test(text)) return null;
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The evidence script. Only an integer pid and a quoted literal path are spliced in; the script is
 * passed with -EncodedCommand (UTF-16LE base64) so no command-line quoting is involved.
 */
export function evidenceScript(pid: number | null, path: string | null): string {
  if (pid !== null && !Number.isSafeInteger(pid)) throw new RangeError(`invalid pid ${pid}`);
  const lit = path === null ? '$null' : psLiteral(path);
  if (lit === null)
    throw new RangeError('the path contains characters that cannot be passed to PowerShell safely');
  return [
    "$ErrorActionPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
    pid === null
      ? '$p = $null'
      : `$p = Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId = ${pid}'`,
    `$path = ${lit}`,
    'if ($p -and $p.ExecutablePath) { $path = $p.ExecutablePath }',
    '$parent = $null',
    "if ($p) { $parent = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId = ' + [int]$p.ParentProcessId) }",
    '$sig = $null',
    'if ($path) { $sig = Get-AuthenticodeSignature -LiteralPath $path }',
    '$o = [ordered]@{}',
    '$o.ProcessId = if ($p) { [int]$p.ProcessId } else { $null }',
    '$o.Name = if ($p) { $p.Name } else { $null }',
    '$o.ExecutablePath = $path',
    '$o.CommandLine = if ($p) { $p.CommandLine } else { $null }',
    "$o.CreationDate = if ($p -and $p.CreationDate) { $p.CreationDate.ToUniversalTime().ToString('o') } else { $null }",
    '$o.ParentProcessId = if ($p) { [int]$p.ParentProcessId } else { $null }',
    '$o.ParentName = if ($parent) { $parent.Name } else { $null }',
    '$o.SignatureStatus = if ($sig) { [string]$sig.Status } else { $null }',
    '$o.SignatureMessage = if ($sig) { $sig.StatusMessage } else { $null }',
    '$o.Signer = if ($sig -and $sig.SignerCertificate) { $sig.SignerCertificate.Subject } else { $null }',
    '[pscustomobject]$o | ConvertTo-Json -Compress',
  ].join('\n');
}

/** The PowerShell command (absolute path, fixed flags, encoded script). */
export function evidenceCommand(systemRoot: string, pid: number | null, path: string | null) {
  return {
    file: `${systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`,
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      Buffer.from(evidenceScript(pid, path), 'utf16le').toString('base64'),
    ],
  };
}

/**
 * The command that prints a process's creation time exactly as the evidence script does (UTC, round
 * trip "o" format), so a proposal bound to the evidence's start time can be checked again.
 */
export function startTimeCommand(systemRoot: string, pid: number) {
  if (!Number.isSafeInteger(pid) || pid < 0) throw new RangeError(`invalid pid ${pid}`);
  const script = [
    "$ErrorActionPreference = 'SilentlyContinue'",
    `$p = Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId = ${pid}'`,
    "if ($p -and $p.CreationDate) { $p.CreationDate.ToUniversalTime().ToString('o') }",
  ].join('\n');
  return {
    file: `${systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`,
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      Buffer.from(script, 'utf16le').toString('base64'),
    ],
  };
}

/** A Linux process's start time (ISO-8601) from /proc, as the evidence shows it; null when gone. */
export async function linuxStartTime(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const btime = /^btime (\d+)$/m.exec(await readFile('/proc/stat', 'utf8'));
    // Clock ticks are 100 Hz on every Linux configuration Node supports (USER_HZ).
    return btime ? new Date((Number(btime[1]) + Number(after[19]) / 100) * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

/** Dependencies of gatherEvidence. */
export interface EvidenceDeps {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  systemRoot?: string;
  env?: Readonly<Record<string, string | undefined>>;
  hashFile?: (path: string) => Promise<string>;
  fs?: PersistenceFs;
  codePage?: number;
}

const empty = (pid: number | null, path: string | null): ProcessEvidence => ({
  pid,
  name: null,
  path,
  sha256: null,
  commandLine: null,
  parentPid: null,
  parentName: null,
  startTime: null,
  signature: null,
  persistence: [],
  notes: [],
});

async function windowsEvidence(deps: EvidenceDeps, ev: ProcessEvidence): Promise<void> {
  const cmd = evidenceCommand(deps.systemRoot ?? 'C:\\Windows', ev.pid, ev.path);
  const r = await deps.runner.run(cmd.file, cmd.args, { timeoutMs: 60_000 });
  const out = decodeCommandOutput(r.stdout, { codePage: deps.codePage }).trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(out.slice(out.indexOf('{')));
  } catch {
    ev.notes.push({
      code: 'msg.evidence.unreadable',
      detail: `PowerShell evidence unreadable (exit ${r.code ?? 'killed'}): ${out.slice(0, 200) || '(no output)'}`,
    });
    return;
  }
  const j = evidenceJsonSchema.safeParse(parsed);
  if (!j.success) {
    ev.notes.push({
      code: 'msg.evidence.unexpectedShape',
      detail: `PowerShell evidence has an unexpected shape: ${j.error.issues[0]?.message ?? ''}`,
    });
    return;
  }
  const d = j.data;
  ev.name = d.Name ?? ev.name;
  ev.path = d.ExecutablePath ?? ev.path;
  ev.commandLine = d.CommandLine ?? null;
  ev.startTime = d.CreationDate ?? null;
  ev.parentPid = d.ParentProcessId ?? null;
  ev.parentName = d.ParentName ?? null;
  if (d.SignatureStatus)
    ev.signature = {
      status: d.SignatureStatus,
      signer: d.Signer ?? null,
      message: d.SignatureMessage ?? null,
    };
  if (ev.pid !== null && d.ProcessId == null)
    ev.notes.push({ code: 'msg.evidence.processGone', params: { pid: String(ev.pid) } });
}

async function linuxEvidence(ev: ProcessEvidence): Promise<void> {
  if (ev.pid === null) return;
  const proc = `/proc/${ev.pid}`;
  try {
    ev.path ??= await readlink(`${proc}/exe`);
  } catch (e) {
    ev.notes.push({
      code: 'msg.evidence.cannotReadProcess',
      params: { pid: String(ev.pid) },
      detail: `cannot read ${proc}/exe (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  try {
    ev.commandLine = (await readFile(`${proc}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
    const stat = await readFile(`${proc}/stat`, 'utf8');
    // Fields after the parenthesised command: state ppid ... starttime is field 22 overall.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ev.name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    ev.parentPid = Number(after[1]);
    ev.startTime = await linuxStartTime(ev.pid);
    ev.parentName = (await readFile(`/proc/${ev.parentPid}/comm`, 'utf8')).trim();
  } catch (e) {
    ev.notes.push({
      code: 'msg.evidence.cannotReadProcess',
      params: { pid: String(ev.pid) },
      detail: `cannot read ${proc} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  ev.notes.push({ code: 'msg.evidence.windowsOnly' });
}

/** Gathers evidence for a pid and/or an executable path (one PowerShell call on Windows). */
export async function gatherEvidence(
  deps: EvidenceDeps,
  target: { pid?: number | null; path?: string | null },
): Promise<ProcessEvidence> {
  const ev = empty(target.pid ?? null, target.path ?? null);
  if (deps.platform === 'win32') await windowsEvidence(deps, ev);
  else await linuxEvidence(ev);
  if (ev.path) {
    try {
      ev.sha256 = await (deps.hashFile ?? sha256File)(ev.path);
    } catch (e) {
      ev.notes.push({
        code: 'msg.evidence.cannotHash',
        params: { path: ev.path },
        detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
      });
    }
    if (deps.platform === 'win32') {
      const found = await findPersistence(deps, ev.path);
      ev.persistence = found.entries;
      ev.notes.push(...found.notes);
    }
  }
  return ev;
}
