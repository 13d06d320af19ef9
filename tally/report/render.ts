// One entry for the three export formats, used by the admin routes and the CLI.
import type { AppendixReport } from './appendix';
import { renderCsv } from './csv';

export const REPORT_FORMATS = ['docx', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Renders the appendix in the chosen format; the DOCX and XLSX writers load on first use. */
export async function renderReport(r: AppendixReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'docx') return (await import('./docx')).renderDocx(r);
  if (format === 'xlsx') return (await import('./xlsx')).renderXlsx(r);
  return renderCsv(r);
}

/** A download file name: phu-luc-<campaign>-<scope>-<day>.<ext>, ASCII only. */
export function reportFileName(r: AppendixReport, format: ReportFormat): string {
  const scope = r.unitCode ? `don-vi-${r.unitCode}` : 'toan-tinh';
  return `phu-luc-${r.campaign.id}-${scope}-${r.generatedAt.slice(0, 10)}.${format}`;
}
