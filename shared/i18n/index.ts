// The one catalogue of text for people, read by every side: the renderer (through i18next, which
// reads the same JSON), main, the command line, the services and the tally. Vietnamese is the
// default and the fallback. Errors and notices cross boundaries as a Message ({code, params}: a
// catalogue key and its parameters) and are worded where they are shown, in the person's language.
// Every key has a translator note in notes.json (same key tree); the catalogue test enforces it.
import type { z } from 'zod';
import { formatDate, formatNumber, type Language } from '../format';
import type { messageSchema } from './schema';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

export type { Language } from '../format';
/** Parameters of a message: quantities (1.234 / 1,234) and calendar days (dd/mm/yyyy) in the reader's form. */
export type Params = Readonly<Record<string, string | number>>;
/** Text that crosses a boundary: a catalogue key and its parameters, worded where it is shown (./schema). */
export type Message = z.infer<typeof messageSchema>;
/** Where a message is shown: one language, or both ("Tiếng Việt / English", the CLI's default). */
export type Wording = Language | 'both';

/**
 * Parameters that are quantities, written 1.234 / 1,234; any other number (a PID, a port, a
 * version) is an id and keeps its digits. The renderer's i18next formatter uses the same list.
 */
export const QUANTITIES: ReadonlySet<string> = new Set([
  'count',
  'total',
  'shown',
  'flagged',
  'remaining',
  'delivered',
  'rejected',
  'devices',
  'indicators',
  'files',
  'lines',
  'samples',
  'results',
  'ids',
  'findings',
  'inserted',
  'updated',
  'typical',
  'skipped',
  'added',
  'allowed',
  'duplicates',
  'derived',
  'dropped',
  'catchAll',
]);

type Tree = { readonly [key: string]: string | Tree };
export const catalogues: Readonly<Record<Language, Tree>> = { vi, en };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** True when `code` is a key of the Vietnamese catalogue (the reference language). */
export function hasText(code: string): boolean {
  return lookup(vi, code) !== undefined || lookup(vi, `${code}_other`) !== undefined;
}

/**
 * The text of `code` in `language`, with `{{name}}` filled from params (i18next's syntax, so the
 * renderer reads the same strings). A numeric `count` picks the plural form (`_one`/`_other`).
 * An unknown key comes back as the key itself, as i18next does, and the catalogue test finds it.
 */
export function translate(language: Language, code: string, params: Params = {}): string {
  const count = params.count;
  const forms =
    typeof count === 'number'
      ? [`${code}_${language === 'en' && count === 1 ? 'one' : 'other'}`, `${code}_other`, code]
      : [code];
  let text: string | undefined;
  for (const tree of [catalogues[language], vi]) for (const key of forms) text ??= lookup(tree, key);
  return text === undefined ? code : fill(language, text, params);
}

/**
 * Catalogue text with its `{{name}}` filled from params as `translate` fills it: a quantity as the
 * reader writes numbers, a calendar day as the reader writes dates, an unknown name left as it is.
 * For a caller that looked the text up once and fills it many times (see indicator-formats' msg).
 */
