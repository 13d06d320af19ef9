// The time and headline of the last check, kept on disk so the home status still says "last checked
// 01/12/2026 14:30: clean" after a restart (the full report stays in memory only).
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LastCheck } from '../../shared/ipc/schemas';
import { lastCheckSchema } from '../../shared/ipc/schemas';
import type { Logger } from '../../shared/logger';
import { writeFileAtomic } from '../../node-shared/atomic-write';

export interface LastCheckStore {
  get(): Promise<LastCheck | null>;
  /** Replaces the record (crash-safe); a later check always wins. */
  set(check: LastCheck): Promise<void>;
}

/** Opens the record at `file` (created by the first check). */
export function createLastCheckStore(deps: { file: string; logger: Logger }): LastCheckStore {
  let cached: LastCheck | null | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async get() {
      if (cached !== undefined) return cached;
      let raw: string;
      try {
        raw = await readFile(deps.file, 'utf8');
      } catch {
        return (cached = null);
      }
      try {
        const parsed = lastCheckSchema.safeParse(JSON.parse(raw));
        if (parsed.success) return (cached = parsed.data);
      } catch {
        // Not JSON: treated as never checked, below.
      }
      deps.logger.warn('last-check file is damaged; treated as never checked', { file: deps.file });
      return (cached = null);
    },
    set(check) {
      const run = queue.then(async () => {
        await mkdir(dirname(deps.file), { recursive: true });
        await writeFileAtomic(deps.file, `${JSON.stringify(check)}\n`);
        cached = check;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
