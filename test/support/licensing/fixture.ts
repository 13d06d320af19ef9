// Reads a licensing fixture as text (UTF-8, as the decoder would hand it to a parser).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../fixtures/licensing/', import.meta.url));

/** Text of test/fixtures/licensing/<name>. */
export const fixture = (name: string): string => readFileSync(dir + name, 'utf8');
