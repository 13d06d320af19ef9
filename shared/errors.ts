// Typed errors that cross module boundaries. Parsers throw nothing but ParseError.
import { bilingual, type Message, type Params } from './i18n';

/** An input that cannot be read as the format it claims to be; carries file and 1-based line. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

/**
 * A failure a person can act on: what happened, where, and what to do. `text` and `hintText` are the
 * same as catalogue messages, so the page words them in the person's language; `message` and `hint`
 * carry both languages for the log and the command line.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly text?: Message,
    readonly hintText?: Message,
    /** Raw text for IT (a program's output, a network error): the log and a "technical" disclosure. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** What a catalogue-worded UserError carries besides its code: parameters, the hint, raw detail. */
export interface Wording {
  params?: Params;
  hint?: string;
  hintParams?: Params;
  /** Raw text for IT only; appended to the logged message, never the sentence a person reads. */
  detail?: string;
}

/** A UserError worded from the catalogue: `code` (what happened) and `hint` (what to do) are keys. */
export function userError(code: string, w: Wording = {}): UserError {
  const text: Message = w.params ? { code, params: w.params } : { code };
  const hintText: Message | undefined = w.hint
    ? w.hintParams
      ? { code: w.hint, params: w.hintParams }
      : { code: w.hint }
    : undefined;
  const message = bilingual(code, w.params) + (w.detail ? ` (${w.detail})` : '');
  const hint = w.hint ? bilingual(w.hint, w.hintParams) : undefined;
  return new UserError(message, hint, text, hintText, w.detail);
}

/** Tagged result used across IPC and service boundaries instead of thrown strings. */
export type Result<T, E = { code: string; message: string }> =
  { ok: true; value: T } | { ok: false; error: E };

/** Builds a successful Result. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
/** Builds a failed Result. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
