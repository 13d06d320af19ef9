// `sachmadoc feed export --format F [--feed FEED] [--out FILE]` and `feed export --list`: the
// campaign feed as the blocklist a DNS server, firewall or sensor loads (shared/export).
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError, userError } from '../shared/errors';
import { bilingual, bilingualBy, translate, type Language, type Message } from '../shared/i18n';
import type { CampaignFeed } from '../shared/campaign-feed/campaign-feed';
import { validateFeedBytes } from '../shared/campaign-feed/validate-feed';
import {
  buildExportModel,
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  exportFeed,
  isExportFormat,
} from '../shared/export/index';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { openDefaultFeedStore } from '../services/feed/index';
import { loadPinnedKeys } from '../node-shared/feed/keys';
import { bundledPaths, defaultAssetsDir } from '../services/feed/paths';
import { verifyFeed } from '../node-shared/feed/verify-feed';
import type { CliIo } from './io';

/** The --list text: one line per format. */
export function formatList(): string {
  const width = Math.max(...EXPORT_FORMATS.map((f) => f.length));
  return `${EXPORT_FORMATS.map((f) => {
    const i = EXPORT_FORMAT_INFO[f];
    return `${f.padEnd(width)}  ${bilingual(i.summary)}`;
  }).join('\n')}\n`;
}

async function loadFeedFile(path: string, io: CliIo): Promise<CampaignFeed> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw userError('msg.cli.cannotRead', {
      params: { flag: '--feed', path, code: (e as NodeJS.ErrnoException).code ?? (e as Error).message },
      hint: 'msg.cli.checkPath',
    });
  }
  const check = validateFeedBytes(bytes, path);
  if (!check.ok) throw new UserError(check.error.message, bilingual('msg.cli.export.feedHint'));
  let sig: Buffer | undefined;
  try {
    sig = await readFile(`${path}.sig`);
  } catch {
    io.stderr(`${bilingual('msg.cli.export.unsigned', { file: path })}\n`);
  }
  if (sig) {
    const keys = await loadPinnedKeys(bundledPaths(defaultAssetsDir(io.env)).keysDir);
    const r = verifyFeed(bytes, sig, keys, path);
    if (!r.ok) throw new UserError(r.error.message, bilingual('msg.cli.export.signAgain'));
  }
  return check.feed;
}

/** Runs `feed export`; returns the exit code (0 written, 2 error). */
export async function exportCmd(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      feed: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.list) {
    io.stdout(formatList());
    return 0;
  }
  const format = values.format;
  if (!format || !isExportFormat(format)) {
    const problem: Message = format
      ? { code: 'msg.cli.export.unknownFormat', params: { format } }
      : { code: 'msg.cli.missing', params: { what: '--format F' } };
    const formats = EXPORT_FORMATS.join(', ');
    const line = (l: Language) =>
      translate(l, 'msg.cli.export.chooseFormat', {
        problem: translate(l, problem.code, problem.params),
        formats,
      });
    io.stderr(`feed export: ${bilingualBy(line)}\n`);
    return 2;
  }
  const feed = values.feed
    ? await loadFeedFile(resolve(io.cwd, values.feed), io)
    : (await openDefaultFeedStore({ env: io.env })).active().feed;
  const model = buildExportModel(feed);
  const files = exportFeed(feed, format, model);
  if (feed.campaign.sample) io.stderr(`${bilingual('msg.cli.export.sample')}\n`);
  for (const l of model.leftOut.filter((x) => x.reason !== 'allow-listed')) {
    const line = (lang: Language) =>
      translate(lang, 'msg.cli.export.leftOut', { type: l.type, value: l.value, detail: l.detail[lang] });
    io.stderr(`${bilingualBy(line)}\n`);
  }
  if (!values.out) {
    io.stdout(files[0].text);
    if (files.length > 1)
      io.stderr(
        `${bilingual('msg.cli.export.moreFiles', {
          files: files
            .slice(1)
            .map((f) => f.name)
            .join(', '),
        })}\n`,
      );
    return 0;
  }
  const out = resolve(io.cwd, values.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFileAtomic(out, files[0].text);
  const written = [out];
  for (const f of files.slice(1)) {
    const p = join(dirname(out), f.name);
    await writeFileAtomic(p, f.text);
    written.push(p);
  }
  const counts = {
    files: written.join(', '),
    format,
    version: feed.version,
    domains: model.domains.length,
    ips: model.ipv4.length + model.ipv6.length,
  };
  io.stdout(`${bilingual('msg.cli.export.wrote', counts)}\n`);
  return 0;
}
