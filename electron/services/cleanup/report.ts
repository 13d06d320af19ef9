// The evidence report for the agency's records: findings, evidence and the action log, as JSON
// and as one self-contained HTML page (no script, no external resource, every value escaped;
// the app prints it to PDF). Vietnamese first, English under it.
import type { Connection, Finding } from '../../../shared/domain';
import { PROCESS_WORDS } from '../../../shared/processes/process-facts';
import { formatDateTime } from '../../../shared/format';
import { bilingual } from '../../../shared/i18n';
import type { Note } from '../../../shared/i18n/schema';
import type { ActionLogEntry, PersistenceEntry, ProcessEvidence } from './types';

/** An evidence note in both languages, with the raw text for IT. */
const noteText = (n: Note): string => `${bilingual(n.code, n.params)}${n.detail ? ` (${n.detail})` : ''}`;

/** Everything a report holds. */
export interface EvidenceReportInput {
  generatedAt: string;
  /** Machine and operator, as the agency wants them on record (optional). */
  machine?: { hostname?: string; os?: string; operator?: string; agency?: string };
  findings: readonly Finding[];
  /** Connections whose program is a system-named executable outside System32 (information, not counted). */
  disguised?: readonly Connection[];
  /** Ended connections to an indicator (the scan's `recent`): information for the record, not findings. */
  recent?: readonly Finding[];
  evidence: readonly ProcessEvidence[];
  actions: readonly ActionLogEntry[];
  appVersion?: string;
}

