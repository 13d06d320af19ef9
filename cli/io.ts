// The terminal a command talks to. Commands take it as an argument, so tests run them in-process
// and read what they printed, and nothing but main.ts touches process.stdout or process.exit.

/** Output streams, environment and working directory of one command run. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The real terminal of this process. */
export function processIo(): CliIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An in-memory terminal for tests: everything printed is kept in `out` and `err`. */
export function memoryIo(
  init: Partial<Pick<CliIo, 'env' | 'cwd'>> = {},
): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: init.env ?? {},
    cwd: init.cwd ?? process.cwd(),
  };
}
