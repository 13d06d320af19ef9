// User settings on disk (userData/settings.json in Electron, the data dir in the harness). The file
// is validated with the contract's zod schema on every load: a hand-edited or corrupt file falls
// back to the defaults with a logged warning instead of stopping the app.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Settings, SettingsPatch } from '../../shared/ipc/schemas';
import { settingsSchema } from '../../shared/ipc/schemas';
import type { Logger } from '../../shared/logger';
import { PRIVATE, writeFileAtomic } from '../../node-shared/atomic-write';

export interface SettingsStore {
  get(): Promise<Settings>;
  /** Applies a validated patch and writes the whole file atomically. */
  set(patch: SettingsPatch): Promise<Settings>;
}

/** Opens the settings file at `file` (created on the first change). */
export function createSettingsStore(deps: { file: string; logger: Logger }): SettingsStore {
  let cached: Settings | null = null;
  // Changes are serialised so two quick toggles cannot interleave their writes.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    if (cached) return cached;
    let raw: string | null = null;
    try {
      raw = await readFile(deps.file, 'utf8');
    } catch {
      // No file yet: first run.
    }
    if (raw === null) return (cached = settingsSchema.parse({}));
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return (cached = parsed.data);
      deps.logger.warn('settings file does not match the schema; using defaults', {
        file: deps.file,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    } catch (error) {
      deps.logger.warn('settings file is not JSON; using defaults', {
        file: deps.file,
        error: String(error),
      });
    }
    return (cached = settingsSchema.parse({}));
  }

  async function write(next: Settings): Promise<void> {
    await mkdir(dirname(deps.file), { recursive: true });
    await writeFileAtomic(deps.file, `${JSON.stringify(next, null, 2)}\n`, PRIVATE);
  }

  return {
    get: load,
    set(patch) {
      const run = queue.then(async () => {
        const next = settingsSchema.parse({ ...(await load()), ...patch });
        await write(next);
        cached = next;
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
