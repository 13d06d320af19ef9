// `sachmadoc feed <verb>` (and `npm run feed -- <verb>`): the agency's feed tools (keygen, build,
// sign, verify, inspect) and the app's feed (update, status), testable in-process through CliIo.
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { readInputFile } from '../node-shared/input-file';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { campaignFeedSchema } from '../shared/campaign-feed/campaign-feed';
import { validateFeedBytes } from '../shared/campaign-feed/validate-feed';
import type { CampaignFeed } from '../shared/campaign-feed/campaign-feed';
import { parseFeed } from '../shared/indicator-formats';
import { UserError, userError } from '../shared/errors';
import { bilingual, bilingualPair, translate } from '../shared/i18n';
import { verbHelp, wantsHelp } from '../shared/cli-help';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { buildCampaignFeed } from '../services/feed/feed-build';
import type { BuildInput } from '../services/feed/feed-build';
import { catchAllOf, refuseBroad, reportUrlHosts } from './feed-report';
import type { ActiveFeed } from '../services/feed/feed-store';
import { openDefaultFeedStore } from '../services/feed/index';
import { inspectListing } from '../services/feed/feed-inspect';
import {
  generateKeyPairPem,
  loadPinnedKeys,
  parsePrivateKey,
  parsePublicKey,
  signFeedBytes,
} from '../node-shared/feed/keys';
import type { PinnedKey } from '../node-shared/feed/keys';
import { bundledPaths, defaultAssetsDir } from '../services/feed/paths';
import { verifyFeed } from '../node-shared/feed/verify-feed';
import { exportCmd } from './feed-export-command';
import { usageText } from './usage';
import type { CliIo } from './io';

class UsageError extends Error {}

/** `sachmadoc feed help`, with the export verb's lines in the same language. */
const feedUsage = (): string =>
  usageText('msg.cli.usage.feed', (l) => ({ export: translate(l, 'msg.cli.usage.export').trimEnd() }));

/** Every `feed` verb (the dispatch below and the --help walk of the tests). */
export const FEED_VERBS = [
  'status',
  'update',
  'keygen',
  'build',
  'sign',
  'verify',
  'inspect',
  'export',
] as const;

