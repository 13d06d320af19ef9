// The `hunt:*` handlers: one hunt at a time over the log files or folders the person chose,
// against the feed in use; progress pushed a few times a second; cancel; exports of the last one.
import { userError } from '../../shared/errors';
import type { Language } from '../../shared/i18n';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import type { ExportResult } from '../../shared/ipc/schemas';
import { reportCsv } from '../../shared/logs/report';
import type { HuntReport } from '../../shared/logs/report';
import { reportHtml } from '../../shared/logs/report-html';
import { parseUserTime } from '../../shared/logs/time';
import { huntSummaryOf, type HuntSummary } from '../../shared/tally/hunt-summary';
import { runHunt } from '../hunt/hunt-service';
import type { HuntSummarySent } from '../tally-client/hunt-summary';
import type { IndicatorLoad } from '../scan/indicators';
import type { PlatformGlue } from './platform-glue';

type HuntChannels =
  'hunt:pick' | 'hunt:run' | 'hunt:cancel' | 'hunt:export' | 'hunt:summary' | 'hunt:summary-send';

/** Where a hunt summary goes: the campaign of the feed in use, the unit and tally of Settings. */
export interface SummaryTarget {
  campaignId: string;
  /** The sample feed is no campaign: nothing made with it is sent. */
  sample: boolean;
  unitCode: string;
  tallyUrl: string;
}

export interface HuntHandlerDeps {
  /** The indicators in use (the active feed, or the harness's --feed file). */
  indicators: () => Promise<IndicatorLoad>;
  glue: PlatformGlue;
  emit: Emit;
  now: () => Date;
  /** Worker threads for several files (default 2). */
  workers?: number;
  summaryTarget?: () => Promise<SummaryTarget>;
  /** POSTs a summary to the tally (services/tally-client/hunt-summary.ts). */
  sendSummary?: (tallyUrl: string, summary: HuntSummary) => Promise<HuntSummarySent>;
  /** The language the person chose in the app (settings): the HTML report is written in it. Default Vietnamese. */
  language?: () => Promise<Language>;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** "23/11/2026", "23/11/2026 08:00" or ISO (local time) → epoch ms; a worded UserError otherwise. */
function localTime(
  code: 'msg.hunt.badSince' | 'msg.hunt.badUntil',
  text: string | undefined,
  end: boolean,
): number | undefined {
  const t = (text ?? '').trim();
  // dd/mm/yyyy [hh:mm] as a Vietnamese user types it (or ISO), in this computer's zone.
  const ms = parseUserTime(t, end, null);
  if (ms === undefined) return undefined;
  if (ms !== ms) throw userError(code, { params: { value: t }, hint: 'msg.hunt.timeHint' });
  return ms;
}

/** Why a summary cannot be sent, and what to do: [message, hint] catalogue keys. */
const MISSING: Record<'hunt' | 'unit' | 'tally' | 'sample', [string, string]> = {
  hunt: ['msg.hunt.missing.hunt', 'msg.hunt.chooseLogsFirst'],
  unit: ['msg.hunt.missing.unit', 'msg.hunt.missing.unitHint'],
  tally: ['msg.hunt.missing.tally', 'msg.tally.fillAddress'],
  sample: ['msg.hunt.missing.sample', 'msg.hunt.missing.sampleHint'],
};
const missing = (why: keyof typeof MISSING) => userError(MISSING[why][0], { hint: MISSING[why][1] });

/** Builds the hunt handlers. */
export function createHuntHandlers(deps: HuntHandlerDeps): Pick<Handlers, HuntChannels> {
  let last: HuntReport | null = null;
  let running: AbortController | null = null;

  /** The summary of the last hunt for the target, or why there is none. */
  const summaryOf = async (): Promise<
    { summary: HuntSummary; target: SummaryTarget } | { missing: 'hunt' | 'unit' | 'tally' | 'sample' }
  > => {
    if (!last) return { missing: 'hunt' };
    if (!deps.summaryTarget) return { missing: 'tally' };
    const target = await deps.summaryTarget();
    if (target.sample) return { missing: 'sample' };
    if (target.unitCode === '') return { missing: 'unit' };
    if (target.tallyUrl === '') return { missing: 'tally' };
    return { summary: huntSummaryOf(last, target.campaignId, target.unitCode), target };
  };

  return {
    'hunt:pick': async ({ folders }) => {
      if (!deps.glue.pickLogPaths) return { supported: false, paths: [] };
      return { supported: true, paths: await deps.glue.pickLogPaths(folders) };
    },
    'hunt:run': async ({ paths, since, until }) => {
      if (running) throw userError('msg.hunt.busy');
      const sinceMs = localTime('msg.hunt.badSince', since, false);
      const untilMs = localTime('msg.hunt.badUntil', until, true);
      const stop = new AbortController();
      running = stop;
      let lastPush = 0;
      try {
        const report = await runHunt({
          paths,
          indicators: await deps.indicators(),
          sinceMs,
          untilMs,
          offsetMinutes: null,
          workers: deps.workers ?? 2,
          signal: stop.signal,
          onProgress: (p) => {
            const t = Date.now();
            if (t - lastPush < 100) return;
            lastPush = t;
            deps.emit('hunt:progress', p);
          },
        });
        if (stop.signal.aborted) throw userError('msg.hunt.stopped', { hint: 'msg.hunt.startAgain' });
        last = report;
        return report;
      } finally {
        running = null;
      }
    },
    'hunt:cancel': () => {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
    'hunt:summary': async () => {
      const s = await summaryOf();
      return 'missing' in s
        ? { summary: null, missing: s.missing }
        : { summary: { ...s.summary }, missing: null };
    },
    'hunt:summary-send': async () => {
      const s = await summaryOf();
      if ('missing' in s) throw missing(s.missing);
      if (!deps.sendSummary) throw missing('tally');
      const sent = await deps.sendSummary(s.target.tallyUrl, s.summary);
      return { status: sent.status, summary: { ...s.summary } };
    },
    'hunt:export': async ({ format }): Promise<ExportResult> => {
      if (!last) throw userError('msg.hunt.noResult', { hint: 'msg.hunt.chooseLogsFirst' });
      const base = `sachmadoc-giam-sat-mang-${stamp(deps.now())}`;
      if (format === 'html')
        return deps.glue.saveExport({
          fileName: `${base}.html`,
          mimeType: 'text/html;charset=utf-8',
          content: reportHtml(last, deps.language ? await deps.language() : 'vi'),
        });
      if (format === 'csv')
        return deps.glue.saveExport({
          fileName: `${base}.csv`,
          mimeType: 'text/csv;charset=utf-8',
          content: reportCsv(last),
        });
      return deps.glue.saveExport({
        fileName: `${base}.json`,
        mimeType: 'application/json',
        content: `${JSON.stringify(last, null, 2)}\n`,
      });
    },
  };
}
