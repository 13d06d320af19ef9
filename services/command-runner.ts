// Every external command (netstat, tasklist, slmgr, reg, schtasks, netsh, PowerShell...) goes
// through this one interface, so services run without Electron and tests replay recorded output.
import { execFile } from 'node:child_process';

export interface CommandResult {
  /** Raw bytes: decoding (UTF-16LE BOM, OEM code pages, UTF-8) is the parser side's job. */
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Exit code, or null when killed by a signal or timeout. */
  code: number | null;
}

export interface CommandRunner {
  /** Runs `file` with a fixed argument array. Never through a shell. */
  run(file: string, args: readonly string[], options?: { timeoutMs?: number }): Promise<CommandResult>;
}

/** The real runner: execFile, no shell, bounded output, bounded time. */
export function createExecFileRunner(
  defaults: { timeoutMs?: number; maxBuffer?: number } = {},
): CommandRunner {
  return {
    run(file, args, options) {
      return new Promise((resolve, reject) => {
        execFile(
          file,
          [...args],
          {
            encoding: 'buffer',
            shell: false,
            windowsHide: true,
            timeout: options?.timeoutMs ?? defaults.timeoutMs ?? 30_000,
            maxBuffer: defaults.maxBuffer ?? 64 * 1024 * 1024,
          },
          (error, stdout, stderr) => {
            const e = error as (NodeJS.ErrnoException & { code?: unknown }) | null;
            if (e && typeof e.code === 'string') {
              // Spawn failures (ENOENT, EACCES) are not exit codes: the command is not there.
              reject(new Error(`cannot run ${file}: ${e.code}`));
              return;
            }
            resolve({
              stdout: new Uint8Array(stdout),
              stderr: new Uint8Array(stderr),
              code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
            });
          },
        );
      });
    },
  };
}

/** Key of a command in a replay table: file and arguments joined by spaces. */
export const commandKey = (file: string, args: readonly string[]): string => [file, ...args].join(' ');

/** A runner that answers from recorded outputs (tests, and analysing captures from another PC). */
export function createReplayRunner(
  table: Record<string, CommandResult | string | Uint8Array>,
  onRun?: (file: string, args: readonly string[]) => void,
): CommandRunner {
  return {
    run(file, args) {
      onRun?.(file, args);
      const hit = table[commandKey(file, args)];
      const none = new Uint8Array();
      if (hit === undefined)
        return Promise.resolve({
          stdout: none,
          stderr: new TextEncoder().encode(`not recorded: ${commandKey(file, args)}`),
          code: 1,
        });
      if (typeof hit === 'string')
        return Promise.resolve({ stdout: new TextEncoder().encode(hit), stderr: none, code: 0 });
      if (hit instanceof Uint8Array) return Promise.resolve({ stdout: hit, stderr: none, code: 0 });
      return Promise.resolve(hit);
    },
  };
}
