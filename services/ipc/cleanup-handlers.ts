// The `cleanup:*` handlers: one guided-cleanup session per flagged item (a connection row or a
// licensing sign), every step two-phase (propose → confirm with the token), and the evidence report.
// The latest re-scan outcome is kept for the tally's `cleanRescan`, and attached only to a report it
// can speak for (see cleanRescanFor).
import type { ScanReport } from '../../shared/domain';
import { userError } from '../../shared/errors';
import type { CleanupLogEntry } from '../../shared/ipc/cleanup-schemas';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import { decideVerdict } from '../../shared/scan/verdict';
import type { ExportResult } from '../../shared/ipc/schemas';
import type { ActionLogEntry, ProcessEvidence } from '../../shared/licensing/cleanup-schema';
import type { DurableCleanupLog } from '../cleanup/durable-log';
import type { MachineIdentity } from '../cleanup/machine-identity';
import { buildEvidenceJson, localParts, renderEvidenceHtml } from '../cleanup/report';
import type { CleanupSession } from '../cleanup/session';
import type { PlatformGlue } from './platform-glue';
import { textPair } from '../../shared/i18n';

type CleanupChannels =
  | 'cleanup:evidence'
  | 'cleanup:propose'
  | 'cleanup:confirm'
  | 'cleanup:log'
  | 'cleanup:firewall-rules'
  | 'cleanup:report';

export interface CleanupHandlerDeps {
  /** A fresh session over the real machine (one per flagged item); `onLog` gets its every entry. */
  newSession: (onLog?: (entry: ActionLogEntry) => void) => Promise<CleanupSession>;
  /** The durable log on disk: every entry is appended as it happens and the report reads it back. */
  durableLog?: DurableCleanupLog;
  glue: PlatformGlue;
  lastReport: () => ScanReport | null;
  version: string;
  now: () => Date;
  /** Pushes the progress of a watched re-scan to the page. */
  emit?: Emit;
  /** This computer's name, domain, user, OS build and addresses, for the evidence report only. */
  machine?: () => MachineIdentity;
  /** IANA zone of the report's times and file name (default: this machine's). */
  timeZone?: string;
}

/** The last re-scan of a guided cleanup: gone or not, and when it finished. */
export interface RescanRecord {
  gone: boolean;
  at: Date;
}

/**
 * The tally's `cleanRescan` for a report: null when no re-scan ran; false when it was not clean; and
 * never true for a report scanned after the re-scan that still has findings (the cleanup did not
 * hold: the indicator is back), so a clean state is not attached to a later infected scan.
 */
export function cleanRescanFor(last: RescanRecord | null, report: ScanReport | null): boolean | null {
  if (last === null) return null;
  if (!last.gone) return false;
  if (report && Date.parse(report.scannedAt) > last.at.getTime() && decideVerdict(report).findings.length > 0)
    return false;
  return true;
}

interface Item {
  session: CleanupSession;
  evidence: Map<string, ProcessEvidence>;
}

async function durableActions(log: DurableCleanupLog): Promise<CleanupLogEntry[]> {
  const { entries, problems } = await log.read();
  return [
    ...entries,
    // A damaged line is on record as such, not silently dropped.
    ...problems.map((p) => ({
      time: '',
      step: 'confirm' as const,
      item: '',
      args: {},
      outcome: 'failed' as const,
      message: { vi: p, en: p },
      error: p,
    })),
  ];
}

/** yyyymmdd-HHMMSS in local time (the date people will look for in the file name). */
const stamp = (d: Date, timeZone?: string) => {
  const p = localParts(d, timeZone);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
};

/** A computer name as a file-name part: letters, digits, '-' and '_' only (Windows names are already). */
const fileSafe = (name: string) =>
  name
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

