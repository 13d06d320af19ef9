// One way to print an error in the tally's logs and answers: its code and its real message, never
// "[object Object]" (what a SQLite error became after crossing a thread boundary).

/** The real text of an error, also for the plain objects a thread boundary leaves of it. */
export function errorText(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? e.code : undefined;
  const prefix = typeof code === 'string' && code !== '' ? `${code}: ` : '';
  if (e instanceof Error) return `${prefix}${e.message}`;
  if (e && typeof e === 'object' && 'message' in e) return `${prefix}${String(e.message)}`;
  return String(e);
}
