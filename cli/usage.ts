// A command's usage text from the catalogue (msg.cli.usage.*): the language chosen with --lang, or
// the Vietnamese text followed by the English one. A verb's --help cuts its lines from either.
import { bilingualBy, translate, type Language, type Params } from '../shared/i18n';

/** The usage text `code`, its parameters worded per language by `params` (a nested block, a list). */
export function usageText(code: string, params: (language: Language) => Params = () => ({})): string {
  return bilingualBy((l) => translate(l, code, params(l)), '\n');
}
