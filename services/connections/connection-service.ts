// The connection service: the machine's sockets with the processes that own them, one code path
// per platform, every command through the injected runner (execFile, fixed arguments, no shell).
import { readlink as fsReadlink } from 'node:fs/promises';
import type { Connection, ParseIssue } from '../../shared/domain';
import { createLogger } from '../../shared/logger';
import type { CommandRunner } from '../command-runner';
import { oemCodePageForLocale } from '../text-decode';
import { listLinux, type ReadlinkFn } from './linux';
import { listWithSystemInformation, type SystemInformationLike } from './unix-si';
import { listWindows } from './windows';

const log = createLogger('connections');

/** What the connection service needs; everything has a production default except the runner. */
export interface ConnectionServiceDeps {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  /** systeminformation (macOS/BSD source, Linux fallback); loaded on first use when not given. */
  si?: SystemInformationLike;
  /** Reads /proc/PID/exe on Linux. */
  readlink?: ReadlinkFn;
  /**
   * OEM code page of the Windows console (437 en-US, 850 Western Europe, 1258 Vietnamese). When not
   * given, guessed from the locale, since starting `chcp` would be a fourth command per scan.
   */
  codePage?: number;
  /**
   * Windows: folder of netstat.exe and tasklist.exe. Defaults to %SystemRoot%\System32 on a real
   * Windows host, so a planted netstat.exe in the working directory or on PATH is never run.
   */
  windowsSystemDir?: string | null;
}

/** The connection service. */
export interface ConnectionService {
  /** Lists the machine's TCP and UDP sockets with pid, process name, path and (Windows) services. */
  list(): Promise<{ connections: Connection[]; warnings: ParseIssue[] }>;
}

/** Creates the connection service for a platform. */
export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const readlink = deps.readlink ?? fsReadlink;
  let si: SystemInformationLike | undefined = deps.si;
  const loadSi = async (): Promise<SystemInformationLike> => {
    si ??= (await import('systeminformation')).default;
    return si;
  };
  const systemDir =
    deps.windowsSystemDir !== undefined
      ? deps.windowsSystemDir
      : process.platform === 'win32'
        ? `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32`
        : null;

  const codePage = deps.codePage ?? oemCodePageForLocale(Intl.DateTimeFormat().resolvedOptions().locale);

  return {
    async list() {
      const started = Date.now();
      const result =
        deps.platform === 'win32'
          ? await listWindows(deps.runner, { codePage, systemDir })
          : deps.platform === 'linux'
            ? await listLinux({ runner: deps.runner, readlink, loadSi })
            : await listWithSystemInformation({ si: await loadSi(), runner: deps.runner });
      log.debug('listed connections', {
        platform: deps.platform,
        count: result.connections.length,
        warnings: result.warnings.length,
        ms: Date.now() - started,
      });
      return result;
    },
  };
}
