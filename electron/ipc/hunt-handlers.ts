// The `hunt:*` handlers: one hunt at a time over the log files or folders the person chose,
// against the feed in use; progress pushed a few times a second; cancel; exports of the last one.
import { UserError } from '../../shared/errors';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import type { ExportResult } from '../../shared/ipc/schemas';
import { reportCsv } from '../../shared/logs/report';
import type { HuntReport } from '../../shared/logs/report';
import { reportHtml } from '../../shared/logs/report-html';
import { isoLikeMs } from '../../shared/logs/time';
import { runHunt } from '../services/hunt/hunt-service';
import type { IndicatorLoad } from '../services/scan/indicators';
import type { PlatformGlue } from './handlers';

type HuntChannels = 'hunt:pick' | 'hunt:run' | 'hunt:cancel' | 'hunt:export';

export interface HuntHandlerDeps {
  /** The indicators in use (the active feed, or the harness's --feed file). */
  indicators: () => Promise<IndicatorLoad>;
  glue: PlatformGlue;
  emit: Emit;
  now: () => Date;
  /** Worker threads for several files (default 2). */
  workers?: number;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** "2026-11-23" or "2026-11-23 08:00" (local time) → epoch ms; a bilingual UserError otherwise. */
function localTime(label: string, text: string | undefined, end: boolean): number | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  let full = t.replace('T', ' ');
  if (/^\d{4}-\d{2}-\d{2}$/.test(full)) full += end ? ' 23:59:59.999' : ' 00:00:00';
  else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(full)) full += end ? ':59.999' : ':00';
  const ms = isoLikeMs(full, { offsetMinutes: null, referenceMs: 0 });
  if (ms !== ms)
    throw new UserError(
      `${label} "${t}" không đọc được / cannot be read`,
      'Dùng dạng 2026-11-23 hoặc 2026-11-23 08:00. / Use 2026-11-23 or 2026-11-23 08:00.',
    );
  return ms;
}

/** Builds the hunt handlers. */
export function createHuntHandlers(deps: HuntHandlerDeps): Pick<Handlers, HuntChannels> {
  let last: HuntReport | null = null;
  let running: AbortController | null = null;

  return {
    'hunt:pick': async ({ folders }) => {
      if (!deps.glue.pickLogPaths) return { supported: false, paths: [] };
      return { supported: true, paths: await deps.glue.pickLogPaths(folders) };
    },
    'hunt:run': async ({ paths, since, until }) => {
      if (running)
        throw new UserError(
          'Đang đọc nhật ký; chờ xong hoặc bấm Dừng. / A hunt is running; wait or press Stop.',
        );
      const sinceMs = localTime('Từ / From', since, false);
      const untilMs = localTime('Đến / To', until, true);
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
        if (stop.signal.aborted)
          throw new UserError(
            'Đã dừng đọc nhật ký. / The hunt was stopped.',
            'Bấm Bắt đầu để đọc lại. / Press Start to read again.',
          );
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
    'hunt:export': async ({ format }): Promise<ExportResult> => {
      if (!last)
        throw new UserError(
          'Chưa có kết quả giám sát để xuất. / There is no hunt result to export yet.',
          'Chọn nhật ký và bấm Bắt đầu trước. / Choose logs and press Start first.',
        );
      const base = `sachmadoc-giam-sat-mang-${stamp(deps.now())}`;
      if (format === 'html')
        return deps.glue.saveExport({
          fileName: `${base}.html`,
          mimeType: 'text/html;charset=utf-8',
          content: reportHtml(last),
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
