// Persistence: the Run/RunOnce keys (HKLM, HKCU, WOW6432Node), the two Startup folders, scheduled
// tasks and services that start a given executable; and, for removal, the exact backup and
// delete commands. Removal only ever targets an entry of these known places (allow-listed keys,
// task paths starting with "\", service names without control characters).
import { readdir, readFile } from 'node:fs/promises';
import { win32 } from 'node:path';
import { expandWinVars } from '../../shared/licensing/match';
import { parseRegQuery, regValue } from '../../shared/parsers/reg-uninstall';
import { parseSchtasks } from '../../shared/parsers/schtasks';
import type { CommandRunner } from '../command-runner';
import { decodeCommandOutput } from '../text-decode';
import type { Message } from '../../shared/i18n';
import type { Note } from '../../shared/i18n/schema';
import type { PersistenceEntry } from './types';

/** The Run keys searched (and the only keys a run-key removal may touch). */
export const RUN_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
  'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
] as const;

/** Startup folders (all users, current user). */
export const STARTUP_FOLDERS = [
  '%ProgramData%\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp',
  '%AppData%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup',
] as const;

const SERVICES_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

/** File reads used to look inside Startup folders. */
export interface PersistenceFs {
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<Uint8Array>;
}

const nodePersistenceFs: PersistenceFs = {
  list: (dir) => readdir(dir).catch(() => []),
  read: async (p) => new Uint8Array(await readFile(p)),
};

