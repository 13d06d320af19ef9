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
import { UserError } from '../shared/errors';
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
import { EXPORT_USAGE, exportCmd } from './feed-export-command';
import type { CliIo } from './io';

class UsageError extends Error {}

const USAGE = `Cách dùng / Usage: sachmadoc feed <verb>
  status [--json]                    nguồn cấp đang dùng / the feed in use (version, date, source, last checked)
  update [--url URL]                 tải nguồn cấp mới (mặc định: URL đã lưu hoặc SACHMADOC_FEED_URL)
                                     / fetch the latest signed feed (default: saved URL or SACHMADOC_FEED_URL)
  keygen --out DIR                   tạo cặp khoá / new key pair: DIR/feed.key (0600), DIR/feed.pub
  build --from FILE... --out FEED [--campaign-id ID] [--version N] [--base FEED] [--strict] [--allow-broad]
                                     gộp nguồn (STIX, MISP, danh sách, abuse.ch...) / merge feeds of any format;
                                     --base gives campaign metadata + allow-list (not its indicators);
                                     liệt kê chỉ báo lấy từ URL và host nền tảng dùng chung bị bỏ / lists
                                     indicators derived from URLs and shared-platform hosts left out;
                                     từ chối chỉ báo quá rộng (exit 2) trừ khi có --allow-broad / refuses
                                     catch-all indicators (/0, "com", github.com...) unless --allow-broad
  sign --key KEY FEED                ký, ghi FEED.sig / sign, writes FEED.sig
  verify FEED [--key PUB]...         kiểm chữ ký (mặc định: khoá ghim trong assets/keys) / check the signature
                                     exit 0 hợp lệ/valid, 2 không hợp lệ/invalid
  inspect FILE [--json]              chỉ báo trong bất kỳ tệp nguồn nào / indicators in any feed file,
                                     with those derived from URLs, shared platforms left out, catch-all ones
                                     exit 0 ok, 1 some lines had errors or catch-all entries, 2 unreadable
${EXPORT_USAGE}
Biến môi trường / Environment: HTTPS_PROXY, HTTP_PROXY, NO_PROXY, SACHMADOC_DATA_DIR, SACHMADOC_FEED_URL
`;

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
    io.stdout(`Cách dùng / Usage: sachmadoc feed ${verb} …\n${verbHelp(USAGE, verb) ?? ''}`);
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
        io.stdout(USAGE);
        return 0;
      case undefined:
        io.stderr(USAGE);
        return 2;
      default:
        throw new UsageError(`lệnh không rõ / unknown verb "${verb}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || isArgError(e)) {
      io.stderr(`feed ${verb ?? ''}: ${(e as Error).message}\n${USAGE}`);
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
  if (!value) throw new UsageError(`thiếu ${what} / missing ${what}`);
  return value;
}

/** A feed or key file: regular files only, within the feed cap (input-file.ts). */
async function readInput(path: string): Promise<Buffer> {
  const bytes = await readInputFile(path, 'feed');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function describeActive(a: ActiveFeed): string {
  const lines = [
    `Chiến dịch / Campaign: ${a.campaign.name.vi} / ${a.campaign.name.en}${a.sample ? '  [MẪU / SAMPLE]' : ''}`,
    `Phiên bản / Version:   ${a.version}`,
    `Phát hành / Published: ${a.publishedAt}`,
    `Nguồn / Source:        ${a.source} (${a.origin === 'cache' ? 'đã tải / downloaded' : 'đi kèm / bundled'})`,
    `Kiểm tra / Checked:    ${a.lastChecked ?? 'chưa bao giờ / never'}`,
    `Chỉ báo / Indicators:  ${a.indicators.length}, cho phép / allow-list: ${a.allowList.length}, khoá / key ${a.keyId}`,
  ];
  if (a.testKeyIds.length > 0)
    lines.push(
      `Khoá THỬ NGHIỆM / TEST-ONLY keys: ${a.testKeyIds.join(', ')} — bản dựng thử nghiệm, không phát cho người dùng / a development build, not for users`,
    );
  return `${[...lines, ...a.warnings.map((w) => `Cảnh báo / Warning: ${w}`)].join('\n')}\n`;
}

async function statusCmd(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const a = (await openDefaultFeedStore({ env: io.env })).active();
  if (values.json) {
    const {
      campaign,
      version,
      publishedAt,
      source,
      origin,
      lastChecked,
      sample,
      keyId,
      testKeyIds,
      warnings,
    } = a;
    const summary = {
      campaign,
      version,
      publishedAt,
      source,
      origin,
      lastChecked,
      sample,
      keyId,
      testKeyIds,
      warnings,
    };
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
        `Đã cập nhật / updated: phiên bản/version ${r.previousVersion} → ${r.version}\n${describeActive(store.active())}`,
      );
      return 0;
    case 'not-modified':
      io.stdout(
        `Không có gì mới / not modified (phiên bản/version ${r.version})\n${describeActive(store.active())}`,
      );
      return 0;
    case 'rejected':
      io.stderr(`Từ chối nguồn cấp / feed rejected [${r.reason.code}]: ${r.reason.message}\n`);
      io.stderr(`Vẫn dùng / still using version ${store.active().version} (${store.active().source})\n`);
      return 2;
    case 'failed':
      io.stderr(`Cập nhật thất bại / update failed [${r.reason.code}]: ${r.reason.message}\n`);
      io.stderr(`Vẫn dùng / still using version ${store.active().version} (${store.active().source})\n`);
      return 2;
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
      throw new UserError(
        `${keyFile} đã tồn tại, không ghi đè / already exists, not overwritten`,
        'chọn thư mục khác / choose another --out',
      );
    }
    throw e;
  });
  await chmod(keyFile, 0o600);
  await writeFile(join(dir, 'feed.pub'), publicPem);
  const { keyId } = parsePublicKey(publicPem, 'feed.pub');
  io.stdout(
    `Đã tạo / created ${keyFile} (0600) và/and ${join(dir, 'feed.pub')} — keyId ${keyId}\n` +
      'Giữ feed.key ngoại tuyến; ghim feed.pub vào assets/keys/. / Keep feed.key offline; pin feed.pub in assets/keys/.\n',
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
  if (from.length === 0) throw new UsageError('thiếu / missing --from FILE');
  const out = resolve(io.cwd, need(values.out, '--out FEED'));
  let version: number | undefined;
  if (values.version !== undefined) {
    version = Number(values.version);
    if (!Number.isInteger(version) || version < 1)
      throw new UsageError(`--version phải là số nguyên ≥ 1 / must be an integer ≥ 1 (${values.version})`);
  }
  let base: CampaignFeed | undefined;
  if (values.base) {
    const path = resolve(io.cwd, values.base);
    const parsed = campaignFeedSchema.safeParse(safeJson(await readInput(path)));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new UserError(
        `${path}: không phải nguồn cấp chiến dịch / not a campaign feed (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})`,
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
    io.stderr(
      `feed build: ${outcome.errors.length} lỗi, không ghi tệp (--strict) / errors, nothing written (--strict)\n`,
    );
    return 2;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFileAtomic(out, outcome.chunks);
  for (const p of outcome.perFile)
    io.stdout(`  ${p.file}: ${p.format}, ${p.indicators} chỉ báo/indicators, ${p.added} mới/new\n`);
  io.stdout(
    `Đã ghi / wrote ${out}: phiên bản/version ${outcome.version}, ${outcome.indicatorCount} chỉ báo/indicators, ` +
      `${outcome.duplicates} trùng/duplicates, ${outcome.errors.length} dòng lỗi/bad lines\n` +
      `Bước tiếp / next: sachmadoc feed sign --key KEY ${basename(out)}\n`,
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
    throw new UserError(
      check.error.message,
      'sửa tệp hoặc tạo lại bằng "feed build" / fix it or rebuild with "feed build"',
    );
  }
  const sigText = signFeedBytes(bytes, key);
  await writeFileAtomic(`${feedPath}.sig`, sigText);
  const pinned = await loadPinnedKeys(bundledPaths(defaultAssetsDir(io.env)).keysDir).catch(() => []);
  const keyId = (JSON.parse(sigText) as { keyId: string }).keyId;
  if (!pinned.some((k) => k.keyId === keyId)) {
    io.stderr(
      `Lưu ý: khoá ${keyId} chưa được ghim trong assets/keys, ứng dụng sẽ từ chối nguồn cấp này. / ` +
        `Note: key ${keyId} is not pinned in assets/keys; the app will reject this feed.\n`,
    );
  }
  io.stdout(`Đã ký / signed: ${feedPath}.sig\n`);
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
    io.stderr(
      `${feedPath}.sig: không có tệp chữ ký; hãy ký bằng "feed sign" / no signature file; sign it with "feed sign"\n`,
    );
    return 2;
  }
  const r = verifyFeed(bytes, sig, keys, feedPath);
  if (!r.ok) {
    io.stderr(`${r.error.message}\n`);
    return 2;
  }
  io.stdout(
    `Chữ ký hợp lệ / signature valid: ${feedPath} (khoá/key ${r.value.key.name}, ${r.value.key.keyId}; ` +
      `phiên bản/version ${r.value.feed.version}, ${r.value.feed.indicators.length} chỉ báo/indicators)\n`,
  );
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
        message: `${b.reason.vi} (${b.reason.en})`,
      })),
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const fromUrl = listing.fromUrl;
    io.stdout(
      `${file}: ${result.format}, ${listing.count} chỉ báo/indicators (${fromUrl} lấy từ URL/from URLs), ` +
        `${result.skipped} bỏ qua/skipped, ${drops.length} host nền tảng dùng chung/shared-platform hosts, ${broad.length} quá rộng/catch-all\n`,
    );
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
        `${file}:${b.line}: quá rộng/catch-all ${b.type} ${b.value}: ${b.reason.vi} (${b.reason.en})\n`,
      );
  }
  if (result.format === 'unknown') return 2;
  return result.errors.length > 0 || broad.length > 0 ? 1 : 0;
}
