// `sachmadoc hunt`: read gateway, firewall, DNS and proxy logs against the campaign feed and say
// which internal devices contacted which indicators, when. Exit status: 0 nothing found,
// 1 found, 2 error (one line on stderr: what, where, what to do).
import { availableParallelism } from 'node:os';
import { readFile as fsReadFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../shared/errors';
import { parseColumnsOption } from '../shared/logs/columns';
import type { ColumnMap } from '../shared/logs/columns';
import { LOG_FORMATS } from '../shared/logs/record';
import type { LogFormat } from '../shared/logs/record';
import { reportCsv } from '../shared/logs/report';
import type { HuntReport } from '../shared/logs/report';
import { reportHtml } from '../shared/logs/report-html';
import { parseOffset, parseUserTime } from '../shared/logs/time';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { runHunt } from '../services/hunt/hunt-service';
import { loadActiveFeedIndicators } from '../services/scan/default-feed';
import { loadFeedFiles } from '../services/scan/indicators';
import type { IndicatorLoad } from '../services/scan/indicators';
import type { CliIo } from './io';

export const HUNT_USAGE = `Cách dùng / Usage: sachmadoc hunt [tuỳ chọn / options] ĐƯỜNG-DẪN/PATH...
  Tìm thiết bị đã kết nối tới địa chỉ/tên miền độc hại trong nhật ký tường lửa, DNS, proxy /
  find the devices that contacted campaign indicators in firewall, DNS and proxy logs.
  PATH                  tệp hoặc thư mục (đệ quy; .gz được) / files or folders (recursive; gzip ok)
  --feed TỆP/FILE       nguồn chỉ báo (lặp lại được) / indicator feed, repeatable (default: the campaign feed)
  --since T, --until T  chỉ xét khoảng thời gian / only this period ("23/11/2026", "23/11/2026 08:00", ISO)
  --tz +07:00           múi giờ của nhật ký ghi giờ địa phương / zone of local-time logs (default: this PC's)
  --format TÊN/NAME     buộc định dạng / force a format: ${LOG_FORMATS.join(', ')}
  --columns SPEC        cho --format csv: src=CỘT,dst=CỘT,domain=CỘT,url=CỘT,time=CỘT
  --json                in JSON / print JSON     --csv TỆP/FILE   --html TỆP/FILE (báo cáo cho lãnh đạo / report for leaders)
  --workers N           số luồng đọc khi có nhiều tệp / threads for several files (default: cores)
Mã thoát / exit status: 0 không thấy / nothing found, 1 có thiết bị / devices found, 2 lỗi / error
`;

const OPTIONS = {
  feed: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  tz: { type: 'string' },
  format: { type: 'string' },
  columns: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'string' },
  html: { type: 'string' },
  workers: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the command reads from the outside world; tests replace any of it. */
export interface HuntCommandDeps {
  defaultIndicators?: () => Promise<IndicatorLoad>;
  now?: () => number;
  signal?: AbortSignal;
}

class UsageError extends UserError {}

/** Runs `sachmadoc hunt ARGS`; returns the exit status. */
export async function runHuntCommand(argv: string[], io: CliIo, deps: HuntCommandDeps = {}): Promise<number> {
  try {
    return await hunt(argv, io, deps);
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr(`sachmadoc hunt: ${e.message}${e.hint ? ` — ${e.hint}` : ''}\n`);
      if (e instanceof UsageError) io.stderr('Xem / see: sachmadoc hunt --help\n');
    } else {
      const message = e instanceof Error ? e.message : String(e);
      io.stderr(
        `sachmadoc hunt: lỗi không mong đợi / unexpected error: ${message} — hãy báo lỗi này / please report it\n`,
      );
    }
    return 2;
  }
}

/** "--since 23/11/2026" (or 2026-11-23) is the start of that day; "--until 23/11/2026" its end. */
function timeOption(
  flag: string,
  text: string | undefined,
  offset: number | null,
  end: boolean,
): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseUserTime(text, end, offset) ?? NaN;
  if (ms !== ms)
    throw new UsageError(
      `${flag} ${text}: không đọc được thời điểm / unreadable time`,
      'dùng / use dd/mm/yyyy, "dd/mm/yyyy hh:mm", YYYY-MM-DD hoặc/or ISO 8601',
    );
  return ms;
}

