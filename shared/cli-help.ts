// Per-verb help for the command lines (`sachmadoc feed verify --help`, `tally units import --help`):
// the verb's own lines cut from the command's usage text, so the help and the usage never disagree.

/** True when the arguments ask for help (`--help` or `-h` before a `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * The lines of `usage` that document the verb whose usage line starts with `lead` after its
 * indentation, with the deeper-indented lines under each; null when no line does.
 */
export function verbHelp(usage: string, lead: string): string | null {
  const lines = usage.split('\n');
  const out: string[] = [];
  let indent = -1;
  let taking = false;
  for (const line of lines) {
    const depth = line.length - line.trimStart().length;
    const text = line.trimStart();
    if (text !== '' && (text === lead || text.startsWith(`${lead} `))) {
      taking = true;
      indent = depth;
      out.push(line);
    } else if (taking && text !== '' && depth > indent) {
      out.push(line);
    } else {
      taking = false;
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : null;
}

/** Takes `--lang vi|en` (or `--lang=…`) out of the arguments; `bad` when its value is neither. */
export function takeLang(argv: readonly string[]): { rest: string[]; lang?: string; bad?: string } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') lang = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (lang !== undefined && lang !== 'vi' && lang !== 'en') return { rest, bad: lang };
  return lang === undefined ? { rest } : { rest, lang };
}
