// `npm run tally -- serve [--port N] [--host H]`, `units import FILE.csv`, `units token UNIT [--rotate]`,
// `units revoke UNIT`, `feed publish FEED.json [--key PUB]`, `campaigns`,
// `report --format docx|xlsx|csv --out FILE [--unit CODE] [--campaign ID]`.
// Settings from the environment: TALLY_DATA_DIR, TALLY_ADMIN_TOKEN, DATABASE_URL.
// Words from the catalogue (shared/i18n) in the language of `--lang vi|en` or SACHMADOC_LANG, both
// by default; the server's answers keep both (server/answer.ts), whatever its console speaks.
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDate, formatDateTime } from '../shared/format';
import { bilingual, setProcessWording, wordingFromEnv, type Params, type Wording } from '../shared/i18n';
import { setLogSink } from '../shared/logger';
import { takeLang, verbHelp, wantsHelp } from '../shared/cli-help';
import { escapeControls } from '../shared/terminal-text';
import { CliFailure, cliLine, describeCliError, fail } from './cli-errors';
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
// The language of this run's words (`--lang`, SACHMADOC_LANG); set first thing in main().
let wording: Wording = 'both';
const say = (code: string, params?: Params) => bilingual(code, params);

/** The usage, worded as this run speaks; its last line is the environment (verb help reuses it). */
function usage(): string {
  return `${say('tally.cli.usage.title')}:
  npm run tally -- serve [--port 8787] [--host 127.0.0.1] [--access-log FILE|-]
                  ${say('tally.cli.usage.accessLog')}
  npm run tally -- units import FILE.csv        (${say('tally.cli.usage.columns')})
  npm run tally -- feed publish FEED.json [--key PUB]   (${say('tally.cli.usage.sig')})
  npm run tally -- campaigns
  npm run tally -- units token UNIT [--rotate]  ${say('tally.cli.usage.token')}
  npm run tally -- units revoke UNIT            ${say('tally.cli.usage.revoke')}
  npm run tally -- report --format docx|xlsx|csv --out FILE [--unit CODE] [--campaign ID]
                  [--unit-name …] [--parent-name …] [--place …] [--letter-number …]
                  [--letter-date YYYY-MM-DD] [--letter-issuer …] [--assessment …] [--recommendations …]
  npm run tally -- --lang vi|en …               ${say('tally.cli.usage.lang')}
${say('tally.cli.usage.env')}: TALLY_DATA_DIR (./data), TALLY_ADMIN_TOKEN, DATABASE_URL, TALLY_ACCESS_LOG, SACHMADOC_LANG`;
}

/** A verb's own refusal (exit 2): "where: what." from the catalogue, or a line already worded. */
class CliError extends CliFailure {
  constructor(where: string, what?: string, params?: Params) {
    super(2, what === undefined ? where : cliLine(where, params ? { code: what, params } : { code: what }));
  }
}

