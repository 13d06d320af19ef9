// CSV export: the campaign and production date, the appendix table, then (province) the per-unit
// breakdown. UTF-8 with a BOM so Excel on Windows shows Vietnamese correctly. Counts stay plain
// integers (a spreadsheet must be able to add them up); dates are dd/mm/yyyy.
import type { AppendixReport } from './appendix';
import { UNIT_TABLE_HEADER, unitCells } from './appendix';
import { formatDayVi, formatInstantVi } from './format';

const cell = (v: string | number): string => {
  const s = String(v);
  // Quote anything a spreadsheet could misread, and neutralise formula prefixes (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const line = (cells: (string | number)[]) => cells.map(cell).join(',');

/** Renders the report as CSV text. */
export function renderCsv(r: AppendixReport): Buffer {
  const out = [
    line(['Chiến dịch', `${r.campaign.nameVi} (${r.campaign.id})`]),
    line(['Thời gian chiến dịch', `${formatDayVi(r.campaign.startsOn)} – ${formatDayVi(r.campaign.endsOn)}`]),
    line(['Số liệu lập lúc', formatInstantVi(r.generatedAt)]),
    line(['Tên đơn vị', r.form.unitName]),
    line(['Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai', r.form.assessment]),
    line(['Đề xuất, kiến nghị (nếu có)', r.form.recommendations]),
    '',
    line(['TT', 'Nội dung', 'Số lượng', 'Ghi chú']),
    ...r.rows.map((row) => line([row.tt, row.label, row.value, row.note])),
  ];
  if (r.units.length > 0)
    out.push(
      '',
      line(UNIT_TABLE_HEADER),
      ...r.units.map((u) => line(unitCells(u, (n) => n, formatInstantVi))),
    );
  return Buffer.from(`\uFEFF${out.join('\r\n')}\r\n`, 'utf8');
}
