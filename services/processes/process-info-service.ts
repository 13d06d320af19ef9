// Paths, parents and file facts of the processes that own connections, fetched after the verdict:
// the scan report comes first with its rows marked pending, then enrich() fills them, and
// fileInfo() answers for the paths of the rows on screen, each path asked of Windows once per run.
import { z } from 'zod';
import type { Connection, ProcessFileInfo } from '../../shared/domain';
import type { Logger } from '../../shared/logger';
import { applyProcessFacts, type ProcessFacts } from '../../shared/processes/process-facts';
import type { LineHost } from './powershell-host';

/** Where process facts come from (the PowerShell host on Windows). */
export interface ProcessSource {
  processes(): Promise<ProcessFacts[]>;
  files(paths: readonly string[]): Promise<({ path: string } & ProcessFileInfo)[]>;
}

const nullableText = z
  .string()
  .nullable()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v));
const processRowSchema = z.object({
  p: z.number().int().nonnegative(),
  pp: z.number().int().nonnegative().nullable().optional(),
  n: nullableText,
  x: nullableText,
  c: nullableText,
});
const fileRowSchema = z.object({
  path: z.string(),
  company: nullableText,
  description: nullableText,
  signer: nullableText,
  status: nullableText,
});
// ConvertTo-Json in Windows PowerShell 5.1 writes a one-element array as the element itself.
const listOf = <T extends z.ZodType>(row: T) =>
  z.union([z.array(row), row.transform((r) => [r])]).transform((a) => a as z.output<T>[]);

/** The PowerShell host as a ProcessSource; every answer is validated before use. */
export function hostProcessSource(host: LineHost): ProcessSource {
  return {
    async processes() {
      const rows = listOf(processRowSchema).parse(await host.request('processes'));
      return rows.map((r) => ({
        pid: r.p,
        parentPid: r.pp ?? null,
        name: r.n,
        executablePath: r.x,
        commandLine: r.c,
      }));
    },
    async files(paths) {
      const rows = listOf(fileRowSchema).parse(await host.request('files', { paths: [...paths] }));
      return rows.map((r) => ({
        path: r.path,
        company: r.company,
        description: r.description,
        signer: r.signer,
        signature: r.status,
      }));
    },
  };
}

/** At most this many paths per fileInfo call (a screen of rows, not the whole table). */
export const MAX_FILE_INFO_PATHS = 200;

export interface ProcessInfoService {
  /** Rows whose path is still to come, marked `pending` (the scan report as first shown). */
  markPending(connections: readonly Connection[]): Connection[];
  /** Fills path, parent, command line, why a path is missing, and the disguise flag. */
  enrich(connections: readonly Connection[]): Promise<Connection[]>;
  /** Company, description and signer per path, cached for the app's life. */
  fileInfo(paths: readonly string[]): Promise<Record<string, ProcessFileInfo>>;
}

/** Creates the service over a source (the PowerShell host on Windows). */
export function createProcessInfoService(deps: {
  source: ProcessSource;
  windowsDir?: string | null;
  logger?: Logger;
}): ProcessInfoService {
  // Windows paths are case-insensitive; one entry per file however a process spelled it.
  const cache = new Map<string, ProcessFileInfo>();
  const key = (p: string) => p.toLowerCase();
  return {
    markPending(connections) {
      return connections.map((c) =>
        c.pid !== null && c.pid !== 0 && c.processPath === null
          ? { ...c, pathStatus: 'pending' as const }
          : c,
      );
    },
    async enrich(connections) {
      const started = Date.now();
      const processes = await deps.source.processes();
      deps.logger?.debug('process table read', { processes: processes.length, ms: Date.now() - started });
      return applyProcessFacts(connections, processes, { windowsDir: deps.windowsDir ?? null });
    },
    async fileInfo(paths) {
      const wanted = [...new Set(paths)].slice(0, MAX_FILE_INFO_PATHS);
      const missing = [...new Map(wanted.filter((p) => !cache.has(key(p))).map((p) => [key(p), p])).values()];
      if (missing.length > 0) {
        const started = Date.now();
        for (const row of await deps.source.files(missing)) {
          const { path, ...info } = row;
          cache.set(key(path), info);
        }
        deps.logger?.debug('file facts read', { paths: missing.length, ms: Date.now() - started });
      }
      const out: Record<string, ProcessFileInfo> = {};
      for (const p of wanted) {
        const info = cache.get(key(p));
        if (info) out[p] = info;
      }
      return out;
    },
  };
}