/** Runs one `feed` verb; returns the exit code (0 ok, 1 warnings, 2 error or invalid). */
export async function runFeedCommand(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if ((FEED_VERBS as readonly (string | undefined)[]).includes(verb) && wantsHelp(rest)) {
    io.stdout(
      `${bilingual('msg.cli.usage.label')}: sachmadoc feed ${verb} …\n${verbHelp(feedUsage(), verb) ?? ''}`,
    );
    return 0;
  }
  try {
    switch (verb) {
      case 'status':
        return await statusCmd(rest, io);
      case 'update':
        return await updateCmd(rest, io);
      case 'keygen':
        return await keygenCmd(rest, io);
      case 'build':
        return await buildCmd(rest, io);
      case 'sign':
        return await signCmd(rest, io);
      case 'verify':
        return await verifyCmd(rest, io);
      case 'inspect':
        return await inspectCmd(rest, io);
      case 'export':
        return await exportCmd(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(feedUsage());
        return 0;
      case undefined:
        io.stderr(feedUsage());
        return 2;
      default:
        throw new UsageError(bilingual('msg.cli.unknownVerb', { verb }));
    }
  } catch (e) {
    if (e instanceof UsageError || isArgError(e)) {
      io.stderr(`feed ${verb ?? ''}: ${(e as Error).message}\n${feedUsage()}`);
      return 2;
    }
    const hint = e instanceof UserError && e.hint ? `\n  → ${e.hint}` : '';
    io.stderr(`feed ${verb ?? ''}: ${e instanceof Error ? e.message : String(e)}${hint}\n`);
    return 2;
  }
}

function isArgError(e: unknown): boolean {
  return (
    e instanceof TypeError &&
    'code' in e &&
    String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(bilingual('msg.cli.missing', { what }));
  return value;
}

/** A feed or key file: regular files only, within the feed cap (input-file.ts). */
async function readInput(path: string): Promise<Buffer> {
  const bytes = await readInputFile(path, 'feed');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function describeActive(a: ActiveFeed): string {
  const rows: [string, string][] = [
    [
      'campaign',
      `${bilingualPair(a.campaign.name)}${a.sample ? `  [${bilingual('msg.cli.feed.label.sample')}]` : ''}`,
    ],
    ['version', String(a.version)],
    ['published', a.publishedAt],
    [
      'source',
      `${a.source} (${bilingual(a.origin === 'cache' ? 'msg.cli.feed.origin.cache' : 'msg.cli.feed.origin.bundled')})`,
    ],
    ['checked', a.lastChecked ?? bilingual('msg.cli.feed.never')],
    [
      'indicators',
      bilingual('msg.cli.feed.counts', {
        total: a.indicators.length,
        allowed: a.allowList.length,
        keyId: a.keyId,
      }),
    ],
  ];
  // Labels padded to one column, in whichever language(s) the run speaks.
  const labels = rows.map(([key]) => `${bilingual(`msg.cli.feed.label.${key}`)}:`);
  const width = Math.max(...labels.map((l) => l.length));
  const lines = rows.map(([, value], i) => `${labels[i].padEnd(width)} ${value}`);
  if (a.testKeyIds.length > 0)
    lines.push(bilingual('msg.cli.feed.testKeys', { keys: a.testKeyIds.join(', ') }));
  return `${[...lines, ...a.warnings.map((w) => `${bilingual('msg.cli.feed.warning')}: ${w}`)].join('\n')}\n`;
}

/** The fields of the feed in use that `feed status --json` prints, in this order, before the counts. */
const STATUS_FIELDS = [
  'campaign',
  'version',
  'publishedAt',
  'source',
  'origin',
  'lastChecked',
  'sample',
  'keyId',
  'testKeyIds',
  'warnings',
] as const satisfies readonly (keyof ActiveFeed)[];

async function statusCmd(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const a = (await openDefaultFeedStore({ env: io.env })).active();
  if (values.json) {
    const summary = Object.fromEntries(STATUS_FIELDS.map((k) => [k, a[k]]));
    io.stdout(
      `${JSON.stringify({ ...summary, indicators: a.indicators.length, allowList: a.allowList.length }, null, 2)}\n`,
    );
  } else io.stdout(describeActive(a));
  return 0;
}

async function updateCmd(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: 'string' } }, strict: true });
  const store = await openDefaultFeedStore({ env: io.env });
  const r = await store.update(values.url ? { url: values.url } : {});
  switch (r.status) {
    case 'updated':
      io.stdout(
        `${bilingual('msg.cli.feed.updated', { from: r.previousVersion, to: r.version })}\n${describeActive(store.active())}`,
      );
      return 0;
    case 'not-modified':
      io.stdout(
        `${bilingual('msg.cli.feed.notModified', { version: r.version })}\n${describeActive(store.active())}`,
      );
      return 0;
    case 'rejected':
    case 'failed': {
      const code = r.status === 'rejected' ? 'msg.cli.feed.rejected' : 'msg.cli.feed.updateFailed';
      const { version, source } = store.active();
      io.stderr(`${bilingual(code)} [${r.reason.code}]: ${r.reason.message}\n`);
      io.stderr(`${bilingual('msg.cli.feed.stillUsing', { version, source })}\n`);
      return 2;
    }
  }
}

async function keygenCmd(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  const dir = resolve(io.cwd, need(values.out, '--out DIR'));
  await mkdir(dir, { recursive: true });
  const { privatePem, publicPem } = generateKeyPairPem();
  const keyFile = join(dir, 'feed.key');
  // 'wx' refuses to overwrite a private key: losing one means re-pinning every installation.
  await writeFile(keyFile, privatePem, { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST') {
      throw userError('msg.cli.feed.keyExists', {
        params: { file: keyFile },
        hint: 'msg.cli.feed.keyExistsHint',
      });
    }
    throw e;
  });
  await chmod(keyFile, 0o600);
  await writeFile(join(dir, 'feed.pub'), publicPem);
  const { keyId } = parsePublicKey(publicPem, 'feed.pub');
  io.stdout(
    `${bilingual('msg.cli.feed.keysCreated', { key: keyFile, pub: join(dir, 'feed.pub'), keyId })}\n` +
      `${bilingual('msg.cli.feed.keepOffline')}\n`,
  );
  return 0;
}

