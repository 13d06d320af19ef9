// `npm run tally -- serve [--port N] [--host H]`, `units import FILE.csv`,
// `report --format docx|xlsx|csv --out FILE [--unit CODE] [--campaign ID]`.
// Settings from the environment: TALLY_DATA_DIR, TALLY_ADMIN_TOKEN, DATABASE_URL.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setLogSink } from '../shared/logger';
import { escapeControls } from '../shared/terminal-text';
import { CliFailure, describeCliError, fail } from './cli-errors';
import { readSettings } from './config';
import { lockDataDir } from './data-lock';
import { buildAppendix } from './report/appendix';
import { renderReport, REPORT_FORMATS, type ReportFormat } from './report/render';
import { buildTallyApp } from './server/app';
import { openStore } from './store/open-store';
import { decodeUnitsCsv, formatIssues, parseUnitsCsv } from './units-csv';
import { readInputFile } from '../electron/services/input-file';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Cách dùng / usage:
  npm run tally -- serve [--port 8787] [--host 127.0.0.1]
  npm run tally -- units import FILE.csv        (cột / columns: code,name)
  npm run tally -- report --format docx|xlsx|csv --out FILE [--unit CODE] [--campaign ID]
Biến môi trường / environment: TALLY_DATA_DIR (./data), TALLY_ADMIN_TOKEN, DATABASE_URL`;

/** A verb's own refusal (exit 2); the message is already the whole line. */
class CliError extends CliFailure {
  constructor(message: string) {
    super(2, message);
  }
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(`--port ${values.port}: expected a port number 0–65535`);
  const settings = readSettings();
  mkdirSync(settings.dataDir, { recursive: true });
  // One server per data directory (tally.lock names the owner's pid).
  const release = lockDataDir(settings.dataDir);
  process.once('exit', release);
  const store = await openStore(settings);
  const app = await buildTallyApp({
    store,
    adminToken: settings.adminToken,
    dataDir: settings.dataDir,
    bundledFeed: join(root, 'assets', 'feed', 'sample-feed.json'),
    rateLimit: { max: settings.rateLimitMax, timeWindowMs: settings.rateLimitWindowMs },
    trustProxy: settings.trustProxy,
  });
  const address = await app.listen({ port, host: values.host });
  if (!settings.adminToken)
    console.error(
      'Cảnh báo: chưa đặt TALLY_ADMIN_TOKEN, trang quản trị bị khóa. / Warning: TALLY_ADMIN_TOKEN is not set; admin routes answer 401.',
    );
  // One line on stdout that scripts and tests wait for.
  console.log(`tally listening on ${address} (store: ${store.kind}, data: ${settings.dataDir})`);
  const stop = () => {
    void app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function importUnits(args: string[]): Promise<void> {
  const file = args[0];
  if (!file || args.length > 1) throw new CliError('units import needs exactly one FILE.csv');
  // A regular file within the unit-list cap, UTF-8 or UTF-16 (input-file.ts, units-csv.ts).
  let text: string;
  try {
    text = decodeUnitsCsv(await readInputFile(file, 'unit-list'), file);
  } catch (e) {
    throw new CliError(describeCliError(e));
  }
  const { units, issues } = parseUnitsCsv(text, file);
  if (issues.length > 0) throw new CliError(formatIssues(issues));
  const store = await openStore(readSettings());
  try {
    const r = await store.upsertUnits(units);
    console.log(
      `Đã nhập ${units.length} đơn vị (mới ${r.inserted}, cập nhật ${r.updated}). / Imported ${units.length} units (${r.inserted} new, ${r.updated} updated).`,
    );
  } finally {
    await store.close();
  }
}

async function report(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      unit: { type: 'string' },
      campaign: { type: 'string' },
      'unit-name': { type: 'string' },
      assessment: { type: 'string' },
      recommendations: { type: 'string' },
    },
  });
  const format = REPORT_FORMATS.find((f): f is ReportFormat => f === values.format);
  if (!format) throw new CliError(`--format ${values.format ?? '(missing)'}: expected docx, xlsx or csv`);
  if (!values.out) throw new CliError('--out FILE is required');
  checkOut(resolve(values.out));
  const store = await openStore(readSettings());
  try {
    const agg = await store.aggregates({
      ...(values.campaign ? { campaignId: values.campaign } : {}),
      ...(values.unit ? { unitCode: values.unit } : {}),
    });
    if (values.unit && !agg.units.some((u) => u.code === values.unit))
      throw new CliError(`--unit ${values.unit}: no such unit; import it first or check the code`);
    const r = buildAppendix(agg, {
      ...(values.unit ? { unitCode: values.unit } : {}),
      form: {
        unitName: values['unit-name'] ?? '',
        assessment: values.assessment ?? '',
        recommendations: values.recommendations ?? '',
      },
      now: new Date(),
    });
    writeFileSync(resolve(values.out), await renderReport(r, format));
    console.log(`Đã ghi báo cáo / report written: ${resolve(values.out)}`);
  } finally {
    await store.close();
  }
}

/** Refuses an --out that cannot be written before any work is done. */
function checkOut(out: string): void {
  let isDir = false;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    // Not there yet: the normal case.
  }
  if (isDir)
    throw fail(
      2,
      '--out là một thư mục / --out is a directory.',
      out,
      'Đưa tên tệp, ví dụ --out phu-luc.docx. / Give a file name, e.g. --out phu-luc.docx.',
    );
  let parentOk = false;
  try {
    parentOk = statSync(dirname(out)).isDirectory();
  } catch {
    // Reported below.
  }
  if (!parentOk)
    throw fail(
      2,
      'thư mục chứa không tồn tại / its directory does not exist.',
      out,
      'Tạo thư mục trước hoặc chọn đường dẫn khác. / Create the directory first or pick another path.',
    );
}

async function main(argv: string[]): Promise<void> {
  setLogSink((rec) => process.stderr.write(`${JSON.stringify(rec)}\n`));
  const [cmd, sub, ...rest] = argv;
  if (cmd === 'serve') return serve(argv.slice(1));
  if (cmd === 'units' && sub === 'import') return importUnits(rest);
  if (cmd === 'report') return report(argv.slice(1));
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(USAGE);
    return;
  }
  throw fail(
    2,
    `không có lệnh "${[cmd, sub].filter(Boolean).join(' ')}" / no such command.`,
    'tally',
    'Xem / see: npm run tally -- --help',
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  // One line (what, where, what to do), exit 2; never raw errno text or a stack.
  // A unit list's bad line is quoted back: no control character of it reaches the terminal.
  console.error(escapeControls(describeCliError(e, { databaseUrl: process.env.DATABASE_URL })));
  process.exit(e instanceof CliFailure ? e.exitCode : 2);
});
