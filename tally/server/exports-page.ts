// /dashboard/exports/: the blocklist URLs of the published feed, with a short guide per product in
// Vietnamese, for a unit's IT staff. Public like the URLs themselves (devices poll them without a
// token); rendered on the server, so the page needs no script under the dashboard's CSP.
import type { FastifyInstance } from 'fastify';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from '../../shared/export/index';
import type { ExportFormatInfo } from '../../shared/export/index';
import { DASHBOARD_CSP } from './dashboard-routes';
import type { ExportCache } from './export-routes';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const GROUPS: { key: ExportFormatInfo['group']; vi: string; en: string }[] = [
  { key: 'dns', vi: 'Máy chủ DNS', en: 'DNS servers' },
  { key: 'firewall', vi: 'Tường lửa', en: 'Firewalls' },
  { key: 'sensor', vi: 'Cảm biến và chia sẻ', en: 'Sensors and sharing' },
];

function formatDay(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The page's HTML for a base URL ("https://tally.example") and the cache's current state. */
export function renderExportsPage(base: string, status: Awaited<ReturnType<ExportCache['get']>>): string {
  let state: string;
  let extras = new Map<string, string[]>();
  if (status.state === 'ready') {
    const s = status.set;
    state = `<p class="ok">Nguồn cấp đang công bố: chiến dịch <strong>${esc(s.campaignId)}</strong>, phiên bản <strong>${s.version}</strong>, phát hành ${esc(formatDay(s.publishedAt))}. Thiết bị tải lại cùng địa chỉ sẽ nhận bản mới khi có phiên bản mới (ETag / If-None-Match).</p>`;
    extras = new Map(
      [...s.files].map(([f, files]) => [f, [...files.keys()].filter((n) => n !== s.main.get(f))]),
    );
  } else if (status.state === 'sample') {
    state =
      '<p class="warn" role="alert">Nguồn cấp đang công bố là bản MẪU: các địa chỉ dưới đây trả lỗi 409 cho đến khi công bố nguồn cấp thật (npm run tally -- feed publish FEED.json).</p>';
  } else if (status.state === 'invalid') {
    state = `<p class="warn" role="alert">Nguồn cấp đã công bố không đọc được: ${esc(status.message)}</p>`;
  } else {
    state =
      '<p class="warn" role="alert">Chưa công bố nguồn cấp chiến dịch: các địa chỉ dưới đây trả lỗi 404 cho đến khi công bố (npm run tally -- feed publish FEED.json).</p>';
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
  <p>${esc(i.summary.vi)}</p>
  <p class="url"><code>${esc(url)}</code></p>${more ? `\n  <ul class="files">${more}</ul>` : ''}
  <p class="guide">${esc(i.guide.vi.replaceAll('{url}', url))}</p>
</article>`;
      })
      .join('\n');
    return `<section aria-labelledby="g-${g.key}">
<h2 id="g-${g.key}">${g.vi} <span lang="en" class="en">${g.en}</span></h2>
${items}
</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Sạch Mã Độc — Danh sách chặn cho thiết bị mạng</title>
<link rel="stylesheet" href="/dashboard/style.css" />
</head>
<body>
<header>
<h1>Sạch Mã Độc — Danh sách chặn cho thiết bị mạng</h1>
<p lang="en" class="en">Blocklists for DNS servers, firewalls and sensors</p>
</header>
<main>
${state}
<p>Mỗi địa chỉ dưới đây là nguồn cấp đã ký của chiến dịch, chuyển sang định dạng của từng sản phẩm. Danh sách cho phép đã được áp dụng; chỉ báo bao trùm (như 0.0.0.0/0 hay cả tên miền cấp cao) bị từ chối. Hãy để thiết bị tự tải lại định kỳ (30–60 phút).</p>
<p><a href="/dashboard/">← Về trang tổng hợp</a></p>
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
      .send(renderExportsPage(base, await cache.get()));
  });
  app.get('/dashboard/exports', async (_req, reply) => reply.redirect('/dashboard/exports/'));
}
