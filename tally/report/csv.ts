// CSV export: the campaign and production date, the appendix table, then (province) the per-unit
// breakdown. UTF-8 with a BOM so Excel on Windows shows Vietnamese correctly. Counts stay plain
// integers (a spreadsheet must be able to add them up); dates are dd/mm/yyyy.
import { writeCsv } from '../../shared/parsers/csv';
import type { AppendixReport } from './appendix';
import { UNIT_TABLE_HEADER, unitCells } from './appendix';
import { formatDayVi, formatInstantVi } from './format';

/** Renders the report as CSV text. */
export function renderCsv(r: AppendixReport): Buffer {
  const out: (string | number)[][] = [
    ['Chiến dịch', `${r.campaign.nameVi} (${r.campaign.id})`],
    ['Thời gian chiến dịch', `${formatDayVi(r.campaign.startsOn)} – ${formatDayVi(r.campaign.endsOn)}`],
    ['Số liệu lập lúc', formatInstantVi(r.generatedAt)],
    ['Tên đơn vị', r.form.unitName],
    ['Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai', r.form.assessment],
    ['Đề xuất, kiến nghị (nếu có)', r.form.recommendations],
    [],
    ['TT', 'Nội dung', 'Số lượng', 'Ghi chú'],
    ...r.rows.map((row) => [row.tt, row.label, row.value, row.note]),
  ];
  if (r.units.length > 0)
    out.push([], [...UNIT_TABLE_HEADER], ...r.units.map((u) => unitCells(u, (n) => n, formatInstantVi)));
  return Buffer.from(writeCsv(out), 'utf8');
}