/** True when `text` (a command line, a shortcut's bytes as text) starts or names `exePath`. */
export function referencesExecutable(text: string, exePath: string): boolean {
  const t = text.toLowerCase();
  const p = exePath.toLowerCase();
  if (t.includes(p)) return true;
  const base = p.slice(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
  if (base === '') return false;
  // The bare file name as a whole token: after a separator or quote, before a quote, space or end.
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\\\/"'\\s])${esc}($|["'\\s,])`).test(t);
}

/** Persistence entries that reference `exePath`, and notes on what could not be searched. */
export async function findPersistence(
  deps: {
    runner: CommandRunner;
    systemRoot?: string;
    env?: Readonly<Record<string, string | undefined>>;
    fs?: PersistenceFs;
    codePage?: number;
  },
  exePath: string,
): Promise<{ entries: PersistenceEntry[]; notes: Note[] }> {
  const sys = `${deps.systemRoot ?? 'C:\\Windows'}\\System32`;
  const env = deps.env ?? process.env;
  const fs = deps.fs ?? nodePersistenceFs;
  const notes: Note[] = [];
  const text = async (file: string, args: string[]) => {
    try {
      const r = await deps.runner.run(file, args, { timeoutMs: 60_000 });
      return decodeCommandOutput(r.stdout, { codePage: deps.codePage });
    } catch (e) {
      notes.push({
        code: 'msg.evidence.searchFailed',
        detail: `${[file, ...args].join(' ')}: ${(e as Error).message}`,
      });
      return '';
    }
  };
  const [runs, tasks, services] = await Promise.all([
    Promise.all(RUN_KEYS.map((k) => text(`${sys}\\reg.exe`, ['query', k]))),
    text(`${sys}\\schtasks.exe`, ['/query', '/fo', 'csv', '/v']),
    text(`${sys}\\reg.exe`, ['query', SERVICES_KEY, '/s', '/v', 'ImagePath']),
  ]);
  const entries: PersistenceEntry[] = [];
  runs.forEach((out, i) => {
    for (const key of parseRegQuery(out, RUN_KEYS[i]).keys)
      for (const v of key.values)
        if (referencesExecutable(v.data, exePath))
          entries.push({ type: 'run-key', key: RUN_KEYS[i], valueName: v.name, data: v.data });
  });
  for (const t of parseSchtasks(tasks).tasks)
    if (
      referencesExecutable(t.command, exePath) &&
      !entries.some((e) => e.type === 'scheduled-task' && e.taskPath === t.path)
    )
      entries.push({ type: 'scheduled-task', taskPath: t.path, command: t.command });
  for (const key of parseRegQuery(services, SERVICES_KEY).keys) {
    const image = regValue(key, 'ImagePath');
    if (image && referencesExecutable(image, exePath))
      entries.push({
        type: 'service',
        name: key.path.slice(key.path.lastIndexOf('\\') + 1),
        imagePath: image,
      });
  }
  for (const folder of STARTUP_FOLDERS) {
    const dir = expandWinVars(folder, env);
    if (dir === null) continue;
    for (const name of await fs.list(dir)) {
      const path = `${dir}\\${name}`;
      const bytes = await fs.read(path).catch(() => new Uint8Array());
      // A .lnk stores its target both as ANSI and UTF-16LE; search both readings.
      const b = Buffer.from(bytes);
      if (
        referencesExecutable(b.toString('latin1'), exePath) ||
        referencesExecutable(b.toString('utf16le'), exePath)
      )
        entries.push({ type: 'startup-shortcut', path });
    }
  }
  return { entries, notes };
}

/**
 * Services that keep Windows protected, logged and updated: never stopped or deleted, whatever a
 * feed, a capture or a confused evidence step says (lower case).
 */
export const PROTECTED_SERVICES = [
  // Microsoft Defender and Windows Security
  'windefend',
  'wdnissvc',
  'wdnisdrv',
  'wdfilter',
  'wdboot',
  'sense',
  'securityhealthservice',
  'wscsvc',
  'sgrmbroker',
  'mdcoresvc',
  // Firewall and its filtering engine
  'mpssvc',
  'bfe',
  // Event logs
  'eventlog',
  'eventsystem',
  // Windows Update and what it needs
  'wuauserv',
  'usosvc',
  'waasmedicsvc',
  'bits',
  'trustedinstaller',
  'cryptsvc',
  'dosvc',
  'installservice',
] as const;

/** Scheduled-task folders of the same protected components (lower case, with the leading "\"). */
export const PROTECTED_TASK_FOLDERS = [
  '\\microsoft\\windows\\windows defender\\',
  '\\microsoft\\windows\\windowsupdate\\',
  '\\microsoft\\windows\\updateorchestrator\\',
  '\\microsoft\\windows\\waasmedic\\',
  '\\microsoft\\windows\\installservice\\',
  '\\microsoft\\windows\\eventlog\\',
  '\\microsoft\\windows\\windows error reporting\\',
] as const;

/** The Startup folders of this machine (expanded, canonical), for the removal check. */
export function startupFolders(env: Readonly<Record<string, string | undefined>>): string[] {
  return STARTUP_FOLDERS.flatMap((f) => {
    const dir = expandWinVars(f, env);
    return dir === null ? [] : [win32.normalize(dir)];
  });
}

/**
 * Why an entry may not be removed (not one of the known places, a protected service or task, a name
 * that a command would read as an option), or null. `env` locates this machine's Startup folders.
 */
export function persistenceRefusal(
  entry: PersistenceEntry,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Message | null {
  // Control characters and quotes never occur in real names; refusing them keeps arguments exact.
  // eslint-disable-next-line no-control-regex
  const bad = (s: string) => /[\u0000-\u001f"]/.test(s);
  // reg, schtasks and sc read an argument that starts with / or - as an option, not a name.
  const option = (s: string) => /^[/-]/.test(s);
  switch (entry.type) {
    case 'run-key':
      if (option(entry.valueName)) return { code: 'msg.cleanup.reason.optionName' };
      return (RUN_KEYS as readonly string[]).includes(entry.key) && !bad(entry.valueName)
        ? null
        : { code: 'msg.cleanup.reason.runKeysOnly' };
    case 'scheduled-task': {
      if (!entry.taskPath.startsWith('\\') || bad(entry.taskPath))
        return { code: 'msg.cleanup.reason.notTaskPath' };
      const lower = entry.taskPath.toLowerCase();
      const name = lower.slice(lower.lastIndexOf('\\') + 1);
      if (name === '' || option(name) || lower.includes('\\..') || lower.includes('/'))
        return { code: 'msg.cleanup.reason.notTaskPath' };
      return PROTECTED_TASK_FOLDERS.some((f) => lower.startsWith(f))
        ? { code: 'msg.cleanup.reason.protectedTask', params: { name: entry.taskPath } }
        : null;
    }
    case 'service':
      // eslint-disable-next-line no-control-regex
      if (!/^[^\\/\u0000-\u001f"]{1,256}$/.test(entry.name) || option(entry.name))
        return { code: 'msg.cleanup.reason.notServiceName' };
      return (PROTECTED_SERVICES as readonly string[]).includes(entry.name.trim().toLowerCase())
        ? { code: 'msg.cleanup.reason.protectedService', params: { name: entry.name } }
        : null;
    case 'startup-shortcut': {
      const refuse: Message = { code: 'msg.cleanup.reason.startupOnly' };
      // "..", "/" and "." tricks: the path as given must already be the canonical Windows path.
      if (bad(entry.path) || entry.path.includes('/') || !win32.isAbsolute(entry.path)) return refuse;
      const canonical = win32.normalize(entry.path);
      if (canonical !== entry.path) return refuse;
      const parent = win32.dirname(canonical).toLowerCase();
      const name = win32.basename(canonical);
      if (name === '' || name === '.' || name === '..') return refuse;
      return startupFolders(env).some((f) => f.toLowerCase() === parent) ? null : refuse;
    }
  }
}

/** A command with fixed arguments. */
export interface FixedCommand {
  file: string;
  args: string[];
}

/** How an entry is backed up and removed: by commands, or (shortcut) by copying and deleting a file. */
export type PersistencePlan =
  | {
      kind: 'commands';
      backup: FixedCommand & { stdoutTo?: string };
      stop?: FixedCommand;
      remove: FixedCommand;
    }
  | { kind: 'file'; copyFrom: string; copyTo: string; unlink: string };

/** The backup command (or copy) and the delete command for an entry, as argument arrays. */
export function persistenceCommands(
  systemRoot: string,
  entry: PersistenceEntry,
  backupFile: string,
): PersistencePlan {
  const sys = `${systemRoot}\\System32`;
  switch (entry.type) {
    case 'run-key':
      return {
        kind: 'commands',
        backup: { file: `${sys}\\reg.exe`, args: ['export', entry.key, backupFile, '/y'] },
        remove: { file: `${sys}\\reg.exe`, args: ['delete', entry.key, '/v', entry.valueName, '/f'] },
      };
    case 'scheduled-task':
      // schtasks /query /xml prints the task definition; the caller writes stdout to backupFile.
      return {
        kind: 'commands',
        backup: {
          file: `${sys}\\schtasks.exe`,
          args: ['/query', '/tn', entry.taskPath, '/xml'],
          stdoutTo: backupFile,
        },
        remove: { file: `${sys}\\schtasks.exe`, args: ['/delete', '/tn', entry.taskPath, '/f'] },
      };
    case 'service':
      return {
        kind: 'commands',
        backup: {
          file: `${sys}\\reg.exe`,
          args: ['export', `${SERVICES_KEY}\\${entry.name}`, backupFile, '/y'],
        },
        stop: { file: `${sys}\\sc.exe`, args: ['stop', entry.name] },
        remove: { file: `${sys}\\sc.exe`, args: ['delete', entry.name] },
      };
    case 'startup-shortcut':
      return { kind: 'file', copyFrom: entry.path, copyTo: backupFile, unlink: entry.path };
  }
}
