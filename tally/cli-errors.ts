// Every error of the tally's command line as one line: what happened, where, what to do, worded
// from the catalogue (shared/i18n) in the language of `--lang` (both by default), with exit status
// 2. Raw errno text ("EACCES: permission denied, open …") and stack traces never reach the person;
// `fail()` is what a verb throws for its own checks.
import { UserError } from '../shared/errors';
import { bilingual, type Message } from '../shared/i18n';
import { errorText } from './store/error-text';

/** A failure a verb detected itself. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

const say = (m: Message) => bilingual(m.code, m.params);

/**
 * The line "where: what. todo": `what` is a catalogue message without its final stop (lower case,
 * it follows "where:"), `todo` a whole sentence; `detail` is raw text for IT, after `what`.
 */
export function cliLine(where: string, what: Message, todo?: Message, detail?: string): string {
  return `${where}: ${say(what)}${detail ? `: ${detail}` : ''}.${todo ? ` ${say(todo)}` : ''}`;
}

/** Builds the failure "where: what. todo" (catalogue messages, worded as the command line speaks). */
export function fail(code: number, where: string, what: Message, todo?: Message): CliFailure {
  return new CliFailure(code, cliLine(where, what, todo));
}

const HELP: Message = { code: 'tally.cli.seeHelp' };

/** What each file-system error means, and what to do about it. */
const ERRNO: Record<string, [string, string]> = {
  EACCES: ['tally.cli.errno.denied', 'tally.cli.todo.permissions'],
  EPERM: ['tally.cli.errno.notPermitted', 'tally.cli.todo.permissions'],
  EROFS: ['tally.cli.errno.readOnly', 'tally.cli.todo.writable'],
  ENOENT: ['tally.cli.errno.missing', 'tally.cli.todo.path'],
  ENOTDIR: ['tally.cli.errno.notDir', 'tally.cli.todo.dataDir'],
  EEXIST: ['tally.cli.errno.exists', 'tally.cli.todo.dataDir'],
  EISDIR: ['tally.cli.errno.isDir', 'tally.cli.todo.fileName'],
  ENOSPC: ['tally.cli.errno.diskFull', 'tally.cli.todo.space'],
};

const PG_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ECONNRESET',
]);

/** DATABASE_URL without its password, for messages. */
function pgWhere(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'PostgreSQL';
  try {
    const u = new URL(databaseUrl);
    return `PostgreSQL ${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** One line for any error of a tally command. */
export function describeCliError(e: unknown, context: { databaseUrl?: string } = {}): string {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  if (e instanceof CliFailure) return e.message;
  // A campaign refusal (campaigns.ts) already says what, where and what to do.
  if (e instanceof Error && e.name === 'CampaignError') return oneLine(e.message);
  if (e instanceof UserError) return oneLine(`${e.message}${e.hint ? ` ${e.hint}` : ''}`);
  const err = e as NodeJS.ErrnoException & { errors?: unknown[] };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(err.message)?.[1] ?? '?';
    return cliLine('tally', { code: 'tally.cli.unknownOption', params: { option } }, HELP);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--[a-z-]+)/.exec(err.message)?.[1] ?? '?';
    return cliLine('tally', { code: 'tally.cli.needsValue', params: { option } }, HELP);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']+)'/.exec(err.message)?.[1] ?? '?';
    return cliLine('tally', { code: 'tally.cli.unexpectedArgument', params: { arg } }, HELP);
  }
  // PostgreSQL: unreachable (a connect error, or AggregateError of every address tried), refused login.
  const pgCode = code ?? (err?.errors?.[0] as { code?: string } | undefined)?.code;
  if (context.databaseUrl && pgCode && PG_UNREACHABLE.has(pgCode))
    return cliLine(
      pgWhere(context.databaseUrl),
      { code: 'tally.cli.pgUnreachable', params: { errno: pgCode } },
      { code: 'tally.cli.pgUnreachableHint' },
    );
  if (context.databaseUrl && (code === '28P01' || code === '28000' || code === '3D000'))
    return `${pgWhere(context.databaseUrl)}: ${oneLine(err.message)}. ${say({ code: 'tally.cli.pgLoginHint' })}`;
  if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL') {
    const at = err as { address?: string; port?: number };
    return cliLine(
      `${at.address ?? '?'}:${at.port ?? '?'}`,
      { code: 'tally.cli.portBusy' },
      { code: 'tally.cli.portBusyHint' },
    );
  }
  if (code && ERRNO[code]) {
    const [what, todo] = ERRNO[code];
    return cliLine(err.path ?? err.syscall ?? 'tally', { code: what }, { code: todo });
  }
  return oneLine(
    cliLine('tally', { code: 'tally.cli.unexpected' }, { code: 'tally.cli.unexpectedHint' }, errorText(e)),
  );
}
