// /dashboard/exports/: the blocklist URLs of the published feed, with a short guide per product in
// Vietnamese (or English, `?lang=en`), for a unit's IT staff; words from the catalogue (shared/i18n). Public like the URLs themselves (devices poll them without a
// token); rendered on the server, so the page needs no script under the dashboard's CSP.
import type { FastifyInstance } from 'fastify';
import { translate, type Language, type Params } from '../../shared/i18n';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from '../../shared/export/index';
import type { ExportFormatInfo } from '../../shared/export/index';
import { DASHBOARD_CSP } from './dashboard-routes';
import type { ExportCache } from './export-routes';
import { esc, pageLanguage } from './page-text';

const GROUPS: { key: ExportFormatInfo['group']; text: string }[] = [
  { key: 'dns', text: 'tally.exports.group.dns' },
  { key: 'firewall', text: 'tally.exports.group.firewall' },
  { key: 'sensor', text: 'tally.exports.group.sensor' },
];

const PUBLISH = 'npm run tally -- feed publish FEED.json';

/**
 * The page's HTML for a base URL ("https://tally.example") and the cache's current state, in
 * `language` (Vietnamese by default; `?lang=en`).
 */
export function renderExportsPage(
  base: string,
  status: Awaited<ReturnType<ExportCache['get']>>,
  language: Language = 'vi',
): string {
  const t = (key: string, params?: Params) => esc(translate(language, key, params));
  let state: string;
  let extras = new Map<string, string[]>();
  if (status.state === 'ready') {
    const s = status.set;
    // The words hold <strong> around the campaign and version: the values are escaped, the words are not.
    const ready = translate(language, 'tally.exports.ready', {
      campaign: esc(s.campaignId),
      version: s.version,
      published: s.publishedAt.slice(0, 10),
    });
    state = `<p class="ok">${ready}</p>`;
    extras = new Map(
      [...s.files].map(([f, files]) => [f, [...files.keys()].filter((n) => n !== s.main.get(f))]),
    );
  } else if (status.state === 'sample') {
    state = `<p class="warn" role="alert">${t('tally.exports.sample', { command: PUBLISH })}</p>`;
  } else if (status.state === 'invalid') {
    state = `<p class="warn" role="alert">${t('tally.exports.invalid', { reason: status.message })}</p>`;
  } else {
    state = `<p class="warn" role="alert">${t('tally.exports.none', { command: PUBLISH })}</p>`;
  }
  const sections = GROUPS.map((g) => {
    const items = EXPORT_FORMATS.map((f) => EXPORT_FORMAT_INFO[f])
      .filter((i) => i.group === g.key)
      .map((i) => {
        const url = `${base}/feed/export/${i.name}`;
        const more = (extras.get(i.name) ?? [])
          .map((n) => `<li><code>${esc(`${url}/${n}`)}</code></li>`)
          .join('');
        return `<article class="export" aria-labelledby="x-${i.name}">
  <h3 id="x-${i.name}">${esc(i.product)}</h3>
  <p>${esc(translate(language, i.summary))}</p>
  <p class="url"><code>${esc(url)}</code></p>${more ? `\n  <ul class="files">${more}</ul>` : ''}
  <p class="guide">${esc(translate(language, i.guide, { url }))}</p>
</article>`;
      })
      .join('\n');
    return `<section aria-labelledby="g-${g.key}">
<h2 id="g-${g.key}">${t(g.text)}</h2>
${items}
</section>`;
  }).join('\n');
  const other: Language = language === 'en' ? 'vi' : 'en';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${t('tally.exports.title')}</title>
<link rel="stylesheet" href="/dashboard/style.css" />
</head>
<body>
<header>
<h1>${t('tally.exports.title')}</h1>
<p>${t('tally.exports.subtitle')}</p>
<p><a href="?lang=${other}" lang="${other}">${t('tally.page.otherLanguage')}</a></p>
</header>
<main>
${state}
<p>${t('tally.exports.intro')}</p>
<p><a href="/dashboard/${language === 'en' ? '?lang=en' : ''}">${t('tally.exports.back')}</a></p>
${sections}
</main>
</body>
</html>
`;
}

/** Registers GET /dashboard/exports/ (and the address without the slash). */
export function registerExportsPage(app: FastifyInstance, cache: ExportCache): void {
  app.get('/dashboard/exports/', async (req, reply) => {
    const base = `${req.protocol}://${req.host}`;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DASHBOARD_CSP)
      .header('cache-control', 'no-cache')
      .send(renderExportsPage(base, await cache.get(), pageLanguage(req.query)));
  });
  app.get('/dashboard/exports', async (_req, reply) => reply.redirect('/dashboard/exports/'));
}