/** The JSON evidence document (stable keys, versioned). */
export function buildEvidenceJson(input: EvidenceReportInput) {
  return {
    format: 'sachmadoc-evidence-report' as const,
    formatVersion: 1 as const,
    generatedAt: input.generatedAt,
    appVersion: input.appVersion ?? null,
    machine: input.machine ?? {},
    findings: input.findings,
    disguised: input.disguised ?? [],
    recent: input.recent ?? [],
    evidence: input.evidence,
    actions: input.actions,
  };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A time as the report's readers write it, in this computer's local time: "23/11/2026 08:05". */
const when = (iso: string | null | undefined): string | null => (iso ? formatDateTime(iso, 'vi') : null);

const bi = (vi: string, en: string) => `${escapeHtml(vi)}<br><span class="en">${escapeHtml(en)}</span>`;

const OUTCOME: Record<ActionLogEntry['outcome'], [string, string]> = {
  proposed: ['Đề xuất', 'Proposed'],
  ok: ['Thành công', 'Done'],
  refused: ['Từ chối', 'Refused'],
  failed: ['Thất bại', 'Failed'],
  'needs-admin': ['Cần quyền quản trị', 'Needs administrator'],
};

const persistenceText = (p: PersistenceEntry): string =>
  p.type === 'run-key'
    ? `${p.key} : ${p.valueName || '(Default)'} = ${p.data}`
    : p.type === 'scheduled-task'
      ? `Task ${p.taskPath} → ${p.command}`
      : p.type === 'service'
        ? `Service ${p.name} → ${p.imagePath}`
        : `Startup ${p.path}`;

function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return `<p>${bi('Không có phát hiện nào.', 'No findings.')}</p>`;
  const rows = findings
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.kind)}<br><small>${escapeHtml(f.via)}</small></td><td>${escapeHtml(f.indicator)}${
          f.domain ? `<br><small>${escapeHtml(f.domain)}</small>` : ''
        }</td><td><code>${escapeHtml(f.evidence ?? (f.connection ? `${f.connection.remoteAddress}:${f.connection.remotePort} PID ${f.connection.pid ?? '?'}` : ''))}</code></td><td>${
          f.explanation ? bi(f.explanation.vi, f.explanation.en) : ''
        }${f.advice ? `<p class="advice">${bi(f.advice.vi, f.advice.en)}</p>` : ''}</td><td>${escapeHtml(f.severity ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>${bi('Loại', 'Kind')}</th><th>${bi('Dấu hiệu', 'Indicator')}</th><th>${bi('Bằng chứng', 'Evidence')}</th><th>${bi('Giải thích và việc cần làm', 'Explanation and advice')}</th><th>${bi('Mức', 'Severity')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One row per disguised process (pid and path), with parent and command line to find and remove it. */
function disguisedTable(connections: readonly Connection[]): string {
  const seen = new Map<string, Connection>();
  for (const c of connections) if (c.processPath) seen.set(`${c.pid ?? '-'}|${c.processPath}`, c);
  if (seen.size === 0) return '';
  const rows = [...seen.values()]
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.processName ?? '?')} (PID ${escapeHtml(c.pid ?? '?')})</td><td><code>${escapeHtml(c.processPath)}</code></td><td>${escapeHtml(
          c.parentPid === null || c.parentPid === undefined
            ? '—'
            : `${c.parentName ?? '?'} (PID ${c.parentPid})`,
        )}</td><td><code>${escapeHtml(c.commandLine ?? '—')}</code></td><td><code>${escapeHtml(`${c.remoteAddress}:${c.remotePort}`)}</code></td></tr>`,
    )
    .join('\n');
  return `<h2>${bi(PROCESS_WORDS.disguise.vi, PROCESS_WORDS.disguise.en)} (${seen.size})</h2>
<table><thead><tr><th>${bi('Tiến trình', 'Process')}</th><th>${bi('Đường dẫn', 'Path')}</th><th>${bi('Tiến trình cha', 'Parent')}</th><th>${bi('Dòng lệnh', 'Command line')}</th><th>${bi('Kết nối tới', 'Connected to')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Ended connections (TIME_WAIT…, no process): listed for the record, under their own heading. */
function recentSection(recent: readonly Finding[]): string {
  if (recent.length === 0) return '';
  const rows = recent
    .map((f) => {
      const c = f.connection;
      const where = c ? `${c.remoteAddress}:${c.remotePort} ${c.state}` : '';
      return `<tr><td>${escapeHtml(f.indicator)}${f.domain ? `<br><small>${escapeHtml(f.domain)}</small>` : ''}</td><td><code>${escapeHtml(where)}</code></td></tr>`;
    })
    .join('\n');
  return `<h2>${bi('Kết nối gần đây, đã kết thúc (không tính là phát hiện)', 'Recently connected, connection ended (not a finding)')} (${recent.length})</h2>
<table><thead><tr><th>${bi('Dấu hiệu', 'Indicator')}</th><th>${bi('Kết nối', 'Connection')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function evidenceBlocks(evidence: readonly ProcessEvidence[]): string {
  if (evidence.length === 0)
    return `<p>${bi('Chưa thu thập bằng chứng tiến trình.', 'No process evidence gathered.')}</p>`;
  return evidence
    .map((e) => {
      const row = (vi: string, en: string, v: string | null) =>
        `<tr><th>${bi(vi, en)}</th><td><code>${escapeHtml(v ?? '—')}</code></td></tr>`;
      return `<table class="kv">${[
        row('Tiến trình', 'Process', `${e.name ?? '?'} (PID ${e.pid ?? '?'})`),
        row('Đường dẫn', 'Path', e.path),
        row('SHA-256', 'SHA-256', e.sha256),
        row(
          'Chữ ký số',
          'Signature',
          e.signature ? `${e.signature.status}${e.signature.signer ? ` — ${e.signature.signer}` : ''}` : null,
        ),
        row('Dòng lệnh', 'Command line', e.commandLine),
        row(
          'Tiến trình cha',
          'Parent',
          e.parentPid === null ? null : `${e.parentName ?? '?'} (PID ${e.parentPid})`,
        ),
        row('Bắt đầu lúc', 'Started', when(e.startTime)),
        row('Tự khởi động', 'Persistence', e.persistence.map(persistenceText).join('\n') || null),
        row('Ghi chú', 'Notes', e.notes.map(noteText).join('\n') || null),
      ].join('')}</table>`;
    })
    .join('\n');
}

function actionsTable(actions: readonly ActionLogEntry[]): string {
  if (actions.length === 0) return `<p>${bi('Chưa thực hiện bước nào.', 'No steps taken.')}</p>`;
  const rows = actions
    .map((a) => {
      const [vi, en] = OUTCOME[a.outcome];
      return `<tr class="${escapeHtml(a.outcome)}"><td>${escapeHtml(when(a.time))}</td><td>${escapeHtml(a.step)}</td><td><code>${escapeHtml(
        JSON.stringify(a.args),
      )}</code></td><td>${bi(vi, en)}</td><td>${bi(a.message.vi, a.message.en)}${a.error ? `<br><code>${escapeHtml(a.error)}</code>` : ''}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>${bi('Thời gian', 'Time')}</th><th>${bi('Bước', 'Step')}</th><th>${bi('Tham số', 'Arguments')}</th><th>${bi('Kết quả', 'Result')}</th><th>${bi('Chi tiết', 'Details')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One self-contained, escaped HTML page (lang="vi"), suitable for printing to PDF. */
export function renderEvidenceHtml(input: EvidenceReportInput): string {
  const m = input.machine ?? {};
  const meta = [
    ['Thời điểm lập', 'Generated', when(input.generatedAt)],
    ['Máy', 'Machine', m.hostname],
    ['Hệ điều hành', 'OS', m.os],
    ['Cơ quan', 'Agency', m.agency],
    ['Người thực hiện', 'Operator', m.operator],
    ['Phiên bản', 'Version', input.appVersion],
  ]
    .filter(([, , v]) => v)
    .map(([vi, en, v]) => `<tr><th>${bi(vi!, en!)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Sạch Mã Độc — Biên bản xử lý / Evidence report</title>
<style>
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}
code{white-space:pre-wrap;word-break:break-all;font-size:.9em}.en{color:#555;font-size:.9em}
.kv th{width:14em}.refused,.failed,.needs-admin{background:#fff4e5}.advice{margin:.4em 0 0}
</style></head><body>
<h1>${bi('Sạch Mã Độc — Biên bản bằng chứng và xử lý', 'Sạch Mã Độc — Evidence and cleanup report')}</h1>
<table class="kv">${meta}</table>
<h2>${bi('Phát hiện', 'Findings')} (${input.findings.length})</h2>
${findingsTable(input.findings)}
${disguisedTable(input.disguised ?? [])}
${recentSection(input.recent ?? [])}
<h2>${bi('Bằng chứng', 'Evidence')}</h2>
${evidenceBlocks(input.evidence)}
<h2>${bi('Nhật ký thao tác', 'Action log')} (${input.actions.length})</h2>
${actionsTable(input.actions)}
</body></html>
`;
}