export function fill(language: Language, text: string, params: Params): string {
  let parts = compiled.get(text);
  if (parts === undefined) {
    // [text, name, text, name, …, text]: split once per catalogue text, filled by a loop after.
    parts = text.split(/\{\{\s*(\w+)\s*\}\}/);
    compiled.set(text, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const value = params[name];
    out +=
      value === undefined
        ? `{{${name}}}`
        : typeof value === 'number'
          ? QUANTITIES.has(name)
            ? formatNumber(value, language, 2)
            : String(value)
          : // A calendar day "2026-11-23" is written as the reader writes dates: 23/11/2026 or 23 Nov 2026.
            /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? formatDate(value, language)
            : value;
    out += parts[i + 1];
  }
  return out;
}
// The catalogue's texts (a bounded set) split at their parameters, for fill.
const compiled = new Map<string, readonly string[]>();

/** A message worded for the reader: one language, or "Vietnamese / English" when both. */
export function word(message: Message, wording: Wording, joiner = ' / '): string {
  if (wording !== 'both') return translate(wording, message.code, message.params);
  return joinPair(
    {
      vi: translate('vi', message.code, message.params),
      en: translate('en', message.code, message.params),
    },
    'both',
    joiner,
  );
}

function joinPair(pair: Readonly<{ vi: string; en: string }>, wording: Wording, joiner: string): string {
  if (wording !== 'both') return pair[wording];
  return pair.vi === pair.en ? pair.vi : `${pair.vi}${joiner}${pair.en}`;
}

// The command line's choice (`--lang`); everything else keeps both languages.
let processWording: Wording = 'both';

/** Sets how `bilingual` words text in this process: the CLI calls it once per run from `--lang`. */
export function setProcessWording(wording: Wording): void {
  processWording = wording;
}

/** How `bilingual` words text in this process, for a worker thread to word its text the same way. */
export function processWordingNow(): Wording {
  return processWording;
}

/**
 * A key as the command line and the logs print it: "Vietnamese / English" (or joined by `joiner`,
 * "Giao thức/Proto" in a table header), or the one language chosen with `sachmadoc --lang vi|en`
 * (setProcessWording).
 */
export function bilingual(code: string, params?: Params, joiner = ' / '): string {
  return word(params ? { code, params } : { code }, processWording, joiner);
}

/**
 * `bilingual` of `code` where the parameters named in `keys` are themselves catalogue keys, each
 * worded in the same language as the sentence ("{{what}} quá lớn" / "{{what}} too large").
 */
export function bilingualWith(code: string, params: Params, keys: Readonly<Record<string, string>>): string {
  return bilingualBy((l) => {
    const worded = Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, translate(l, key)]));
    return translate(l, code, { ...params, ...worded });
  });
}

/**
 * Text composed per language (a key whose parameter is a `{vi, en}` pair of data), worded as
 * `bilingual`: both joined by `joiner`, or the one language chosen.
 */
export function bilingualBy(one: (language: Language) => string, joiner = ' / '): string {
  return joinPair({ vi: one('vi'), en: one('en') }, processWording, joiner);
}

/** The one language of a document this process writes (an HTML page): the `--lang` choice, else Vietnamese. */
export function documentLanguage(): Language {
  return processWording === 'both' ? 'vi' : processWording;
}

/**
 * A `{vi, en}` pair kept in data (a campaign name, a reason) as `bilingual` words a key: both
 * joined by `joiner`, or the one language chosen with `--lang`.
 */
export function bilingualPair(pair: Readonly<{ vi: string; en: string }>, joiner = ' / '): string {
  return joinPair(pair, processWording, joiner);
}

/**
 * The language a command line speaks: `--lang vi|en`, else SACHMADOC_LANG, else both as before.
 * LANG is not read: build machines and servers say en_US while their readers are Vietnamese.
 */
export function wordingFromEnv(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Wording {
  if (flag === 'vi' || flag === 'en') return flag;
  const locale = env.SACHMADOC_LANG ?? '';
  if (/^vi/i.test(locale)) return 'vi';
  if (/^en/i.test(locale)) return 'en';
  return 'both';
}

/** A key in both languages as a `{vi, en}` pair, for records that keep both (cleanup log, reports). */
export function textPair(code: string, params?: Params): { vi: string; en: string } {
  return { vi: translate('vi', code, params), en: translate('en', code, params) };
}

/** A `{vi, en}` pair composed per language (a key whose parameters are themselves worded per language). */
export function textPairBy(one: (language: Language) => string): { vi: string; en: string } {
  return { vi: one('vi'), en: one('en') };
}

/** `{vi, en}` of `code` whose `{{reason}}` is itself a message, worded in the same language. */
export function textPairWithReason(code: string, reason: Message): { vi: string; en: string } {
  const one = (l: Language) => translate(l, code, { reason: translate(l, reason.code, reason.params) });
  return { vi: one('vi'), en: one('en') };
}
