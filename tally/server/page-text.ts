// The words of the tally's pages, from the one catalogue (shared/i18n): the HTML names a key where
// text goes (`<h1 data-t="tally.page.title"></h1>`, `data-t-placeholder="…"` for an attribute) and
// the server fills it in the page's language before serving. No text for people in the HTML itself.
import { translate, type Language } from '../../shared/i18n';

/** Text for HTML: element content or a quoted attribute value. */
export const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The page's language: `?lang=en` asks for English; Vietnamese otherwise (the default). */
export function pageLanguage(query: unknown): Language {
  return (query as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'vi';
}

/**
 * Fills every `data-t` element (its content must be empty in the source) and every `data-t-NAME`
 * attribute with the catalogue's words in `language`, sets `<html lang>` and drops comments. Throws on a
 * `data-t` element that is not empty: its words would silently disagree with the catalogue.
 */
export function fillPageText(html: string, language: Language): string {
  const filled = html
    .replace(/\s*<!--[\s\S]*?-->/g, '') // notes for maintainers stay in the source
    .replace(/<html lang="[a-z]+">/, `<html lang="${language}">`)
    .replace(
      /<(\w+)([^<>]*?) data-t="([\w.-]+)"([^<>]*)>([^<]*)<\/\1>/g,
      (_all, tag: string, before: string, key: string, after: string, inner: string) => {
        if (inner.trim() !== '')
          throw new Error(`data-t="${key}" on <${tag}> that has text: ${inner.trim()}`);
        return `<${tag}${before}${after}>${esc(translate(language, key))}</${tag}>`;
      },
    )
    .replace(
      / data-t-([a-z-]+)="([\w.-]+)"/g,
      (_all, name: string, key: string) => ` ${name}="${esc(translate(language, key))}"`,
    );
  const left = /data-t(?:-[a-z-]+)?="([^"]*)"/.exec(filled);
  if (left) throw new Error(`data-t="${left[1]}" left unfilled (an element with children?)`);
  return filled;
}
