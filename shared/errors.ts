// Typed errors that cross module boundaries. Parsers throw nothing but ParseError.

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

/** A failure a person can act on: what happened, where, and what to do. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Tagged result used across IPC and service boundaries instead of thrown strings. */
export type Result<T, E = { code: string; message: string }> =
  { ok: true; value: T } | { ok: false; error: E };

/** Builds a successful Result. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
/** Builds a failed Result. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
