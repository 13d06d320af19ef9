// DOCX export (docx): the appendix as an administrative document under Decree 30/2020/NĐ-CP
// (Appendix I): A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 13 pt; the
// heading in two columns, the body's name above the unit's on the left and the national motto on
// the right (as in the seed letters), the date line under the motto; "PHỤ LỤC" in black bold,
// the form's title and the "(Kèm theo Công văn số … ngày …)" line; then the form: general
// information, and the table TT | Nội dung | Số lượng | Ghi chú with narrow TT and Số lượng
// columns; for the province, the per-unit table after it.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { AppendixReport } from './appendix';
import { accompanyingLine, UNIT_TABLE_HEADER, unitCells } from './appendix';
import { dateLineVi, formatDayVi, formatInstantVi, formatNumberVi } from './format';

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 12 pt in the per-unit table and the motto's first line. */
const BODY = 26;
const SMALL = 24;
const MM = 56.7; // twips per millimetre
/** Text width of A4 (210 mm) less 30 + 15 mm margins, in twips. */
const TEXT_WIDTH = Math.round(165 * MM);

interface RunOpts {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}
// Only what differs from the document's default (Times New Roman 13 pt, black): a property on every
// run of a 500-unit table quadrupled the time to build the document.
const run = (text: string, o: RunOpts = {}) =>
  new TextRun({
    text,
    ...(o.size !== undefined && o.size !== BODY ? { size: o.size } : {}),
    ...(o.bold ? { bold: true } : {}),
    ...(o.italics ? { italics: true } : {}),
  });

const p = (
  text: string | TextRun[],
  o: RunOpts & {
    align?: 'center' | 'right' | 'both' | 'left';
    after?: number;
    before?: number;
    indent?: boolean;
  } = {},
) =>
  new Paragraph({
    ...(o.align === 'center'
      ? { alignment: AlignmentType.CENTER }
      : o.align === 'right'
        ? { alignment: AlignmentType.RIGHT }
        : o.align === 'both'
          ? { alignment: AlignmentType.JUSTIFIED }
          : {}),
    // The default paragraph (styles below) has 3 pt after and 1.15 lines; only differences are written.
    ...((o.before ?? 0) !== 0 || (o.after ?? 60) !== 60
      ? { spacing: { before: o.before ?? 0, after: o.after ?? 60, line: 276 } }
      : {}),
    ...(o.indent ? { indent: { firstLine: Math.round(10 * MM) } } : {}),
    children: typeof text === 'string' ? [run(text, o)] : text,
  });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const grid = {
  top: thin,
  bottom: thin,
  left: thin,
  right: thin,
  insideHorizontal: thin,
  insideVertical: thin,
};
const cellBorders = { top: thin, bottom: thin, left: thin, right: thin };

/** A short centred rule (Decree 30's line under the unit name and the motto): a top border on an
 * empty paragraph, narrowed by equal indents to `ruleMm` inside a space `spaceMm` wide. */
function rule(spaceMm: number, ruleMm: number): Paragraph {
  const side = Math.max(0, Math.round(((spaceMm - ruleMm) / 2) * MM));
  return new Paragraph({
    spacing: { before: 20, after: 100 },
    indent: { left: side, right: side },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

/** The heading: managing body and unit left, national motto and date line right. */
function heading(r: AppendixReport): Table {
  const unit = (r.form.unitName || '……………').toUpperCase();
  const left = [
    ...(r.form.parentName
      ? [p(r.form.parentName.toUpperCase(), { align: 'center', size: SMALL, after: 0 })]
      : []),
    p(unit, { align: 'center', bold: true, size: SMALL, after: 0 }),
    rule(78 - 4, 25),
  ];
  const right = [
    p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center', bold: true, size: SMALL, after: 0 }),
    p('Độc lập - Tự do - Hạnh phúc', { align: 'center', bold: true, after: 0 }),
    rule(98 - 4, 55),
    p(dateLineVi(r.form.place, r.generatedAt), { align: 'center', italics: true }),
  ];
  // As printed letters do, the heading is wider than the text: it reaches 8 mm into the left margin
  // and 3 mm into the right one, so that the unit's name and the motto's first line, at 12 pt bold,
  // each fit on one line.
  const leftWidth = Math.round(78 * MM);
  const rightWidth = Math.round(98 * MM);
  return new Table({
    width: { size: leftWidth + rightWidth, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    indent: { size: -Math.round(8 * MM), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: rightWidth, type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

/** A bordered table; `widths` in millimetres, `numeric` columns right-aligned. */
function gridTable(
  header: string[],
  rows: string[][],
  widths: number[],
  o: { size: number; center?: number[]; right?: number[]; shade?: (row: number) => boolean },
): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const tw = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, head: boolean, shaded: boolean) =>
    new TableCell({
      ...(head ? { verticalAlign: VerticalAlign.CENTER } : {}),
      // On every cell as well as the table: LibreOffice drops the table-level borders of this
      // table (seen in its rendering), and a filed report needs its grid.
      borders: cellBorders,
      ...(shaded ? { shading: { fill: 'E6E6E6', color: 'auto', type: 'clear' as const } } : {}),
      children: [
        p(text, {
          size: o.size,
          bold: head,
          after: 0,
          align: head || o.center?.includes(i) ? 'center' : o.right?.includes(i) ? 'right' : 'left',
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: tw,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    layout: TableLayoutType.FIXED,
    borders: grid,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true, false)) }),
      ...rows.map(
        (r, ri) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, i) => cell(c, i, false, o.shade?.(ri) ?? false)),
          }),
      ),
    ],
  });
}

