// The appendix form of the campaign letters ("PHỤ LỤC — Mẫu thống kê, báo cáo kết quả triển khai")
// as data: general information, then the table TT | Nội dung | Số lượng | Ghi chú. The DOCX, XLSX
// and CSV writers and the dashboard all render this one model.
import type { Aggregates, UnitTotals } from '../store/types';

/** Machine counts below this are shown as "< 5" in per-unit breakdowns. */
export const SMALL_COUNT = 5;
export type Shown = number | '< 5';

/** Small-count suppression: per-unit machine counts under 5 (zero included) become "< 5". */
export function suppress(n: number): Shown {
  return n < SMALL_COUNT ? '< 5' : n;
}

export interface ReportForm {
  unitName: string;
  assessment: string;
  recommendations: string;
}

export interface AppendixRow {
  tt: number;
  label: string;
  value: Shown;
  note: string;
}

export interface UnitBreakdown {
  code: string;
  name: string;
  deployed: boolean;
  machines: Shown;
  withFindings: Shown;
  cleaned: Shown;
  cracked: Shown;
}

export interface AppendixReport {
  title: string;
  subtitle: string;
  scope: 'province' | 'unit';
  unitCode?: string;
  form: ReportForm;
  rows: AppendixRow[];
  /** Province reports only: one line per registered unit, suppressed. */
  units: UnitBreakdown[];
  generatedAt: string;
}

export const ROW_LABELS = [
  'Tổng số cơ quan, tổ chức, doanh nghiệp nhận được thông tin về chiến dịch',
  'Tổng số cơ quan, tổ chức triển khai chiến dịch',
  'Tổng số máy tính được kiểm tra',
  'Tổng số máy tính có kết nối đến địa chỉ độc hại của chiến dịch',
  'Tổng số máy tính đã được làm sạch (kiểm tra lại không còn kết nối)',
  'Tổng số máy tính có dấu hiệu sử dụng phần mềm bẻ khóa',
] as const;

const NOTES = [
  'Số đơn vị đăng ký trên hệ thống tổng hợp',
  'Đơn vị có ít nhất một kết quả gửi về',
  'Mỗi máy tính được tính một lần trong chiến dịch',
  'Máy có ít nhất một kết quả phát hiện kết nối',
  'Kết quả gần nhất sau khi phát hiện: kiểm tra lại sạch',
  'Máy có ít nhất một dấu hiệu',
];

const zero: Omit<UnitTotals, 'unitCode'> = {
  results: 0,
  machines: 0,
  withFindings: 0,
  cleaned: 0,
  cracked: 0,
};

/** Builds the appendix for the province (no unitCode: exact totals) or one unit (suppressed). */
export function buildAppendix(
  agg: Aggregates,
  opts: { unitCode?: string; form?: Partial<ReportForm>; now: Date },
): AppendixReport {
  const byUnit = new Map(agg.totals.map((t) => [t.unitCode, t]));
  const unit = opts.unitCode ? agg.units.find((u) => u.code === opts.unitCode) : undefined;
  if (opts.unitCode && !unit) throw new Error(`unknown unit: ${opts.unitCode}`);
  let counts: Omit<UnitTotals, 'unitCode'>;
  let received: number;
  let deployed: number;
  if (unit) {
    counts = byUnit.get(unit.code) ?? zero;
    received = 1;
    deployed = counts.results > 0 ? 1 : 0;
  } else {
    counts = agg.totals.reduce(
      (a, t) => ({
        results: a.results + t.results,
        machines: a.machines + t.machines,
        withFindings: a.withFindings + t.withFindings,
        cleaned: a.cleaned + t.cleaned,
        cracked: a.cracked + t.cracked,
      }),
      zero,
    );
    received = agg.units.length;
    deployed = agg.units.filter((u) => (byUnit.get(u.code)?.results ?? 0) > 0).length;
  }
  const show = unit ? suppress : (n: number): Shown => n;
  const values: Shown[] = [
    received,
    deployed,
    show(counts.machines),
    show(counts.withFindings),
    show(counts.cleaned),
    show(counts.cracked),
  ];
  return {
    title: 'PHỤ LỤC',
    subtitle: 'Mẫu thống kê, báo cáo kết quả triển khai',
    scope: unit ? 'unit' : 'province',
    ...(unit ? { unitCode: unit.code } : {}),
    form: {
      unitName: opts.form?.unitName?.trim() || unit?.name || '',
      assessment: opts.form?.assessment ?? '',
      recommendations: opts.form?.recommendations ?? '',
    },
    rows: ROW_LABELS.map((label, i) => ({ tt: i + 1, label, value: values[i], note: NOTES[i] })),
    units: unit
      ? []
      : agg.units.map((u) => {
          const t = byUnit.get(u.code) ?? zero;
          return {
            code: u.code,
            name: u.name,
            deployed: t.results > 0,
            machines: suppress(t.machines),
            withFindings: suppress(t.withFindings),
            cleaned: suppress(t.cleaned),
            cracked: suppress(t.cracked),
          };
        }),
    generatedAt: opts.now.toISOString(),
  };
}

export const UNIT_TABLE_HEADER = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Triển khai',
  'Máy được kiểm tra',
  'Máy có kết nối độc hại',
  'Máy đã làm sạch',
  'Máy có dấu hiệu bẻ khóa',
];

/** The cells of one unit line of the province breakdown. */
export function unitCells(u: UnitBreakdown): (string | number)[] {
  return [u.code, u.name, u.deployed ? 'Có' : 'Chưa', u.machines, u.withFindings, u.cleaned, u.cracked];
}
