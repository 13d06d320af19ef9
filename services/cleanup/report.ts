// The evidence report for the agency's records: findings, evidence and the action log, as JSON
// and as one self-contained HTML page (no script, no external resource, every value escaped;
// the app prints it to PDF). Vietnamese first, English under it.
import type { Connection, Finding } from '../../shared/domain';
import { PROCESS_WORDS } from '../../shared/processes/process-facts';
import { bilingual } from '../../shared/i18n';
import type { Note } from '../../shared/i18n/schema';
import type { MachineAddress } from './machine-identity';
import type { ActionLogEntry, PersistenceEntry, ProcessEvidence } from './types';

/** An evidence note in both languages, with the raw text for IT. */
const noteText = (n: Note): string => `${bilingual(n.code, n.params)}${n.detail ? ` (${n.detail})` : ''}`;

/** Everything a report holds. */
export interface EvidenceReportInput {
  generatedAt: string;
  /**
   * Machine and operator, as the agency wants them on record: kept in this report on this machine,
   * never sent to the tally.
   */
  machine?: {
    hostname?: string;
    domain?: string | null;
    user?: string;
    os?: string;
    addresses?: readonly MachineAddress[];
    operator?: string;
    agency?: string;
  };
  /** IANA zone the times are written in (default: this machine's); tests fix it. */
  timeZone?: string;
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

const bi = (vi: string, en: string) => `${escapeHtml(vi)}<br><span class="en">${escapeHtml(en)}</span>`;

/** The calendar and clock fields of `d` in `timeZone` (default: this machine's), 24-hour, zero-padded. */
export function localParts(d: Date, timeZone?: string): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
}

/** Date and time in the machine's local time, dd/mm/yyyy HH:mm:ss, with the UTC offset named. */
export function localTime(iso: string | null | undefined, timeZone?: string): { vi: string; en: string } {
  const d = new Date(iso ?? '');
  if (iso === null || iso === undefined || Number.isNaN(d.getTime())) return { vi: '—', en: '—' };
  const parts = localParts(d, timeZone);
  const asUtc = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  const offset = Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zone = `UTC${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  const date = `${parts.day}/${parts.month}/${parts.year}`;
  return { vi: `${time} ngày ${date} (giờ máy, ${zone})`, en: `${time} on ${date} (local time, ${zone})` };
}

const words = (w: { vi: string; en: string }) => bi(w.vi, w.en);

/** Step names in words; a step this table does not know yet is shown by its id. */
const STEP_WORDS: Partial<Record<string, [string, string]>> = {
  terminate: ['Dừng tiến trình', 'Stop the process'],
  'block-address': ['Chặn địa chỉ trên tường lửa Windows', 'Block the address in Windows Firewall'],
  'remove-block-rule': ['Gỡ quy tắc chặn trên tường lửa', 'Remove the firewall block rule'],
  'remove-persistence': ['Gỡ mục tự khởi động', 'Remove the startup entry'],
  'open-cleanup-tool': ['Mở công cụ xử lý mã độc chính thức', 'Open the official cleanup tool'],
  rescan: ['Kiểm tra lại', 'Check again'],
  confirm: ['Xác nhận', 'Confirm'],
};
const KIND_WORDS: Partial<Record<string, [string, string]>> = {
  ip: ['Địa chỉ IP độc hại', 'Malicious IP address'],
  cidr: ['Dải địa chỉ độc hại', 'Malicious address block'],
  domain: ['Tên miền độc hại', 'Malicious domain'],
  url: ['Đường dẫn (URL) độc hại', 'Malicious URL'],
  'kms-activation': ['Kích hoạt KMS trái phép', 'Unlicensed KMS activation'],
  'crack-tool': ['Công cụ bẻ khóa', 'Crack tool'],
  'hosts-activation-block': ['Tệp hosts chặn máy chủ kích hoạt', 'Hosts file blocks activation servers'],
  'not-activated': ['Windows chưa kích hoạt', 'Windows not activated'],
};
const VIA_WORDS: Record<Finding['via'], [string, string]> = {
  connection: ['qua kết nối mạng', 'through a network connection'],
  'dns-cache': ['qua bộ nhớ đệm DNS', 'through the DNS cache'],
  'hosts-file': ['qua tệp hosts', 'through the hosts file'],
  licensing: ['qua kiểm tra bản quyền', 'through the licensing checks'],
};
const SEVERITY_WORDS: Record<string, [string, string]> = {
  low: ['Thấp', 'Low'],
  medium: ['Trung bình', 'Medium'],
  high: ['Cao', 'High'],
  critical: ['Nghiêm trọng', 'Critical'],
};
const pair = (table: Partial<Record<string, [string, string]>>, key: string): string => {
  const w = table[key];
  return w ? bi(w[0], w[1]) : escapeHtml(key);
};

/** The connection behind a finding, as evidence: both ends, state, process, path. */
const connectionEvidence = (c: Connection): string =>
  [
    `${c.protocol.toUpperCase()} ${c.localAddress}:${c.localPort} → ${c.remoteAddress}:${c.remotePort} ${c.state}`.trim(),
    `PID ${c.pid ?? '?'} ${c.processName ?? ''}`.trim(),
    c.processPath ?? '',
  ]
    .filter((x) => x !== '')
    .join('\n');

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

/** Every cell filled: kind and route in words, the evidence (or the connection), an explanation, a level. */
function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return `<p>${bi('Không có phát hiện nào.', 'No findings.')}</p>`;
  const rows = findings
    .map((f) => {
      const evidence = f.evidence ?? (f.connection ? connectionEvidence(f.connection) : f.indicator);
      const explanation = f.explanation ?? {
        vi: `Có trong danh sách địa chỉ độc hại (nguồn: ${f.source}).`,
        en: `On the list of malicious addresses (source: ${f.source}).`,
      };
      const via = VIA_WORDS[f.via];
      return `<tr><td>${pair(KIND_WORDS, f.kind)}<br><small>${bi(via[0], via[1])}</small></td><td>${escapeHtml(f.indicator)}${
        f.domain ? `<br><small>${escapeHtml(f.domain)}</small>` : ''
      }</td><td><code>${escapeHtml(evidence)}</code></td><td>${words(explanation)}${
        f.advice ? `<p class="advice">${words(f.advice)}</p>` : ''
      }</td><td>${f.severity ? pair(SEVERITY_WORDS, f.severity) : bi('Chưa xếp mức', 'Not rated')}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>${bi('Loại', 'Kind')}</th><th>${bi('Chỉ báo (IOC)', 'Indicator (IOC)')}</th><th>${bi('Bằng chứng', 'Evidence')}</th><th>${bi('Giải thích và việc cần làm', 'Explanation and advice')}</th><th>${bi('Mức', 'Severity')}</th></tr></thead><tbody>${rows}</tbody></table>`;
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

function evidenceBlocks(evidence: readonly ProcessEvidence[], timeZone?: string): string {
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
        row('Bắt đầu lúc', 'Started', e.startTime ? localTime(e.startTime, timeZone).vi : null),
        row('Tự khởi động', 'Persistence', e.persistence.map(persistenceText).join('\n') || null),
        row('Ghi chú', 'Notes', e.notes.map(noteText).join('\n') || null),
      ].join('')}</table>`;
    })
    .join('\n');
}