async function buildCmd(args: string[], io: CliIo): Promise<number> {
  const { values, tokens } = parseArgs({
    args,
    options: {
      from: { type: 'string', multiple: true },
      out: { type: 'string' },
      'campaign-id': { type: 'string' },
      version: { type: 'string' },
      base: { type: 'string' },
      strict: { type: 'boolean' },
      'allow-broad': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  // `--from a.json b.csv c.txt` (the issue's FILE...) and repeated --from both work; the order
  // given is kept because the first occurrence of a value keeps its comment and severity.
  const from = tokens.flatMap((t) =>
    (t.kind === 'option' && t.name === 'from' && t.value !== undefined) || t.kind === 'positional'
      ? [t.value]
      : [],
  );
  if (from.length === 0) throw new UsageError(bilingual('msg.cli.missing', { what: '--from FILE' }));
  const out = resolve(io.cwd, need(values.out, '--out FEED'));
  let version: number | undefined;
  if (values.version !== undefined) {
    version = Number(values.version);
    if (!Number.isInteger(version) || version < 1)
      throw new UsageError(bilingual('msg.cli.feed.versionInteger', { value: values.version }));
  }
  let base: CampaignFeed | undefined;
  if (values.base) {
    const path = resolve(io.cwd, values.base);
    const parsed = campaignFeedSchema.safeParse(safeJson(await readInput(path)));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new UserError(
        `${path}: ${bilingual('msg.cli.feed.notCampaignFeed')} (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})`,
      );
    }
    base = parsed.data;
  }
  const inputs: BuildInput[] = [];
  for (const f of from) inputs.push({ file: f, bytes: await readInput(resolve(io.cwd, f)) });
  const allowBroad = values['allow-broad'] === true;
  const outcome = buildCampaignFeed(inputs, {
    now: new Date(),
    allowBroad,
    ...(base && values.base ? { base, baseFile: values.base } : {}),
    ...(values['campaign-id'] ? { campaignId: values['campaign-id'] } : {}),
    ...(version !== undefined ? { version } : {}),
  });
  for (const e of outcome.errors) io.stderr(`${e.file}:${e.line}: ${e.message}\n`);
  reportUrlHosts(io, outcome.derived, outcome.sharedPlatformDrops);
  if (refuseBroad(io, outcome.broad, allowBroad)) return 2;
  if (values.strict && outcome.errors.length > 0) {
    io.stderr(`feed build: ${bilingual('msg.cli.feed.strictErrors', { count: outcome.errors.length })}\n`);
    return 2;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFileAtomic(out, outcome.chunks);
  for (const p of outcome.perFile)
    io.stdout(
      `  ${p.file}: ${p.format}, ${bilingual('msg.cli.feed.perFile', { indicators: p.indicators, added: p.added })}\n`,
    );
  const wrote = {
    file: out,
    version: outcome.version,
    indicators: outcome.indicatorCount,
    duplicates: outcome.duplicates,
    lines: outcome.errors.length,
  };
  io.stdout(
    `${bilingual('msg.cli.feed.wrote', wrote)}\n${bilingual('msg.cli.feed.nextSign', { file: basename(out) })}\n`,
  );
  return 0;
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

async function signCmd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { key: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const keyPath = resolve(io.cwd, need(values.key, '--key KEY'));
  const feedPath = resolve(io.cwd, need(positionals[0], 'FEED'));
  const key = parsePrivateKey(await readInput(keyPath), keyPath);
  const bytes = await readInput(feedPath);
  // Signing an invalid feed would only move the failure to every installation.
  const check = validateFeedBytes(bytes, feedPath);
  if (!check.ok) {
    throw new UserError(check.error.message, bilingual('msg.cli.feed.signHint'));
  }
  const sigText = signFeedBytes(bytes, key);
  await writeFileAtomic(`${feedPath}.sig`, sigText);
  const pinned = await loadPinnedKeys(bundledPaths(defaultAssetsDir(io.env)).keysDir).catch(() => []);
  const keyId = (JSON.parse(sigText) as { keyId: string }).keyId;
  if (!pinned.some((k) => k.keyId === keyId)) {
    io.stderr(`${bilingual('msg.cli.feed.notPinned', { keyId })}\n`);
  }
  io.stdout(`${bilingual('msg.cli.feed.signed', { file: `${feedPath}.sig` })}\n`);
  return 0;
}

async function verifyCmd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { key: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  const feedPath = resolve(io.cwd, need(positionals[0], 'FEED'));
  let keys: PinnedKey[];
  if (values.key?.length) {
    keys = [];
    for (const k of values.key) keys.push(parsePublicKey(await readInput(resolve(io.cwd, k)), k));
  } else {
    keys = await loadPinnedKeys(bundledPaths(defaultAssetsDir(io.env)).keysDir);
  }
  const bytes = await readInput(feedPath);
  let sig: Buffer;
  try {
    const raw = await readInputFile(`${feedPath}.sig`, 'signature');
    sig = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  } catch (e) {
    // There but unusable (a FIFO, a directory, too large): say that, not "no signature".
    if (existsSync(`${feedPath}.sig`)) {
      const hint = e instanceof UserError && e.hint ? ` — ${e.hint}` : '';
      io.stderr(`${(e as Error).message}${hint}\n`);
      return 2;
    }
    io.stderr(`${feedPath}.sig: ${bilingual('msg.cli.feed.noSig')}\n`);
    return 2;
  }
  const r = verifyFeed(bytes, sig, keys, feedPath);
  if (!r.ok) {
    io.stderr(`${r.error.message}\n`);
    return 2;
  }
  const valid = {
    file: feedPath,
    key: r.value.key.name,
    keyId: r.value.key.keyId,
    version: r.value.feed.version,
    indicators: r.value.feed.indicators.length,
  };
  io.stdout(`${bilingual('msg.cli.feed.valid', valid)}\n`);
  return 0;
}

async function inspectCmd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const file = need(positionals[0], 'FILE');
  const bytes = await readInput(resolve(io.cwd, file));
  // The listing is made as the file is parsed (no array of a million indicators); --json needs them all.
  const listing = values.json ? null : inspectListing(bytes, file);
  const result = listing?.result ?? parseFeed(bytes, file);
  const drops = result.sharedPlatformDrops ?? [];
  const broad = catchAllOf(result, bytes, listing?.broad);
  if (listing === null) {
    const doc = {
      indicators: result.indicators.map((i) => ({
        type: i.kind,
        value: i.value,
        ...(i.fromUrl === undefined ? {} : { fromUrl: i.fromUrl }),
      })),
      errors: result.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
      sharedPlatforms: drops.map((d) => ({ file, ...d })),
      broad: broad.map((b) => ({
        file,
        line: b.line,
        type: b.type,
        value: b.value,
        code: b.reason.code,
        message: bilingualPair(b.reason),
      })),
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const counts = {
      indicators: listing.count,
      derived: listing.fromUrl,
      skipped: result.skipped,
      dropped: drops.length,
      catchAll: broad.length,
    };
    io.stdout(`${file}: ${result.format}, ${bilingual('msg.cli.feed.inspected', counts)}\n`);
    // Written in chunks of a few thousand lines, not one write per indicator (a million writes
    // were most of an inspect's time and memory).
    for (const chunk of listing.chunks) io.stdout(chunk.toString('utf8'));
    reportUrlHosts(
      io,
      [],
      drops.map((d) => ({ file, ...d })),
    );
    for (const e of result.errors) io.stderr(`${e.file}:${e.line}: ${e.message}\n`);
    for (const b of broad)
      io.stderr(
        `${file}:${b.line}: ${bilingual('msg.cli.feed.catchAll', undefined, '/')} ${b.type} ${b.value}: ${bilingualPair(b.reason)}\n`,
      );
  }
  if (result.format === 'unknown') return 2;
  return result.errors.length > 0 || broad.length > 0 ? 1 : 0;
}
