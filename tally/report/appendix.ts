// The appendix form of the campaign letters ("PHỤ LỤC — Mẫu thống kê, báo cáo kết quả triển khai")
// as data: the heading of an administrative document, general information, the table TT | Nội
// dung | Số lượng | Ghi chú, and for the province the per-unit table. The DOCX, XLSX and CSV
// writers render this one model. Every number is exact: the report is filed and signed by the
// agency's officials (issue 11 dropped the "< 5" suppression).
import type { StoredHuntSummary } from '../../shared/tally/hunt-summary';
import type { Aggregates, CampaignRecord, UnitTotals } from '../store/types';
import { formatDayVi } from './format';

export interface ReportForm {
  unitName: string;
  assessment: string;
  recommendations: string;
  /** The managing body above the unit, printed above its name (e.g. "UBND TỈNH ĐẮK LẮK"). */
  parentName: string;
  /** Place of the date line ("Đắk Lắk"). */
  place: string;
  /** The letter the appendix goes with: number (e.g. "1234/STTTT-CNTT"), date (YYYY-MM-DD), issuer. */
  letterNumber: string;
  letterDate: string;
  letterIssuer: string;
}

export interface AppendixRow {
  tt: number;
  label: string;
  value: number;
  note: string;
  /** A row the letter's form does not have (its label and note say "bổ sung ngoài mẫu"). */
  addition?: true;
}

export interface UnitBreakdown {
  code: string;
  name: string;
  deployed: boolean;
  machines: number;
  withFindings: number;
  cleaned: number;
  cracked: number;
  /** Server receive time (ISO) of the unit's last result; null when it sent none. */
  lastResultAt: string | null;
}

export interface AppendixReport {
  title: string;
  subtitle: string;
  scope: 'province' | 'unit';
  unitCode?: string;
  campaign: Pick<CampaignRecord, 'id' | 'nameVi' | 'letter' | 'startsOn' | 'endsOn' | 'reportDeadline'>;
  form: ReportForm;
  rows: AppendixRow[];
  /** Province reports only: one line per registered unit, those that sent nothing first. */
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

/** Row 7, added to the form: the units' log-hunt summaries (issue 16). */
export const HUNT_ROW_LABEL =
  'Tổng số thiết bị có kết nối đến địa chỉ độc hại phát hiện qua giám sát mạng (bổ sung ngoài mẫu)';

/** The hunt row: the sum of the units' latest summaries, how many units sent one, the period covered. */
export function huntRow(summaries: readonly StoredHuntSummary[], tt: number): AppendixRow {
  const devices = summaries.reduce((n, s) => n + s.devices, 0);
  let note = `Bổ sung ngoài mẫu. ${summaries.length} đơn vị gửi tổng hợp giám sát mạng (nhật ký tường lửa, DNS, proxy)`;
  if (summaries.length > 0) {
    const start = summaries.reduce(
      (a, s) => (s.periodStart < a ? s.periodStart : a),
      summaries[0].periodStart,
    );
    const end = summaries.reduce((a, s) => (s.periodEnd > a ? s.periodEnd : a), summaries[0].periodEnd);
    note += `; giai đoạn ${formatDayVi(start)} – ${formatDayVi(end)}`;
  }
  return { tt, label: HUNT_ROW_LABEL, value: devices, note, addition: true };
}

const NOTES = [
  'Số đơn vị đăng ký trên hệ thống tổng hợp',
  'Đơn vị có ít nhất một kết quả gửi về',
  'Mỗi máy tính được tính một lần trong chiến dịch',
  'Máy có ít nhất một kết quả phát hiện kết nối',
  'Đã phát hiện, kết quả gần nhất không còn kết nối',
  'Theo kết quả gần nhất của máy',
];

const zero: Omit<UnitTotals, 'unitCode'> = {
  results: 0,
  lastResultAt: null,
  machines: 0,
  withFindings: 0,
  cleaned: 0,
  cracked: 0,
};

/** Units that sent nothing first (the official must see them), then by code. */
export function silentFirst<T extends { deployed: boolean; code: string }>(units: T[]): T[] {
  return [...units].sort((a, b) => Number(a.deployed) - Number(b.deployed) || a.code.localeCompare(b.code));
}

/** Builds the appendix of one campaign for the province (no unitCode) or one unit. */
export function buildAppendix(
  agg: Aggregates,
  opts: {
    campaign: AppendixReport['campaign'];
    unitCode?: string;
    form?: Partial<ReportForm>;
    now: Date;
    /** The campaign's hunt summaries (store.huntSummaries): adds row 7, marked as an addition to the form. */
    hunt?: readonly StoredHuntSummary[];
  },
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
        lastResultAt: null,
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
  const values = [received, deployed, counts.machines, counts.withFindings, counts.cleaned, counts.cracked];
  const f = opts.form ?? {};
  return {
    title: 'PHỤ LỤC',
    subtitle: 'Mẫu thống kê, báo cáo kết quả triển khai',
    scope: unit ? 'unit' : 'province',
    ...(unit ? { unitCode: unit.code } : {}),
    campaign: {
      id: opts.campaign.id,
      nameVi: opts.campaign.nameVi,
      letter: opts.campaign.letter,
      startsOn: opts.campaign.startsOn,
      endsOn: opts.campaign.endsOn,
      reportDeadline: opts.campaign.reportDeadline,
    },
    form: {
      unitName: f.unitName?.trim() || unit?.name || '',
      assessment: f.assessment ?? '',
      recommendations: f.recommendations ?? '',
      parentName: f.parentName?.trim() ?? '',
      place: f.place?.trim() ?? '',
      letterNumber: f.letterNumber?.trim() ?? '',
      letterDate: f.letterDate?.trim() ?? '',
      letterIssuer: f.letterIssuer?.trim() ?? '',
    },
    rows: [
      ...ROW_LABELS.map((label, i) => ({ tt: i + 1, label, value: values[i], note: NOTES[i] })),
      ...(opts.hunt
        ? [
            huntRow(
              unit ? opts.hunt.filter((s) => s.unitCode === unit.code) : opts.hunt,
              ROW_LABELS.length + 1,
            ),
          ]
        : []),
    ],
    units: unit
      ? []
      : silentFirst(
          agg.units.map((u) => {
            const t = byUnit.get(u.code) ?? zero;
            return {
              code: u.code,
              name: u.name,
              deployed: t.results > 0,
              machines: t.machines,
              withFindings: t.withFindings,
              cleaned: t.cleaned,
              cracked: t.cracked,
              lastResultAt: t.lastResultAt,
            };
          }),
        ),
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
  'Kết quả gần nhất',
];

/** The cells of one unit line; `num` formats the counts (text documents) or keeps them (spreadsheets). */
export function unitCells<N>(
  u: UnitBreakdown,
  num: (n: number) => N,
  when: (iso: string) => string,
): (string | N)[] {
  return [
    u.code,
    u.name,
    u.deployed ? 'Có' : 'Chưa gửi',
    num(u.machines),
    num(u.withFindings),
    num(u.cleaned),
    num(u.cracked),
    u.lastResultAt ? when(u.lastResultAt) : '—',
  ];
}

/** "(Kèm theo Công văn số …/… ngày …/…/… của …)": blanks where the option is not given. */
export function accompanyingLine(f: ReportForm): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(f.letterDate)
    ? `${f.letterDate.slice(8, 10)}/${f.letterDate.slice(5, 7)}/${f.letterDate.slice(0, 4)}`
    : f.letterDate || '…../…../…..';
  return `(Kèm theo Công văn số ${f.letterNumber || '…..'} ngày ${date} của ${f.letterIssuer || '…………'})`;
}
