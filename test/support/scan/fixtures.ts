// Reads test fixtures and splits the realdata captures at their "=== (X) ..." section headers, so
// each real document is parsed on its own as well as in one piece.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Text of a file under test/fixtures/. */
export function fixture(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url)), 'utf8');
}

/**
 * The sections of a realdata capture keyed by their letter ("A", "B", "E2"), without the header
 * line and without the collector's own annotation lines ("(note: ...)", "(German PTR label ...)").
 */
export function sections(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let key = '';
  for (const line of text.split('\n')) {
    const m = /^=== \(([A-Z0-9]+)\)/.exec(line);
    if (m) {
      key = m[1];
      out[key] = '';
    } else if (key && !/^\((note|German)\b/.test(line)) out[key] += `${line}\n`;
  }
  return out;
}
