// The evidence report for the agency's records: findings, evidence and the action log, as JSON
// and as one self-contained HTML page (no script, no external resource, every value escaped;
// the app prints it to PDF). Vietnamese first, English under it.
import type { Connection, Finding } from '../../shared/domain';
import { bilingual, hasText, textPair, translate, word, type Params } from '../../shared/i18n';
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
/** A catalogue key as the report shows it: Vietnamese, English under it. */
const said = (code: string, params?: Params) =>
  bi(translate('vi', code, params), translate('en', code, params));
/** A key of a family (step, kind…) in words; an id the catalogue does not know yet is shown as it is. */
const idWords = (code: string, id: string) => (hasText(code) ? said(code) : escapeHtml(id));

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
  const params = { time, date, zone };
  return {
    vi: translate('vi', 'msg.evidenceReport.localTime', params),
    en: translate('en', 'msg.evidenceReport.localTime', params),
  };
}

const words = (w: { vi: string; en: string }) => bi(w.vi, w.en);

/** The connection behind a finding, as evidence: both ends, state, process, path. */
const connectionEvidence = (c: Connection): string =>
  [
    `${c.protocol.toUpperCase()} ${c.localAddress}:${c.localPort} → ${c.remoteAddress}:${c.remotePort} ${c.state}`.trim(),
    `PID ${c.pid ?? '?'} ${c.processName ?? ''}`.trim(),
    c.processPath ?? '',
  ]
    .filter((x) => x !== '')
    .join('\n');

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
  if (findings.length === 0) return `<p>${said('msg.evidenceReport.noFindings')}</p>`;
  const rows = findings
    .map((f) => {
      const evidence = f.evidence ?? (f.connection ? connectionEvidence(f.connection) : f.indicator);
      const explanation = f.explanation ?? textPair('msg.evidenceReport.onList', { source: f.source });
      return `<tr><td>${idWords(`msg.evidenceReport.kind.${f.kind}`, f.kind)}<br><small>${said(`msg.evidenceReport.via.${f.via}`)}</small></td><td>${escapeHtml(f.indicator)}${
        f.domain ? `<br><small>${escapeHtml(f.domain)}</small>` : ''
      }</td><td><code>${escapeHtml(evidence)}</code></td><td>${words(explanation)}${
        f.advice ? `<p class="advice">${words(f.advice)}</p>` : ''
      }</td><td>${f.severity ? idWords(`msg.evidenceReport.severity.${f.severity}`, f.severity) : said('msg.evidenceReport.notRated')}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>${said('msg.evidenceReport.col.kind')}</th><th>${said('msg.evidenceReport.col.indicator')}</th><th>${said('msg.evidenceReport.col.evidence')}</th><th>${said('msg.evidenceReport.col.explanation')}</th><th>${said('msg.evidenceReport.col.severity')}</th></tr></thead><tbody>${rows}</tbody></table>`;
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
  return `<h2>${said('msg.process.disguise')} (${seen.size})</h2>
<table><thead><tr><th>${said('msg.evidenceReport.col.process')}</th><th>${said('msg.evidenceReport.col.path')}</th><th>${said('msg.evidenceReport.col.parent')}</th><th>${said('msg.evidenceReport.col.commandLine')}</th><th>${said('msg.evidenceReport.col.connectedTo')}</th></tr></thead><tbody>${rows}</tbody></table>`;
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
  return `<h2>${said('msg.evidenceReport.recent')} (${recent.length})</h2>
<table><thead><tr><th>${said('msg.evidenceReport.col.recentIndicator')}</th><th>${said('msg.evidenceReport.col.connection')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function evidenceBlocks(evidence: readonly ProcessEvidence[], timeZone?: string): string {
  if (evidence.length === 0) return `<p>${said('msg.evidenceReport.noEvidence')}</p>`;
  return evidence
    .map((e) => {
      const row = (code: string, v: string | null) =>
        `<tr><th>${said(code)}</th><td><code>${escapeHtml(v ?? '—')}</code></td></tr>`;
      return `<table class="kv">${[
        row('msg.evidenceReport.col.process', `${e.name ?? '?'} (PID ${e.pid ?? '?'})`),
        row('msg.evidenceReport.col.path', e.path),
        row('msg.evidenceReport.row.sha256', e.sha256),
        row(
          'msg.evidenceReport.row.signature',
          e.signature ? `${e.signature.status}${e.signature.signer ? ` — ${e.signature.signer}` : ''}` : null,
        ),
        row('msg.evidenceReport.col.commandLine', e.commandLine),
        row(
          'msg.evidenceReport.col.parent',
          e.parentPid === null ? null : `${e.parentName ?? '?'} (PID ${e.parentPid})`,
        ),
        row('msg.evidenceReport.row.started', e.startTime ? localTime(e.startTime, timeZone).vi : null),
        row('msg.evidenceReport.row.persistence', e.persistence.map(persistenceText).join('\n') || null),
        row('msg.evidenceReport.row.notes', e.notes.map(noteText).join('\n') || null),
      ].join('')}</table>`;
    })
    .join('\n');
}

function actionsTable(actions: readonly ActionLogEntry[], timeZone?: string): string {
  if (actions.length === 0) return `<p>${said('msg.evidenceReport.noActions')}</p>`;
  const rows = actions
    .map((a) => {
      const args = Object.keys(a.args).length === 0 ? '—' : JSON.stringify(a.args);
      return `<tr class="${escapeHtml(a.outcome)}"><td>${words(localTime(a.time, timeZone))}</td><td>${idWords(`msg.evidenceReport.step.${a.step}`, a.step)}</td><td><code>${escapeHtml(
        args,
      )}</code></td><td>${said(`msg.evidenceReport.outcome.${a.outcome}`)}</td><td>${bi(a.message.vi, a.message.en)}${a.error ? `<br><code>${escapeHtml(a.error)}</code>` : ''}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>${said('msg.evidenceReport.col.time')}</th><th>${said('msg.evidenceReport.col.step')}</th><th>${said('msg.evidenceReport.col.args')}</th><th>${said('msg.evidenceReport.col.result')}</th><th>${said('msg.evidenceReport.col.details')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One self-contained, escaped HTML page (lang="vi"), suitable for printing to PDF. */
export function renderEvidenceHtml(input: EvidenceReportInput): string {
  const m = input.machine ?? {};
  const generated = localTime(input.generatedAt, input.timeZone);
  const addresses = (m.addresses ?? [])
    .map((a) => `${a.address} — MAC ${a.mac ?? '—'} (${a.adapter})`)
    .join('\n');
  const meta = [
    ['msg.evidenceReport.meta.generated', `${generated.vi}\n${generated.en}`],
    ['msg.evidenceReport.meta.hostname', m.hostname],
    ['msg.evidenceReport.meta.domain', m.hostname ? (m.domain ?? bilingual('msg.app.notJoined')) : undefined],
    ['msg.evidenceReport.meta.user', m.user],
    ['msg.evidenceReport.meta.os', m.os],
    ['msg.evidenceReport.meta.addresses', addresses || undefined],
    ['msg.evidenceReport.meta.agency', m.agency],
    ['msg.evidenceReport.meta.operator', m.operator],
    ['msg.evidenceReport.meta.version', input.appVersion],
  ]
    .filter(([, v]) => v)
    .map(([code, v]) => `<tr><th>${said(code!)}</th><td><code>${escapeHtml(v)}</code></td></tr>`)
    .join('');
  const keptLocally = m.hostname ? `<p class="note">${said('msg.evidenceReport.keptLocally')}</p>` : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${translate('vi', 'app.name')} — ${word({ code: 'msg.evidenceReport.title' }, 'both')}`)}</title>
<style>
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}
code{white-space:pre-wrap;word-break:break-all;font-size:.9em}.en{color:#555;font-size:.9em}
.kv th{width:14em}.note{color:#444;font-size:.9em}.refused,.failed,.needs-admin{background:#fff4e5}.advice{margin:.4em 0 0}
</style></head><body>
<h1>${said('msg.evidenceReport.heading')}</h1>
<table class="kv">${meta}</table>
${keptLocally}
<h2>${said('msg.evidenceReport.findings')} (${input.findings.length})</h2>
${findingsTable(input.findings)}
${disguisedTable(input.disguised ?? [])}
${recentSection(input.recent ?? [])}
<h2>${said('msg.evidenceReport.evidence')}</h2>
${evidenceBlocks(input.evidence, input.timeZone)}
<h2>${said('msg.evidenceReport.actions')} (${input.actions.length})</h2>
${actionsTable(input.actions, input.timeZone)}
</body></html>
`;
}