/** The opt-in access log: `-` is stdout, anything else a file appended to; absent, no access log. */
function accessLogOption(target: string | undefined): { accessLog?: (line: string) => void } {
  if (target === undefined || target === '') return {};
  if (target === '-') return { accessLog: (line) => void process.stdout.write(`${line}\n`) };
  const stream = createWriteStream(resolve(target), { flags: 'a' });
  stream.on('error', (e: NodeJS.ErrnoException) =>
    console.error(say('tally.cli.accessLogFailed', { file: resolve(target), reason: e.code ?? e.message })),
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
    throw new CliError(`--port ${values.port}`, 'tally.cli.badPort');
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
  if (!settings.adminToken) console.error(say('tally.cli.noAdminToken'));
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
  if (!file || args.length > 1) throw new CliError('tally', 'tally.cli.importArgs');
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
    console.log(say('tally.cli.imported', { total: units.length, inserted: r.inserted, updated: r.updated }));
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
  if (!unit || positionals.length > 1) throw new CliError('tally', 'tally.cli.tokenArgs');
  const { hashUnitToken, newUnitToken } = await import('./server/unit-auth');
  const token = newUnitToken();
  const store = await openStore(readSettings());
  try {
    const r = await store.setUnitTokenHash(unit, hashUnitToken(token), values.rotate ?? false);
    if (r === 'unknown-unit') throw new CliError(say('tally.cli.tokenUnknownUnit', { unit }));
    if (r === 'exists') throw new CliError(say('tally.cli.tokenExists', { unit }));
    console.log(token);
    console.error(say(values.rotate ? 'tally.cli.tokenRotated' : 'tally.cli.tokenShown', { unit }));
  } finally {
    await store.close();
  }
}

async function unitRevoke(args: string[]): Promise<void> {
  const unit = args[0];
  if (!unit || args.length > 1) throw new CliError('tally', 'tally.cli.revokeArgs');
  const store = await openStore(readSettings());
  try {
    const had = await store.revokeUnitToken(unit);
    console.log(say(had ? 'tally.cli.revoked' : 'tally.cli.noToken', { unit }));
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
  if (!format) throw new CliError(`--format ${values.format ?? '(?)'}`, 'tally.cli.badFormat');
  if (!values.out) throw new CliError('tally', 'tally.cli.outRequired');
  if (values['letter-date'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['letter-date']))
    throw new CliError(`--letter-date ${values['letter-date']}`, 'tally.cli.badDate');
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
      throw new CliError(`--unit ${values.unit}`, 'tally.cli.noSuchUnit');
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
    console.log(say('tally.cli.reportWritten', { campaign: campaign.id, file: resolve(values.out) }));
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
    throw new CliError('tally', 'tally.cli.publishArgs', { command: 'feed publish', file: 'FEED.json' });
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
    console.log(
      say(out.status === 'created' ? 'tally.cli.publishedNew' : 'tally.cli.publishedUpdated', {
        version: c.feedVersion,
        campaign: c.id,
        name: wording === 'en' ? c.nameEn : c.nameVi,
        start: c.startsOn,
        end: c.endsOn,
        indicators: out.indicators,
      }),
    );
  } catch (e) {
    if (e instanceof CampaignError) throw new CliError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}

async function listCampaigns(): Promise<void> {
  const store = await openStore(readSettings());
  try {
    const campaigns = await store.listCampaigns();
    if (campaigns.length === 0) {
      console.log(say('tally.cli.noCampaigns', { command: 'npm run tally -- feed publish FEED.json' }));
      return;
    }
    console.log(
      [
        say('tally.cli.col.id'),
        say('tally.cli.col.name'),
        say('tally.cli.col.start'),
        say('tally.cli.col.end'),
        say('tally.cli.col.deadline'),
        say('tally.cli.col.version'),
        say('tally.cli.col.published'),
      ].join('\t'),
    );
    // Dates as the reader writes them: Vietnamese unless the run speaks English only.
    const lang = wording === 'en' ? 'en' : 'vi';
    for (const c of campaigns)
      console.log(
        [
          c.id,
          lang === 'en' ? c.nameEn : c.nameVi,
          formatDate(c.startsOn, lang),
          formatDate(c.endsOn, lang),
          formatDate(c.reportDeadline, lang),
          c.feedVersion,
          formatDateTime(c.recordedAt, lang, { offsetMinutes: 420 }),
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
  if (isDir) throw fail(2, out, { code: 'tally.cli.outIsDir' }, { code: 'tally.cli.outIsDirHint' });
  let parentOk = false;
  try {
    parentOk = statSync(dirname(out)).isDirectory();
  } catch {
    // Reported below.
  }
  if (!parentOk) throw fail(2, out, { code: 'tally.cli.outNoParent' }, { code: 'tally.cli.outNoParentHint' });
}

async function main(all: string[]): Promise<void> {
  setLogSink((rec) => process.stderr.write(`${JSON.stringify(rec)}\n`));
  const lang = takeLang(all);
  wording = wordingFromEnv(lang.lang, process.env);
  setProcessWording(wording);
  if (lang.bad !== undefined) throw new CliError('tally', 'tally.cli.badLang', { value: lang.bad });
  const argv = lang.rest;
  const USAGE = usage();
  const [cmd, sub, ...rest] = argv;
  if (cmd !== undefined && cmd !== 'help' && !cmd.startsWith('-') && wantsHelp(argv)) {
    // `tally units import --help`: that verb's own lines of the usage, on stdout.
    const words = sub === undefined || sub.startsWith('-') ? [cmd] : [cmd, sub];
    const help =
      verbHelp(USAGE, `npm run tally -- ${words.join(' ')}`) ?? verbHelp(USAGE, `npm run tally -- ${cmd}`);
    if (help) {
      console.log(`${say('tally.cli.usage.title')}:\n${help}${USAGE.slice(USAGE.lastIndexOf('\n') + 1)}`);
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
    'tally',
    { code: 'tally.cli.noSuchCommand', params: { command: [cmd, sub].filter(Boolean).join(' ') } },
    { code: 'tally.cli.seeHelp' },
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  // One line (what, where, what to do), exit 2; never raw errno text or a stack.
  // A unit list's bad line is quoted back: no control character of it reaches the terminal.
  console.error(escapeControls(describeCliError(e, { databaseUrl: process.env.DATABASE_URL })));
  process.exit(e instanceof CliFailure ? e.exitCode : 2);
});