/** Renders the report as a Word document. */
export async function renderDocx(r: AppendixReport): Promise<Buffer> {
  const lines = (text: string) =>
    text.trim() === ''
      ? [p('……………………………………………………………………………', { indent: true })]
      : text.split(/\r?\n/).map((t) => p(t, { align: 'both', indent: true }));
  const c = r.campaign;
  const children: (Paragraph | Table)[] = [
    heading(r),
    p(r.title, { align: 'center', bold: true, before: 240, after: 0, size: 28 }),
    p(r.subtitle, { align: 'center', bold: true, after: 0 }),
    p(accompanyingLine(r.form), { align: 'center', italics: true, after: 0 }),
    rule(165, 30),
    p(
      [
        run('Chiến dịch: ', { bold: true }),
        run(
          `${c.nameVi}${c.letter ? ` (Công văn ${c.letter})` : ''}, từ ${formatDayVi(c.startsOn)} đến ${formatDayVi(c.endsOn)}; `,
        ),
        run(`số liệu lập lúc ${formatInstantVi(r.generatedAt)} từ máy chủ tổng hợp.`),
      ],
      { align: 'both', indent: true },
    ),
    p('1. Thông tin chung', { bold: true, before: 120, indent: true }),
    p(`- Tên đơn vị: ${r.form.unitName || '……………………………………………'}`, { indent: true }),
    p('- Đánh giá kết quả thực hiện chiến dịch trong phạm vi triển khai:', { indent: true }),
    ...lines(r.form.assessment),
    p('- Đề xuất, kiến nghị (nếu có):', { indent: true }),
    ...lines(r.form.recommendations),
    p('2. Thông tin số liệu', { bold: true, before: 120, indent: true }),
    gridTable(
      ['TT', 'Nội dung', 'Số lượng', 'Ghi chú'],
      r.rows.map((row) => [String(row.tt), row.label, formatNumberVi(row.value), row.note]),
      [10, 92, 22, 41],
      { size: BODY, center: [0], right: [2] },
    ),
  ];
  if (r.units.length > 0) {
    children.push(
      p('3. Chi tiết theo đơn vị (đơn vị chưa gửi kết quả xếp trước, tô nền)', {
        bold: true,
        before: 240,
        indent: true,
      }),
      gridTable(
        ['TT', ...UNIT_TABLE_HEADER.slice(1)],
        r.units.map((u, i) => {
          const cells = unitCells(u, formatNumberVi, formatInstantVi);
          return [String(i + 1), `${u.name} (${u.code})`, ...cells.slice(2).map(String)];
        }),
        [9, 46, 17, 17, 19, 17, 17, 23],
        { size: SMALL, center: [0, 2], right: [3, 4, 5, 6], shade: (i) => !r.units[i].deployed },
      ),
    );
  }
  children.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [Math.round(TEXT_WIDTH / 2), TEXT_WIDTH - Math.round(TEXT_WIDTH / 2)],
      layout: TableLayoutType.FIXED,
      borders: noBorders,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ children: [p('')] }),
            new TableCell({
              children: [
                p('THỦ TRƯỞNG ĐƠN VỊ', { align: 'center', bold: true, before: 240, after: 0 }),
                p('(Ký, ghi rõ họ tên và đóng dấu)', { align: 'center', italics: true }),
              ],
            }),
          ],
        }),
      ],
    }),
  );
  const doc = new Document({
    creator: 'Sạch Mã Độc',
    title: `${r.title} — ${r.subtitle} — ${c.nameVi}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY, color: '000000' },
          paragraph: { spacing: { before: 0, after: 60, line: 276 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(20 * MM),
              left: Math.round(30 * MM),
              right: Math.round(15 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
