// The live machine as scan dependencies, wired once for the CLI, the app and the benchmark.
import { readFile } from 'node:fs/promises';
import type { CommandRunner } from '../command-runner';
import { createConnectionService } from '../connections';
import { oemCodePageForLocale } from '../text-decode';
import { createDnsCacheSource, createHostsFileSource, hostsFilePaths } from './sources';
import type { ScanDeps } from './types';
import type { FileReader } from './sources';
import { createWindowsWatchSampler } from './windows-watch';

/** Connections, DNS cache, hosts file and (Windows) the fast watch sampler of this machine. */
export function liveScanDeps(opts: {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  codePage?: number;
  readFile?: FileReader;
}): Omit<ScanDeps, 'indicators'> {
  const { runner, platform, env } = opts;
  // Guessed from the locale when not given, as the connection service does: `chcp` would be
  // one more command per scan.
  const codePage =
    opts.codePage ??
    (platform === 'win32' ? oemCodePageForLocale(Intl.DateTimeFormat().resolvedOptions().locale) : undefined);
  const deps: Omit<ScanDeps, 'indicators'> = {
    connections: createConnectionService({
      runner,
      platform,
      ...(codePage !== undefined ? { codePage } : {}),
    }),
    dnsCache: createDnsCacheSource({
      runner,
      platform,
      systemDir: `${env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'}\\System32`,
      ...(codePage !== undefined ? { codePage } : {}),
    }),
    hostsFile: createHostsFileSource({
      readFile: opts.readFile ?? ((p) => readFile(p)),
      path: hostsFilePaths(platform, env),
      ...(codePage !== undefined ? { codePage } : {}),
    }),
  };
  if (platform === 'win32')
    deps.watchSampler = createWindowsWatchSampler({
      runner,
      ...(codePage !== undefined ? { codePage } : {}),
      // Full path, so a planted netstat.exe in the working directory or on PATH is never run.
      systemDir: `${env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'}\\System32`,
    });
  return deps;
}
