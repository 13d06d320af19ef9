// The errors of a command's own arguments, and how a command ends on an error: one line on stderr
// (what, where, what to do), words from the catalogue, exit status 2.
import { UserError, userError } from '../shared/errors';
import { bilingual, type Params } from '../shared/i18n';
import type { CliIo } from './io';

/** An argument the command cannot use: the message ends with where to read the command's help. */
export class UsageError extends UserError {}

/**
 * A usage error worded from the catalogue (`code` what is wrong, `hint` what to do), after `where`
 * (the option and its value as typed, kept out of the catalogue's date and number wording).
 */
export function usage(
  where: string,
  code: string,
  params?: Params,
  hint?: string,
  hintParams?: Params,
): UsageError {
  const e = userError(code, { params, hint, hintParams });
  return new UsageError(where ? `${where}: ${e.message}` : e.message, e.hint, e.text, e.hintText);
}

/** Prints the one error line of `command` (and where its help is, for a usage error); returns 2. */
export function reportFailure(io: CliIo, command: string, e: unknown): number {
  if (e instanceof UserError) {
    io.stderr(`${command}: ${e.message}${e.hint ? ` — ${e.hint}` : ''}\n`);
    if (e instanceof UsageError) io.stderr(`${bilingual('msg.cli.seeHelp', { command })}\n`);
  } else {
    // A bug, not the person's input: one line, no stack trace, and where to send it.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(
      `${command}: ${bilingual('msg.cli.unexpected')}: ${message} — ${bilingual('msg.cli.reportIt')}\n`,
    );
  }
  return 2;
}

/**
 * A warning line on stderr: "cảnh báo / warning: file:line: message". The label is worded, the
 * text (already worded, or a path) follows once.
 */
export function warningLine(text: string): string {
  return `${bilingual('msg.cli.warning')}: ${text}\n`;
}
