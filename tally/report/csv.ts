// CSV export: the appendix table, then (province) the per-unit breakdown. UTF-8 with a BOM so
// Excel on Windows shows Vietnamese correctly.
import { csvCell } from '../../shared/parsers/csv';
import type { AppendixReport } from './appendix';
import { UNIT_TABLE_HEADER, unitCells } from './appendix';

const cell = csvCell;
const line = (cells: (string | number)[]) => cells.map(cell).join(',');

/** Renders the report as CSV text. */
export function renderCsv(r: AppendixReport): Buffer {
  const out = [
    line(['Tên đơn vị', r.form.unitName]),
    line(['Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai', r.form.assessment]),
    line(['Đề xuất, kiến nghị (nếu có)', r.form.recommendations]),
    '',
    line(['TT', 'Nội dung', 'Số lượng', 'Ghi chú']),
    ...r.rows.map((row) => line([row.tt, row.label, row.value, row.note])),
  ];
  if (r.units.length > 0) out.push('', line(UNIT_TABLE_HEADER), ...r.units.map((u) => line(unitCells(u))));
  return Buffer.from(`\uFEFF${out.join('\r\n')}\r\n`, 'utf8');
}