async function hunt(argv: string[], io: CliIo, deps: HuntCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(`tham số không hợp lệ / invalid arguments: ${(e as Error).message}`);
  }
  const opts = parsed.values;
  if (opts.help) {
    io.stdout(HUNT_USAGE);
    return 0;
  }
  const paths = parsed.positionals.map((p) => resolve(io.cwd, p));
  if (paths.length === 0) throw new UsageError('chưa có tệp nhật ký / no log file given');
  let offset: number | null = null;
  if (opts.tz !== undefined) {
    offset = parseOffset(opts.tz);
    if (offset === null) throw new UsageError(`--tz ${opts.tz}: cần dạng / expected the form +07:00`);
  }
  let format: LogFormat | undefined;
  if (opts.format !== undefined) {
    if (!(LOG_FORMATS as readonly string[]).includes(opts.format))
      throw new UsageError(
        `--format ${opts.format}: định dạng không có / unknown format`,
        `dùng / use: ${LOG_FORMATS.join(', ')}`,
      );
    format = opts.format as LogFormat;
  }
  let columns: ColumnMap | undefined;
  if (opts.columns !== undefined) {
    try {
      columns = parseColumnsOption(opts.columns);
    } catch (e) {
      throw new UsageError(`--columns: ${(e as Error).message}`);
    }
    format ??= 'csv';
  }
  if (format === 'csv' && columns === undefined)
    throw new UsageError(
      '--format csv cần --columns / needs --columns',
      'ví dụ / e.g. --columns src=client,dst=server,time=ts',
    );
  const sinceMs = timeOption('--since', opts.since, offset, false);
  const untilMs = timeOption('--until', opts.until, offset, true);
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs > untilMs)
    throw new UsageError('--since sau --until / --since is after --until');
  let workers = availableParallelism();
  if (opts.workers !== undefined) {
    workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      throw new UsageError(`--workers ${opts.workers}: cần số từ 1 đến 64 / expected 1 to 64`);
  }
  const feedPaths = opts.feed ?? [];
  const indicators =
    feedPaths.length > 0
      ? await loadFeedFiles(feedPaths, (p) => fsReadFile(resolve(io.cwd, p)))
      : await (deps.defaultIndicators ?? (() => loadActiveFeedIndicators(io.env)))();

  const report = await runHunt({
    paths,
    indicators,
    format,
    columns,
    sinceMs,
    untilMs,
    offsetMinutes: offset,
    workers,
    signal: deps.signal,
    now: deps.now,
  });

  const write = async (flag: string, file: string, text: string): Promise<void> => {
    const p = resolve(io.cwd, file);
    try {
      await writeFileAtomic(p, text);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new UserError(
        `không ghi được / cannot write ${flag} ${p} (${String(code)})`,
        'kiểm tra thư mục và quyền ghi / check the folder and write permission',
      );
    }
  };
  if (opts.csv !== undefined) await write('--csv', opts.csv, reportCsv(report));
  if (opts.html !== undefined) await write('--html', opts.html, reportHtml(report));
  if (opts.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(huntText(report));
  for (const w of report.warnings)
    io.stderr(`cảnh báo / warning: ${w.file}${w.line > 0 ? `:${w.line}` : ''}: ${w.message}\n`);
  if (report.warningCount > report.warnings.length)
    io.stderr(
      `cảnh báo / warning: còn ${report.warningCount - report.warnings.length} cảnh báo nữa / more warnings not shown\n`,
    );
  return report.devices.length > 0 ? 1 : 0;
}

/** The terminal summary: verdict, then one block per device. */
export function huntText(r: HuntReport): string {
  const out: string[] = [];
  const lines = r.files.reduce((n, f) => n + f.lines, 0);
  out.push(
    `Đã đọc / read ${r.files.length} tệp/files, ${lines} dòng/lines (${r.files.map((f) => `${f.path}: ${f.format}`).join('; ')})`,
  );
  if (r.devices.length === 0) {
    out.push(
      'Không thấy thiết bị nào kết nối tới chỉ báo của chiến dịch / no device contacted a campaign indicator',
    );
    return `${out.join('\n')}\n`;
  }
  out.push(
    `${r.devices.length} thiết bị đã kết nối tới ${r.indicators.length} chỉ báo / ${r.devices.length} device(s) contacted ${r.indicators.length} indicator(s):`,
  );
  for (const d of r.devices) {
    const extra = [d.hostname, d.mac, d.translated ? `NAT ${d.translated.join(',')}` : '']
      .filter(Boolean)
      .join(' ');
    out.push(`  ${d.address}${extra ? ` (${extra})` : ''}`);
    for (const i of d.indicators)
      out.push(
        `    → ${i.indicator} [${i.kind}] ×${i.count}${i.inbound ? ` (${i.inbound} vào/inbound)` : ''} ${i.firstSeen ?? ''}${i.lastSeen && i.lastSeen !== i.firstSeen ? ` … ${i.lastSeen}` : ''}${i.ports.length ? ` cổng/ports ${i.ports.join(',')}` : ''}`,
      );
    const e = d.evidence[0];
    if (e) out.push(`      ${e.file}:${e.line}`);
  }
  return `${out.join('\n')}\n`;
}
