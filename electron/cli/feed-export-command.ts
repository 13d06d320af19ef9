// `sachmadoc feed export --format F [--feed FEED] [--out FILE]` and `feed export --list`: the
// campaign feed as the blocklist a DNS server, firewall or sensor loads (shared/export).
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../shared/errors';
import type { CampaignFeed } from '../../shared/feed/campaign-feed';
import { validateFeedBytes } from '../../shared/feed/validate-feed';
import {
  buildExportModel,
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  exportFeed,
  isExportFormat,
} from '../../shared/export/index';
import { writeFileAtomic } from '../services/atomic-write';
import { openDefaultFeedStore } from '../services/feed/index';
import { loadPinnedKeys } from '../services/feed/keys';
import { bundledPaths, defaultAssetsDir } from '../services/feed/paths';
import { verifyFeed } from '../services/feed/verify-feed';
import type { CliIo } from './io';

export const EXPORT_USAGE = `  export --format F [--feed FEED] [--out FILE]
                                     nguồn cấp thành danh sách chặn cho DNS/tường lửa/cảm biến
                                     / the feed as a blocklist for DNS servers, firewalls, sensors
                                     (mặc định nguồn cấp đang dùng / default: the feed in use)
  export --list                      các định dạng / the formats
`;

/** The --list text: one line per format. */
export function formatList(): string {
  const width = Math.max(...EXPORT_FORMATS.map((f) => f.length));
  return `${EXPORT_FORMATS.map((f) => {
    const i = EXPORT_FORMAT_INFO[f];
    return `${f.padEnd(width)}  ${i.summary.vi} / ${i.summary.en}`;
  }).join('\n')}\n`;
}

async function loadFeedFile(path: string, io: CliIo): Promise<CampaignFeed> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new UserError(
      `không đọc được / cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'kiểm tra đường dẫn / check the path',
    );
  }
  const check = validateFeedBytes(bytes, path);
  if (!check.ok)
    throw new UserError(
      check.error.message,
      'dùng nguồn cấp chiến dịch từ "feed build" / use a campaign feed from "feed build"',
    );
  let sig: Buffer | undefined;
  try {
    sig = await readFile(`${path}.sig`);
  } catch {
    io.stderr(
      `Lưu ý: ${path} chưa ký (không có ${path}.sig); thiết bị sẽ chặn theo nguồn cấp chưa kiểm chứng. / ` +
        `Note: ${path} is not signed (no .sig); devices would block from an unverified feed.\n`,
    );
  }
  if (sig) {
    const keys = await loadPinnedKeys(bundledPaths(defaultAssetsDir(io.env)).keysDir);
    const r = verifyFeed(bytes, sig, keys, path);
    if (!r.ok)
      throw new UserError(r.error.message, 'ký lại bằng khoá đã ghim / sign it again with a pinned key');
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
    io.stderr(
      `feed export: ${format ? `định dạng không có / unknown format "${format}"` : 'thiếu / missing --format F'}; ` +
        `chọn một / choose one of: ${EXPORT_FORMATS.join(', ')} (sachmadoc feed export --list)\n`,
    );
    return 2;
  }
  const feed = values.feed
    ? await loadFeedFile(resolve(io.cwd, values.feed), io)
    : (await openDefaultFeedStore({ env: io.env })).active().feed;
  const model = buildExportModel(feed);
  const files = exportFeed(feed, format, model);
  if (feed.campaign.sample)
    io.stderr(
      'Lưu ý: đây là nguồn cấp MẪU (địa chỉ tài liệu), không dùng để chặn thật. / Note: this is the SAMPLE feed (documentation addresses), not for real blocking.\n',
    );
  for (const l of model.leftOut.filter((x) => x.reason !== 'allow-listed'))
    io.stderr(`Bỏ qua / left out: ${l.type} ${l.value}: ${l.detail.vi} / ${l.detail.en}\n`);
  if (!values.out) {
    io.stdout(files[0].text);
    if (files.length > 1)
      io.stderr(
        `Định dạng này có thêm tệp ${files
          .slice(1)
          .map((f) => f.name)
          .join(
            ', ',
          )}: dùng --out FILE để ghi tất cả. / This format has more files: use --out FILE to write them all.\n`,
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
  io.stdout(
    `Đã ghi / wrote ${written.join(', ')} (${format}; phiên bản/version ${feed.version}, ` +
      `${model.domains.length} tên miền/domains, ${model.ipv4.length + model.ipv6.length} IP)\n`,
  );
  return 0;
}
