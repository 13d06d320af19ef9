// Case-insensitive glob matching for signature patterns, and Windows path helpers that do not
// need node:path (shared/ is platform-free).

const cache = new Map<string, RegExp>();

/** Compiles a glob (`*` any run, `?` one character, everything else literal) to an anchored regex. */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'i');
    cache.set(glob, re);
  }
  return re;
}

/** True when `text` matches the glob, ignoring case and surrounding white space. */
export function globMatch(glob: string, text: string): boolean {
  return globToRegExp(glob.trim()).test(text.trim());
}

/** The first glob of `globs` that matches `text`, or null. */
export function firstMatch(
  globs: readonly string[] | undefined,
  text: string | null | undefined,
): string | null {
  if (!globs || text === null || text === undefined || text.trim() === '') return null;
  return globs.find((g) => globMatch(g, text)) ?? null;
}

/** Last segment of a Windows or POSIX path ("C:\\A\\b.exe" → "b.exe"). */
export function baseName(path: string): string {
  const clean = path.replace(/[\\/]+$/, '');
  return clean.slice(Math.max(clean.lastIndexOf('\\'), clean.lastIndexOf('/')) + 1);
}

/**
 * Expands %VAR% references with the given environment (keys compared case-insensitively).
 * Returns null when a variable is unknown, so a pattern is never checked against a wrong place.
 */
export function expandWinVars(
  pattern: string,
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v] as const));
  let missing = false;
  const out = pattern.replace(/%([^%]+)%/g, (_m, name: string) => {
    const v = lower.get(name.toLowerCase());
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

/**
 * The executable a command line starts: the first token, unquoted ("'C:\\x\\a.exe' /silent",
 * "\"C:\\Program Files\\a.exe\" -x", "sc.exe start X").
 */
export function commandExecutable(command: string): string {
  const t = command.trim();
  const q = /^(["'])(.*?)\1/.exec(t);
  if (q) return q[2];
  // An unquoted path with spaces: take up to ".exe" when present, else the first word.
  const exe = /^(.*?\.(?:exe|com|bat|cmd|vbs|ps1))(?:\s|$)/i.exec(t);
  return exe ? exe[1] : (t.split(/\s+/)[0] ?? '');
}