/** Builds the cleanup handlers and a reader of the last re-scan outcome (null: none run). */
export function createCleanupHandlers(deps: CleanupHandlerDeps): {
  handlers: Pick<Handlers, CleanupChannels>;
  cleanRescan: (report: ScanReport | null) => boolean | null;
} {
  const items = new Map<string, Promise<Item>>();
  const tokens = new Map<string, string>();
  let lastRescan: RescanRecord | null = null;

  const itemOf = (key: string): Promise<Item> => {
    let p = items.get(key);
    if (!p) {
      const durable = deps.durableLog;
      p = deps
        .newSession(durable ? (entry) => durable.append({ ...entry, item: key }) : undefined)
        .then((session) => ({ session, evidence: new Map() }));
      items.set(key, p);
    }
    return p;
  };

  async function allLog(only?: string): Promise<CleanupLogEntry[]> {
    const out: CleanupLogEntry[] = [];
    for (const [key, p] of items) {
      if (only !== undefined && key !== only) continue;
      for (const e of (await p).session.log()) out.push({ ...e, item: key });
    }
    // Stable by time, so the record reads in the order things happened across items.
    return out.sort((a, b) => a.time.localeCompare(b.time));
  }

  async function allEvidence(): Promise<ProcessEvidence[]> {
    const out: ProcessEvidence[] = [];
    for (const p of items.values()) out.push(...(await p).evidence.values());
    return out;
  }

  const handlers: Pick<Handlers, CleanupChannels> = {
    'cleanup:evidence': async ({ item, pid, path }) => {
      const it = await itemOf(item);
      const ev = await it.session.evidence({ pid: pid ?? null, path: path ?? null });
      it.evidence.set(`${pid ?? ''}|${path ?? ''}`, ev);
      return ev;
    },
    'cleanup:propose': async ({ item, request }) => {
      const r = (await itemOf(item)).session.propose(request);
      if (!r.ok) return { status: 'refused', message: r.error.message };
      tokens.set(r.value.token, item);
      return { status: 'proposed', token: r.value.token, summary: r.value.summary };
    },
    'cleanup:confirm': async ({ token }) => {
      const key = tokens.get(token);
      if (key === undefined) {
        const message = textPair('msg.cleanup.step.tokenUnknown');
        return { step: 'confirm', outcome: 'refused', message };
      }
      tokens.delete(token);
      const result = await (
        await itemOf(key)
      ).session.confirm(token, {
        onProgress: (p) => deps.emit?.('cleanup:rescan-progress', { item: key, ...p }),
      });
      if (result.step === 'rescan' && typeof result.data?.gone === 'boolean')
        lastRescan = { gone: result.data.gone, at: deps.now() };
      return result;
    },
    'cleanup:log': ({ item }) => allLog(item),
    'cleanup:firewall-rules': async () => {
      // Any session lists the same machine-wide rules; a throwaway one avoids touching an item's log.
      const r = await (await deps.newSession()).listBlockRules();
      return r.ok ? { ips: r.value } : { ips: [], error: r.error.message };
    },
    'cleanup:report': async ({ format }): Promise<ExportResult> => {
      const machine = deps.machine?.();
      const input = {
        generatedAt: deps.now().toISOString(),
        ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
        ...(machine
          ? {
              machine: {
                hostname: machine.computerName,
                domain: machine.domain,
                user: machine.user,
                os: machine.osBuild,
                addresses: machine.addresses,
              },
            }
          : {}),
        appVersion: deps.version,
        findings: deps.lastReport()?.findings ?? [],
        disguised: (deps.lastReport()?.connections ?? []).filter((c) => c.disguise === true),
        recent: deps.lastReport()?.recent ?? [],
        evidence: await allEvidence(),
        // From disk: what was done in earlier runs of the app is part of the record too.
        actions: deps.durableLog ? await durableActions(deps.durableLog) : await allLog(),
      };
      // Named with the computer and the local date, so a folder of reports from 30 PCs sorts itself.
      const pc = machine ? fileSafe(machine.computerName) : '';
      const base = `sachmadoc-evidence-${pc ? `${pc}-` : ''}${stamp(deps.now(), deps.timeZone)}`;
      if (format === 'json')
        return deps.glue.saveExport({
          fileName: `${base}.json`,
          mimeType: 'application/json',
          content: `${JSON.stringify(buildEvidenceJson(input), null, 2)}\n`,
        });
      const html = renderEvidenceHtml(input);
      if (format === 'html')
        return deps.glue.saveExport({
          fileName: `${base}.html`,
          mimeType: 'text/html;charset=utf-8',
          content: html,
        });
      if (!deps.glue.savePdf) throw userError('msg.cleanup.pdfNeedsApp', { hint: 'msg.cleanup.pdfHint' });
      return deps.glue.savePdf({ fileName: `${base}.pdf`, html });
    },
  };
  return { handlers, cleanRescan: (report) => cleanRescanFor(lastRescan, report) };
}
