// The hunt's report for a unit's leaders: one self-contained Vietnamese page (no script, no
// outside resource), the summary first (how many devices, which indicators, the period), then one
// section per device with what it contacted and the evidence lines IT staff can check.
import { formatNumber } from '../format';
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

const num = (n: number): string => formatNumber(n, 'vi');
const KIND: Record<string, string> = {
  ip: 'địa chỉ IP',
  cidr: 'dải địa chỉ',
  domain: 'tên miền',
  url: 'đường dẫn',
};

/** The whole page. */
export function reportHtml(r: HuntReport): string {
  const lines = r.files.reduce((n, f) => n + f.lines, 0);
  const verdict =
    r.devices.length === 0
      ? '<p class="ok">Không thấy thiết bị nào kết nối tới địa chỉ hoặc tên miền độc hại của chiến dịch trong các nhật ký đã đọc.</p>'
      : `<p class="bad"><strong>${num(r.devices.length)} thiết bị</strong> đã kết nối tới <strong>${num(r.indicators.length)}</strong> địa chỉ/tên miền độc hại của chiến dịch. Cần kiểm tra và xử lý mã độc trên các thiết bị này.</p>`;
  const period =
    r.since || r.until ? `<p>Khoảng thời gian xét: ${when(r.since)} đến ${when(r.until)}.</p>` : '';
  const indicatorRows = r.indicators
    .map(
      (i) =>
        `<tr><td><code>${esc(i.indicator)}</code></td><td>${KIND[i.kind] ?? i.kind}</td><td>${num(i.devices.length)}</td><td>${num(i.count)}</td></tr>`,
    )
    .join('');
  const devices = r.devices
    .map((d) => {
      const name = [
        d.hostname !== d.address ? d.hostname : '',
        d.mac ? `MAC ${d.mac}` : '',
        d.translated ? `sau NAT: ${d.translated.join(', ')}` : '',
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
<p>${num(d.count)} lần kết nối, từ ${when(d.firstSeen)} đến ${when(d.lastSeen)}.</p>
<table><thead><tr><th>Địa chỉ/tên miền độc hại</th><th>Số lần</th><th>Lần đầu</th><th>Lần cuối</th><th>Cổng</th><th>Giao thức</th></tr></thead><tbody>${rows}</tbody></table>
<details><summary>Dòng nhật ký làm bằng chứng (${d.evidence.length})</summary><ul>${evidence}</ul></details></section>`;
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
      ? `<h2>Cảnh báo khi đọc (${num(r.warningCount)})</h2><ul>${r.warnings
          .map(
            (w) =>
              `<li><span class="where">${esc(w.file)}${w.line > 0 ? `:${w.line}` : ''}</span> ${esc(w.message)}</li>`,
          )
          .join('')}</ul>`
      : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo giám sát mạng — Sạch Mã Độc</title>
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
<h1>Báo cáo giám sát mạng</h1>
<p>Chiến dịch làm sạch mã độc trên không gian mạng (Công văn 1298/CATTT-NCSC). Lập lúc ${when(r.huntedAt)}.</p>
<h2>Tóm tắt</h2>
${verdict}
${period}
<p>Đã đọc ${num(r.files.length)} tệp nhật ký, ${num(lines)} dòng; đối chiếu với ${r.feeds.map((f) => `${esc(f.source)} (${num(f.indicators)} chỉ báo)`).join(', ') || 'nguồn chỉ báo'}.</p>
${r.indicators.length > 0 ? `<table><thead><tr><th>Địa chỉ/tên miền độc hại</th><th>Loại</th><th>Số thiết bị</th><th>Số lần</th></tr></thead><tbody>${indicatorRows}</tbody></table>` : ''}
${r.devices.length > 0 ? `<h2>Các thiết bị cần xử lý</h2>\n${devices}` : ''}
<h2>Tệp nhật ký đã đọc</h2>
<table><thead><tr><th>Tệp</th><th>Định dạng</th><th>Số dòng</th><th>Dòng không đọc được</th></tr></thead><tbody>${files}</tbody></table>
${warnings}
<footer>Sạch Mã Độc — báo cáo tự động từ nhật ký tường lửa, DNS và proxy. Thời gian theo giờ địa phương.</footer>
</body></html>
`;
}