function actionsTable(actions: readonly ActionLogEntry[], timeZone?: string): string {
  if (actions.length === 0) return `<p>${bi('Chưa thực hiện bước nào.', 'No steps taken.')}</p>`;
  const rows = actions
    .map((a) => {
      const [vi, en] = OUTCOME[a.outcome];
      const args = Object.keys(a.args).length === 0 ? '—' : JSON.stringify(a.args);
      return `<tr class="${escapeHtml(a.outcome)}"><td>${words(localTime(a.time, timeZone))}</td><td>${pair(STEP_WORDS, a.step)}</td><td><code>${escapeHtml(
        args,
      )}</code></td><td>${bi(vi, en)}</td><td>${bi(a.message.vi, a.message.en)}${a.error ? `<br><code>${escapeHtml(a.error)}</code>` : ''}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>${bi('Thời gian', 'Time')}</th><th>${bi('Bước', 'Step')}</th><th>${bi('Tham số', 'Arguments')}</th><th>${bi('Kết quả', 'Result')}</th><th>${bi('Chi tiết', 'Details')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One self-contained, escaped HTML page (lang="vi"), suitable for printing to PDF. */
export function renderEvidenceHtml(input: EvidenceReportInput): string {
  const m = input.machine ?? {};
  const generated = localTime(input.generatedAt, input.timeZone);
  const addresses = (m.addresses ?? [])
    .map((a) => `${a.address} — MAC ${a.mac ?? '—'} (${a.adapter})`)
    .join('\n');
  const meta = [
    ['Thời điểm lập', 'Generated', `${generated.vi}\n${generated.en}`],
    ['Tên máy', 'Computer name', m.hostname],
    ['Miền', 'Domain', m.hostname ? (m.domain ?? bilingual('msg.app.notJoined')) : undefined],
    ['Người dùng', 'User', m.user],
    ['Hệ điều hành', 'Operating system', m.os],
    ['Địa chỉ IP và MAC', 'IP and MAC addresses', addresses || undefined],
    ['Cơ quan', 'Agency', m.agency],
    ['Người thực hiện', 'Operator', m.operator],
    ['Phiên bản', 'Version', input.appVersion],
  ]
    .filter(([, , v]) => v)
    .map(([vi, en, v]) => `<tr><th>${bi(vi!, en!)}</th><td><code>${escapeHtml(v)}</code></td></tr>`)
    .join('');
  const keptLocally = m.hostname
    ? `<p class="note">${bi(
        'Thông tin nhận dạng máy (tên máy, miền, người dùng, địa chỉ IP và MAC) chỉ nằm trong biên bản này trên máy; không gửi về máy chủ tổng hợp.',
        'The machine identity (name, domain, user, IP and MAC addresses) stays in this report on this computer; it is never sent to the tally.',
      )}</p>`
    : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Sạch Mã Độc — Biên bản xử lý / Evidence report</title>
<style>
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}
code{white-space:pre-wrap;word-break:break-all;font-size:.9em}.en{color:#555;font-size:.9em}
.kv th{width:14em}.note{color:#444;font-size:.9em}.refused,.failed,.needs-admin{background:#fff4e5}.advice{margin:.4em 0 0}
</style></head><body>
<h1>${bi('Sạch Mã Độc — Biên bản bằng chứng và xử lý', 'Sạch Mã Độc — Evidence and cleanup report')}</h1>
<table class="kv">${meta}</table>
${keptLocally}
<h2>${bi('Phát hiện', 'Findings')} (${input.findings.length})</h2>
${findingsTable(input.findings)}
${disguisedTable(input.disguised ?? [])}
${recentSection(input.recent ?? [])}
<h2>${bi('Bằng chứng', 'Evidence')}</h2>
${evidenceBlocks(input.evidence, input.timeZone)}
<h2>${bi('Nhật ký thao tác', 'Action log')} (${input.actions.length})</h2>
${actionsTable(input.actions, input.timeZone)}
</body></html>
`;
}
