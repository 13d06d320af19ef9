// The hunt's report for a unit's leaders: one self-contained page (no script, no outside resource)
// in one language, Vietnamese unless `--lang en`, its words from the catalogue (msg.huntReport.*):
// the summary first (how many devices, which indicators, the period), then one section per device
// with what it contacted and the evidence lines IT staff can check.
import { formatNumber } from '../format';
import { documentLanguage, translate, type Language, type Params } from '../i18n';
import type { HuntReport } from './report';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** "2026-11-23T08:15:02+07:00" → "08:15:02 23/11/2026". */
function when(iso: string | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[4]} ${m[3]}/${m[2]}/${m[1]}` : iso;
}

const KINDS: Readonly<Record<string, string>> = {
  ip: 'msg.huntReport.kinds.ip',
  cidr: 'msg.huntReport.kinds.cidr',
  domain: 'msg.huntReport.kinds.domain',
  url: 'msg.huntReport.kinds.url',
};

/** The whole page, in `lang` (the `--lang` chosen, else Vietnamese). */
export function reportHtml(r: HuntReport, lang: Language = documentLanguage()): string {
  const num = (n: number): string => formatNumber(n, lang);
  // Catalogue text is ours; what it is filled with (file names, log lines) is escaped by the caller.
  const t = (key: string, params?: Params): string => translate(lang, key, params);
  const lines = r.files.reduce((n, f) => n + f.lines, 0);
  const verdict =
    r.devices.length === 0
      ? `<p class="ok">${t('msg.huntReport.none')}</p>`
      : `<p class="bad">${t('msg.huntReport.found', { count: r.devices.length, indicators: r.indicators.length })}</p>`;
  const period =
    r.since || r.until
      ? `<p>${t('msg.huntReport.period', { since: when(r.since), until: when(r.until) })}</p>`
      : '';
  const indicatorRows = r.indicators
    .map(
      (i) =>
        `<tr><td><code>${esc(i.indicator)}</code></td><td>${KINDS[i.kind] ? t(KINDS[i.kind]) : i.kind}</td><td>${num(i.devices.length)}</td><td>${num(i.count)}</td></tr>`,
    )
    .join('');
  const devices = r.devices
    .map((d) => {
      const name = [
        d.hostname !== d.address ? d.hostname : '',
        d.mac ? `MAC ${d.mac}` : '',
        d.translated ? t('msg.huntReport.nat', { addresses: d.translated.join(', ') }) : '',
      ]
        .filter(Boolean)
        .map((s) => esc(s as string))
        .join(' · ');
      const rows = d.indicators
        .map(
          (i) =>
            `<tr><td><code>${esc(i.indicator)}</code></td><td>${num(i.count)}</td><td>${when(i.firstSeen)}</td><td>${when(i.lastSeen)}</td><td>${esc(i.ports.join(', '))}</td><td>${esc(i.protocols.join(', '))}</td></tr>`,
        )
        .join('');
      const evidence = d.evidence
        .map(
          (e) => `<li><span class="where">${esc(e.file)}:${e.line}</span> <code>${esc(e.text)}</code></li>`,
        )
        .join('');
      return `<section class="device"><h3>${esc(d.address)}</h3>${name ? `<p>${name}</p>` : ''}
<p>${t('msg.huntReport.connections', { count: d.count, first: when(d.firstSeen), last: when(d.lastSeen) })}</p>
<table><thead><tr><th>${t('hunt.indicators')}</th><th>${t('hunt.count')}</th><th>${t('hunt.first')}</th><th>${t('hunt.last')}</th><th>${t('msg.huntReport.port')}</th><th>${t('msg.huntReport.protocol')}</th></tr></thead><tbody>${rows}</tbody></table>
<details><summary>${t('msg.huntReport.evidence', { count: d.evidence.length })}</summary><ul>${evidence}</ul></details></section>`;
    })
    .join('\n');
  const files = r.files
    .map(
      (f) =>
        `<tr><td>${esc(f.path)}</td><td>${esc(f.format)}</td><td>${num(f.lines)}</td><td>${num(f.skipped)}</td></tr>`,
    )
    .join('');
  const warnings =
    r.warningCount > 0
      ? `<h2>${t('hunt.warnings', { count: r.warningCount })}</h2><ul>${r.warnings
          .map(
            (w) =>
              `<li><span class="where">${esc(w.file)}${w.line > 0 ? `:${w.line}` : ''}</span> ${esc(w.message)}</li>`,
          )
          .join('')}</ul>`
      : '';
  const lists =
    r.feeds
      .map((f) => t('msg.huntReport.feed', { source: esc(f.source), indicators: f.indicators }))
      .join(', ') || t('msg.huntReport.noFeed');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('msg.huntReport.title')} — ${t('app.name')}</title>
<style>
body{font-family:"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:60rem;color:#1b1b1b;line-height:1.45;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
.ok{background:#e6f4ea;border-left:6px solid #1e7a35;padding:.75rem 1rem;font-size:1.1rem}
.bad{background:#fdecea;border-left:6px solid #b3261e;padding:.75rem 1rem;font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}code{font-family:Consolas,monospace;word-break:break-all}.where{color:#555;font-family:Consolas,monospace}
.device{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.device h3{margin:.25rem 0}
footer{margin-top:2rem;color:#555;font-size:.9rem}
@media print{details{display:block}details>summary{display:none}}
</style></head><body>
<h1>${t('msg.huntReport.title')}</h1>
<p>${t('msg.huntReport.campaign', { time: when(r.huntedAt) })}</p>
<h2>${t('msg.huntReport.summary')}</h2>
${verdict}
${period}
<p>${t('msg.huntReport.read', { files: r.files.length, lines, lists })}</p>
${r.indicators.length > 0 ? `<table><thead><tr><th>${t('hunt.indicators')}</th><th>${t('msg.huntReport.kind')}</th><th>${t('msg.huntReport.devices')}</th><th>${t('hunt.count')}</th></tr></thead><tbody>${indicatorRows}</tbody></table>` : ''}
${r.devices.length > 0 ? `<h2>${t('msg.huntReport.devicesHeading')}</h2>\n${devices}` : ''}
<h2>${t('msg.huntReport.filesHeading')}</h2>
<table><thead><tr><th>${t('msg.huntReport.file')}</th><th>${t('msg.huntReport.format')}</th><th>${t('msg.huntReport.lines')}</th><th>${t('msg.huntReport.skipped')}</th></tr></thead><tbody>${files}</tbody></table>
${warnings}
<footer>${t('msg.huntReport.footer', { app: t('app.name') })}</footer>
</body></html>
`;
}
