// `npm run tally -- serve [--port N] [--host H]`, `units import FILE.csv`, `units token UNIT [--rotate]`,
// `units revoke UNIT`, `feed publish FEED.json [--key PUB]`, `campaigns`,
// `report --format docx|xlsx|csv --out FILE [--unit CODE] [--campaign ID]`.
// Settings from the environment: TALLY_DATA_DIR, TALLY_ADMIN_TOKEN, DATABASE_URL.
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setLogSink } from '../shared/logger';
import { verbHelp, wantsHelp } from '../shared/cli-help';
import { escapeControls } from '../shared/terminal-text';
import { CliFailure, describeCliError, fail } from './cli-errors';
import type { ReportFormat } from './report/render';
import type { StoreSettings } from './store/open-store';
import { readSettings } from './config';
import { writeFileAtomic } from '../node-shared/atomic-write';
// Everything else is imported by the verb that needs it (issue 18: start-up ≤ 4× `node -e 0`):
// Fastify, pg, better-sqlite3, zod and the DOCX/XLSX writers take most of a second to load, and
// `campaigns`, `units token` or a mistyped verb need none of them. The bundle keeps each of these
// in its own chunk (scripts/build-tally.mjs, splitting).
const openStore = async (s: StoreSettings) => (await import('./store/open-store')).openStore(s);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Cách dùng / usage:
  npm run tally -- serve [--port 8787] [--host 127.0.0.1] [--access-log FILE|-]
                  một dòng mỗi yêu cầu, không mã/định danh / one line per request, no token or id
  npm run tally -- units import FILE.csv        (cột / columns: code,name)
  npm run tally -- feed publish FEED.json [--key PUB]   (FEED.json.sig bên cạnh / beside it)
  npm run tally -- campaigns
  npm run tally -- units token UNIT [--rotate]  in mã đăng ký của đơn vị / print the unit's enrolment token
  npm run tally -- units revoke UNIT            thu hồi mã đăng ký / revoke the unit's token
  npm run tally -- report --format docx|xlsx|csv --out FILE [--unit CODE] [--campaign ID]
                  [--unit-name …] [--parent-name …] [--place …] [--letter-number …]
                  [--letter-date YYYY-MM-DD] [--letter-issuer …] [--assessment …] [--recommendations …]
