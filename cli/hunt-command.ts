// `sachmadoc hunt`: read gateway, firewall, DNS and proxy logs against the campaign feed and say
// which internal devices contacted which indicators, when. Exit status: 0 nothing found,
// 1 found, 2 error (one line on stderr: what, where, what to do).
import { availableParallelism } from 'node:os';
import { readFile as fsReadFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { userError } from '../shared/errors';
import { bilingual } from '../shared/i18n';
import { usageText } from './usage';
import { reportFailure, usage, UsageError, warningLine } from './command-errors';
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

/** `sachmadoc hunt --help`. */
const huntUsage = (): string => usageText('msg.cli.usage.hunt', () => ({ formats: LOG_FORMATS.join(', ') }));

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

/** Runs `sachmadoc hunt ARGS`; returns the exit status. */
export async function runHuntCommand(argv: string[], io: CliIo, deps: HuntCommandDeps = {}): Promise<number> {
  try {
    return await hunt(argv, io, deps);
  } catch (e) {
    return reportFailure(io, 'sachmadoc hunt', e);
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
  if (ms !== ms) throw usage(`${flag} ${text}`, 'msg.cli.hunt.badTime', undefined, 'msg.cli.hunt.timeHint');
  return ms;
}

async function hunt(argv: string[], io: CliIo, deps: HuntCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(`${bilingual('msg.cli.invalidArguments')}: ${(e as Error).message}`);
  }
  const opts = parsed.values;
  if (opts.help) {
    io.stdout(huntUsage());
    return 0;
  }
  const paths = parsed.positionals.map((p) => resolve(io.cwd, p));
  if (paths.length === 0) throw usage('', 'msg.cli.hunt.noLogs');
  let offset: number | null = null;
  if (opts.tz !== undefined) {
    offset = parseOffset(opts.tz);
    if (offset === null) throw usage(`--tz ${opts.tz}`, 'msg.cli.hunt.badTz');
  }
  let format: LogFormat | undefined;
  if (opts.format !== undefined) {
    if (!(LOG_FORMATS as readonly string[]).includes(opts.format))
      throw usage(
        `--format ${opts.format}`,
        'msg.cli.hunt.unknownFormat',
        undefined,
        'msg.cli.hunt.useFormats',
        {
          formats: LOG_FORMATS.join(', '),
        },
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
    throw usage('', 'msg.cli.hunt.csvNeedsColumns', undefined, 'msg.cli.hunt.columnsExample');
  const sinceMs = timeOption('--since', opts.since, offset, false);
  const untilMs = timeOption('--until', opts.until, offset, true);
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs > untilMs)
    throw usage('', 'msg.cli.hunt.sinceAfterUntil');
  let workers = availableParallelism();
  if (opts.workers !== undefined) {
    workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      throw usage(`--workers ${opts.workers}`, 'msg.cli.hunt.badWorkers');
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
      throw userError('msg.cli.cannotWrite', {
        params: { flag, path: p, code: String(code) },
        hint: 'msg.cli.checkFolder',
      });
    }
  };
  if (opts.csv !== undefined) await write('--csv', opts.csv, reportCsv(report));
  if (opts.html !== undefined) await write('--html', opts.html, reportHtml(report));
  if (opts.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(huntText(report));
  for (const w of report.warnings)
    io.stderr(warningLine(`${w.file}${w.line > 0 ? `:${w.line}` : ''}: ${w.message}`));
  if (report.warningCount > report.warnings.length) {
    const more = bilingual('msg.cli.hunt.moreWarnings', {
      count: report.warningCount - report.warnings.length,
    });
    io.stderr(warningLine(more));
  }
  return report.devices.length > 0 ? 1 : 0;
}

/** The terminal summary: verdict, then one block per device. */
export function huntText(r: HuntReport): string {
  const out: string[] = [];
  const lines = r.files.reduce((n, f) => n + f.lines, 0);
  const list = r.files.map((f) => `${f.path}: ${f.format}`).join('; ');
  out.push(`${bilingual('msg.cli.hunt.read', { files: r.files.length, lines })} (${list})`);
  if (r.devices.length === 0) {
    out.push(bilingual('msg.cli.hunt.none'));
    return `${out.join('\n')}\n`;
  }
  out.push(
    `${bilingual('msg.cli.hunt.found', { devices: r.devices.length, indicators: r.indicators.length })}:`,
  );
  for (const d of r.devices) {
    const extra = [d.hostname, d.mac, d.translated ? `NAT ${d.translated.join(',')}` : '']
      .filter(Boolean)
      .join(' ');
    out.push(`  ${d.address}${extra ? ` (${extra})` : ''}`);
    for (const i of d.indicators)
      out.push(
        `    → ${i.indicator} [${i.kind}] ×${i.count}${i.inbound ? ` (${bilingual('msg.cli.hunt.inbound', { count: i.inbound })})` : ''} ${i.firstSeen ?? ''}${i.lastSeen && i.lastSeen !== i.firstSeen ? ` … ${i.lastSeen}` : ''}${i.ports.length ? ` ${bilingual('msg.cli.hunt.ports', { ports: i.ports.join(',') })}` : ''}`,
      );
    const e = d.evidence[0];
    if (e) out.push(`      ${e.file}:${e.line}`);
  }
  return `${out.join('\n')}\n`;
}
