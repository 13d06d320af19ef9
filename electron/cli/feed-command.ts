// `sachmadoc feed <verb>` (and `npm run feed -- <verb>`): the agency's feed tools and the app's
// feed status/update, testable in-process through CliIo.
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  generateKeyPairPem,
  loadPinnedKeys,
  parsePrivateKey,
  parsePublicKey,
  signFeedBytes,
  verifyFeedBytes,
} from '../services/feed/keys';
import type { PinnedKey } from '../services/feed/keys';
import { bundledPaths, defaultAssetsDir } from '../services/feed/paths';

/** The terminal a command writes to; same shape as electron/cli/io.ts. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

class UsageError extends Error {}

const USAGE = `Cách dùng / Usage: sachmadoc feed <verb>
  update [--url URL]                 tải nguồn cấp mới / fetch the latest signed feed
  status                             nguồn cấp đang dùng / the feed the app uses
  keygen --out DIR                   tạo cặp khoá / new key pair (DIR/feed.key, DIR/feed.pub)
  build --from FILE... --out FEED [--campaign-id ID] [--version N] [--base FEED]
  sign --key KEY FEED                ký, ghi FEED.sig / sign, writes FEED.sig
  verify FEED [--key PUB]            kiểm chữ ký / check the signature (exit 0 ok, 2 not)
  inspect FILE --json                chỉ báo trong tệp / indicators in any feed file
`;

/** Runs one `feed` verb; returns the process exit code (0 ok, 2 error or invalid). */
export async function runFeedCommand(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    switch (verb) {
      case 'keygen':
        return await keygen(rest, io);
      case 'sign':
        return await signCmd(rest, io);
      case 'verify':
        return await verifyCmd(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout(USAGE);
        return verb === undefined ? 2 : 0;
      default:
        throw new UsageError(`lệnh không rõ / unknown verb "${verb}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || isArgError(e)) {
      io.stderr(`feed: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    io.stderr(`feed ${verb ?? ''}: ${e instanceof Error ? e.message : String(e)}\n`);
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

async function keygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  const dir = resolve(io.cwd, need(values.out, '--out DIR'));
  await mkdir(dir, { recursive: true });
  const { privatePem, publicPem } = generateKeyPairPem();
  const keyFile = join(dir, 'feed.key');
  // 'wx' refuses to overwrite an existing private key: losing one means re-pinning every install.
  await writeFile(keyFile, privatePem, { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST')
      throw new Error(`${keyFile} đã tồn tại, không ghi đè / already exists, not overwritten`);
    throw e;
  });
  await chmod(keyFile, 0o600);
  await writeFile(join(dir, 'feed.pub'), publicPem);
  const { keyId } = parsePublicKey(publicPem, 'feed.pub');
  io.stdout(`Đã tạo / created ${keyFile} (0600) và/and ${join(dir, 'feed.pub')} — keyId ${keyId}\n`);
  return 0;
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
  const key = parsePrivateKey(await readFile(keyPath), keyPath);
  const sig = signFeedBytes(await readFile(feedPath), key);
  await writeFile(`${feedPath}.sig`, sig);
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
    for (const k of values.key) keys.push(parsePublicKey(await readFile(resolve(io.cwd, k)), k));
  } else {
    keys = await loadPinnedKeys(bundledPaths(defaultAssetsDir(io.env)).keysDir);
  }
  const bytes = await readFile(feedPath);
  let sig: Buffer;
  try {
    sig = await readFile(`${feedPath}.sig`);
  } catch {
    io.stderr(
      `${feedPath}.sig: không có tệp chữ ký; hãy ký bằng "feed sign" / no signature file; sign it with "feed sign"\n`,
    );
    return 2;
  }
  const r = verifyFeedBytes(bytes, sig, keys);
  if (!r.ok) {
    io.stderr(`${feedPath}: ${r.problem.message}\n`);
    return 2;
  }
  io.stdout(`Chữ ký hợp lệ / signature valid: ${feedPath} (key ${r.key.name}, ${r.key.keyId})\n`);
  return 0;
}