Biến môi trường / environment: TALLY_DATA_DIR (./data), TALLY_ADMIN_TOKEN, DATABASE_URL, TALLY_ACCESS_LOG`;

/** A verb's own refusal (exit 2); the message is already the whole line. */
class CliError extends CliFailure {
  constructor(message: string) {
    super(2, message);
  }
}

/** The opt-in access log: `-` is stdout, anything else a file appended to; absent, no access log. */
function accessLogOption(target: string | undefined): { accessLog?: (line: string) => void } {
  if (target === undefined || target === '') return {};
  if (target === '-') return { accessLog: (line) => void process.stdout.write(`${line}\n`) };
  const stream = createWriteStream(resolve(target), { flags: 'a' });
  stream.on('error', (e: NodeJS.ErrnoException) =>
    console.error(
      `Không ghi được nhật ký truy cập / cannot write the access log: ${resolve(target)} (${e.code ?? e.message}). Kiểm tra thư mục và quyền ghi. / Check the folder and the write permission.`,
    ),
  );
  return { accessLog: (line) => void stream.write(`${line}\n`) };
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'access-log': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(`--port ${values.port}: expected a port number 0–65535`);
  const settings = readSettings();
  mkdirSync(settings.dataDir, { recursive: true });
  // One server per data directory (tally.lock names the owner's pid).
  const { lockDataDir } = await import('./data-lock');
  const release = lockDataDir(settings.dataDir);
  process.once('exit', release);
  const { buildTallyApp } = await import('./server/app');
  const store = await openStore(settings);
  const app = await buildTallyApp({
    store,
    adminToken: settings.adminToken,
    dataDir: settings.dataDir,
    bundledFeed: join(root, 'assets', 'feed', 'sample-feed.json'),
    rateLimit: { max: settings.rateLimitMax, timeWindowMs: settings.rateLimitWindowMs },
    unitRateLimit: { max: settings.unitRateLimitMax, timeWindowMs: settings.rateLimitWindowMs },
    trustProxy: settings.trustProxy,
    ...accessLogOption(values['access-log'] ?? settings.accessLog),
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
  const { readInputFile } = await import('../node-shared/input-file');
  const { decodeUnitsCsv, formatIssues, parseUnitsCsv } = await import('./units-csv');
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

// The token goes to stdout alone (a script can capture it); everything else to stderr. It is shown
// this once: the tally keeps only its hash.
async function unitToken(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { rotate: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const unit = positionals[0];
  if (!unit || positionals.length > 1) throw new CliError('units token needs exactly one UNIT code');
  const { hashUnitToken, newUnitToken } = await import('./server/unit-auth');
  const token = newUnitToken();
  const store = await openStore(readSettings());
  try {
    const r = await store.setUnitTokenHash(unit, hashUnitToken(token), values.rotate ?? false);
    if (r === 'unknown-unit')
      throw new CliError(
        `Đơn vị "${unit}" chưa được đăng ký; nhập bằng "units import" trước. / Unit "${unit}" is not registered; import it with "units import" first.`,
      );
    if (r === 'exists')
      throw new CliError(
        `Đơn vị "${unit}" đã có mã đăng ký (chỉ lưu dạng băm, không in lại được). Dùng --rotate để cấp mã mới; mã cũ hết hiệu lực. / ` +
          `Unit "${unit}" already has an enrolment token (stored hashed, it cannot be printed again). Use --rotate to issue a new one; the old one stops working.`,
      );
    console.log(token);
    console.error(
      `Mã đăng ký của đơn vị ${unit}${values.rotate ? ' (mã cũ đã hết hiệu lực)' : ''}: chỉ hiện một lần, hãy giao cho cán bộ CNTT của đơn vị. / ` +
        `Enrolment token of unit ${unit}${values.rotate ? ' (the old one no longer works)' : ''}: shown once; give it to the unit's IT staff.`,
    );
  } finally {
    await store.close();
  }
}

async function unitRevoke(args: string[]): Promise<void> {
  const unit = args[0];
  if (!unit || args.length > 1) throw new CliError('units revoke needs exactly one UNIT code');
  const store = await openStore(readSettings());
  try {
    const had = await store.revokeUnitToken(unit);
    console.log(
      had
        ? `Đã thu hồi mã đăng ký của đơn vị ${unit}; máy của đơn vị không gửi được kết quả cho đến khi có mã mới. / Revoked unit ${unit}'s token; its machines cannot submit until a new one is issued.`
        : `Đơn vị ${unit} không có mã đăng ký nào. / Unit ${unit} has no enrolment token.`,
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
      'parent-name': { type: 'string' },
      place: { type: 'string' },
      'letter-number': { type: 'string' },
      'letter-date': { type: 'string' },
      'letter-issuer': { type: 'string' },
      assessment: { type: 'string' },
      recommendations: { type: 'string' },
    },
  });
  const { renderReport, REPORT_FORMATS } = await import('./report/render');
  const format = REPORT_FORMATS.find((f): f is ReportFormat => f === values.format);
  if (!format) throw new CliError(`--format ${values.format ?? '(missing)'}: expected docx, xlsx or csv`);
  if (!values.out) throw new CliError('--out FILE is required');
  if (values['letter-date'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['letter-date']))
    throw new CliError(`--letter-date ${values['letter-date']}: expected YYYY-MM-DD`);
  checkOut(resolve(values.out));
  const settings = readSettings();
  const { resolveCampaign } = await import('./campaigns');
  const { buildAppendix } = await import('./report/appendix');
  const store = await openStore(settings);
  try {
    const campaign = await resolveCampaign(store, settings.dataDir, values.campaign);
    const agg = await store.aggregates({
      campaignId: campaign.id,
      ...(values.unit ? { unitCode: values.unit } : {}),
    });
    if (values.unit && !agg.units.some((u) => u.code === values.unit))
      throw new CliError(`--unit ${values.unit}: no such unit; import it first or check the code`);
    const r = buildAppendix(agg, {
      campaign,
      ...(values.unit ? { unitCode: values.unit } : {}),
      form: {
        unitName: values['unit-name'] ?? '',
        assessment: values.assessment ?? '',
        recommendations: values.recommendations ?? '',
        parentName: values['parent-name'] ?? '',
        place: values.place ?? '',
        letterNumber: values['letter-number'] ?? '',
        letterDate: values['letter-date'] ?? '',
        letterIssuer: values['letter-issuer'] ?? '',
      },
      now: new Date(),
      hunt: await store.huntSummaries(campaign.id),
    });
    await writeFileAtomic(resolve(values.out), await renderReport(r, format));
    console.log(
      `Đã ghi báo cáo chiến dịch "${campaign.id}" / report of campaign "${campaign.id}" written: ${resolve(values.out)}`,
    );
  } finally {
    await store.close();
  }
}

