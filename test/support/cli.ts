// Running `sachmadoc` in-process for the CLI tests: the real command line on an in-memory stdout
// and stderr, in a test's own folder.
import { join } from 'node:path';
import { memoryIo } from '../../cli/io';
import { runCli } from '../../cli/main';

/** What one run printed, and its exit status. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * A runner of `sachmadoc [...verb] ...argv` in `dir`. The per-user data (the feed cache) lives in
 * `dir` too, so only the bundled feed is found, whatever the developer's machine has downloaded.
 */
export function cliIn(dir: string, ...verb: string[]): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    const io = memoryIo({ cwd: dir, env: { SACHMADOC_DATA_DIR: join(dir, 'data') } });
    const code = await runCli([...verb, ...argv], io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };
}
