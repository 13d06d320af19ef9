// `sachmadoc <command>`: the command-line entry (npm run scan / feed, bin/sachmadoc.cjs). It only
// dispatches; each command is a function of (argv, io) that returns its exit status.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setLogSink } from '../shared/logger';
import { escapeControls } from '../shared/terminal-text';
import { FEED_VERBS, runFeedCommand } from './feed-command';
import { bilingual, setProcessWording, wordingFromEnv } from '../shared/i18n';
import { runHuntCommand } from './hunt-command';
import { processIo } from './io';
import { usageText } from './usage';
import { takeLang } from '../shared/cli-help';
import type { CliIo } from './io';
import { runScanCommand } from './scan-command';
import type { ScanCommandDeps } from './scan-command';

/** Every command and its verbs (the dispatch below; the tests walk them all with --help). */
export const COMMANDS: Record<'scan' | 'feed' | 'hunt', readonly string[]> = {
  scan: [],
  feed: FEED_VERBS,
  hunt: [],
};

/** Runs one command line (without the program name); returns the exit status. */
export async function runCli(argv: string[], raw: CliIo, deps: ScanCommandDeps = {}): Promise<number> {
  // No control character from a capture or a feed reaches the terminal (tables, warnings, errors).
  const io: CliIo = {
    ...raw,
    stdout: (s) => raw.stdout(escapeControls(s)),
    stderr: (s) => raw.stderr(escapeControls(s)),
  };
  const lang = takeLang(argv);
  setProcessWording(wordingFromEnv(lang.lang, io.env));
  if (lang.bad !== undefined) {
    io.stderr(`sachmadoc: ${bilingual('msg.cli.badLang', { value: lang.bad })}\n`);
    return 2;
  }
  const [command, ...rest] = lang.rest;
  switch (command) {
    case 'scan':
      return runScanCommand(rest, io, deps);
    case 'feed':
      return runFeedCommand(rest, io);
    case 'hunt':
      return runHuntCommand(rest, io, { signal: deps.signal, now: deps.now });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(usageText('msg.cli.usage.main'));
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`sachmadoc: ${bilingual('msg.cli.unknownCommand', { command })}\n`);
      return 2;
  }
}

/** Entry when run as a program: real terminal, logs to stderr, Ctrl+C ends a --watch cleanly. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const io = processIo();
  // `sachmadoc scan --json | head`: the reader went away; that is not an error to shout about.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  // Diagnostics only on request: what a person must know is already in the report's warnings
  // or the one error line, and an error exit must stay one line.
  const level = io.env.SACHMADOC_LOG_LEVEL;
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error')
    setLogSink((r) => io.stderr(`[${r.scope}] ${r.level}: ${r.message}\n`), level);
  const stop = new AbortController();
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    process.exitCode = await runCli(argv, io, { signal: stop.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) await main();