async function publish(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { key: { type: 'string' } },
  });
  if (positionals.length !== 1)
    throw new CliError('feed publish needs exactly one FEED.json (its .sig beside it)');
  const settings = readSettings();
  const { CampaignError, publishFeed } = await import('./campaigns');
  const store = await openStore(settings);
  try {
    const out = await publishFeed({
      feedFile: resolve(positionals[0]),
      ...(values.key ? { keyFile: resolve(values.key) } : {}),
      keysDir: join(root, 'assets', 'keys'),
      dataDir: settings.dataDir,
      store,
      now: new Date(),
    });
    const c = out.campaign;
    const { formatDayVi } = await import('./report/format');
    console.log(
      `Đã công bố nguồn cấp phiên bản ${c.feedVersion} của chiến dịch "${c.id}" (${c.nameVi}, ${formatDayVi(c.startsOn)}–${formatDayVi(c.endsOn)}, ${out.indicators} chỉ dấu); ${out.status === 'created' ? 'chiến dịch mới' : 'đã cập nhật'}. / Published feed version ${c.feedVersion} of campaign "${c.id}" (${out.indicators} indicators); ${out.status === 'created' ? 'new campaign' : 'updated'}.`,
    );
  } catch (e) {
    if (e instanceof CampaignError) throw new CliError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

async function listCampaigns(): Promise<void> {
  const { formatDayVi, formatInstantVi } = await import('./report/format');
  const store = await openStore(readSettings());
  try {
    const campaigns = await store.listCampaigns();
    if (campaigns.length === 0) {
      console.log(
        'Chưa có chiến dịch nào; công bố bằng `npm run tally -- feed publish FEED.json`. / No campaign yet; publish one with `npm run tally -- feed publish FEED.json`.',
      );
      return;
    }
    console.log(
      [
        'Mã / id',
        'Tên / name',
        'Bắt đầu / start',
        'Kết thúc / end',
        'Hạn báo cáo / report by',
        'Phiên bản / version',
        'Công bố / published',
      ].join('\t'),
    );
    for (const c of campaigns)
      console.log(
        [
          c.id,
          c.nameVi,
          formatDayVi(c.startsOn),
          formatDayVi(c.endsOn),
          formatDayVi(c.reportDeadline),
          c.feedVersion,
          formatInstantVi(c.recordedAt),
        ].join('\t'),
      );
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
  if (cmd !== undefined && cmd !== 'help' && !cmd.startsWith('-') && wantsHelp(argv)) {
    // `tally units import --help`: that verb's own lines of the usage, on stdout.
    const words = sub === undefined || sub.startsWith('-') ? [cmd] : [cmd, sub];
    const help =
      verbHelp(USAGE, `npm run tally -- ${words.join(' ')}`) ?? verbHelp(USAGE, `npm run tally -- ${cmd}`);
    if (help) {
      console.log(`Cách dùng / usage:\n${help}${USAGE.slice(USAGE.lastIndexOf('\n') + 1)}`);
      return;
    }
  }
  if (cmd === 'serve') return serve(argv.slice(1));
  if (cmd === 'units' && sub === 'import') return importUnits(rest);
  if (cmd === 'units' && sub === 'token') return unitToken(rest);
  if (cmd === 'units' && sub === 'revoke') return unitRevoke(rest);
  if (cmd === 'report') return report(argv.slice(1));
  if (cmd === 'feed' && sub === 'publish') return publish(rest);
  if (cmd === 'campaigns' && sub === undefined) return listCampaigns();
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
