// Guided removal of a crack's hosts-file activation block (one vendor's lines that send its
// licensing servers to loopback or 0.0.0.0). The step works on the bytes of the file: it removes
// exactly the lines of that block, and only those, and keeps every other byte as it was (CRLF
// endings, a UTF-8 BOM, comments, a missing final newline). It refuses when the block on disk is
// not the block the scan showed (the file changed since), writes the backup before touching the
// file, and says how to get administrator rights when Windows refuses the write.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import {
  activationBlockFindings,
  activationVendorOf,
  isBlackholeAddress,
} from '../../shared/licensing/hosts-activation';
import type { ActivationVendor } from '../../shared/licensing/signatures';
import { parseHostsFile } from '../../shared/parsers/hosts-file';
import type { StepResult, Text2 } from './types';

/** File operations the step needs (injected in tests; Node's by default). */
export interface HostsBlockFs {
  read(path: string): Promise<Uint8Array>;
  /** Writes a new file and flushes it to disk (the backup). */
  writeNew(path: string, data: Uint8Array): Promise<void>;
  /** Replaces the hosts file's content in place (keeps its owner, ACL and attributes). */
  overwrite(path: string, data: Uint8Array): Promise<void>;
  mkdir(dir: string): Promise<unknown>;
}

async function writeDurably(path: string, data: Uint8Array, flag: 'wx' | 'w'): Promise<void> {
  const handle = await open(path, flag);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Node's file system: the backup is a new file; the hosts file is rewritten in place. */
export const nodeHostsBlockFs: HostsBlockFs = {
  read: (p) => readFile(p),
  writeNew: (p, d) => writeDurably(p, d, 'wx'),
  overwrite: (p, d) => writeDurably(p, d, 'w'),
  mkdir: (dir) => mkdir(dir, { recursive: true }),
};

/** What the step needs. */
export interface HostsBlockDeps {
  hostsPath: string;
  vendors: readonly ActivationVendor[];
  backupDir: string;
  clock: () => Date;
  fs: HostsBlockFs;
  /** Path separator of the backup folder ('\\' on Windows). */
  sep?: string;
}

/** One line to remove: its number (1-based) and its text as read. */
export interface BlockLine {
  line: number;
  text: string;
}

const ELEVATE: Text2 = {
  vi: 'Sửa tệp hosts cần quyền quản trị. Đóng Sạch Mã Độc, nhấp chuột phải vào biểu tượng và chọn "Run as administrator" (Chạy với quyền quản trị), rồi làm lại bước này. Tệp hosts chưa bị thay đổi.',
  en: 'Editing the hosts file needs administrator rights. Close Sạch Mã Độc, right-click its icon, choose "Run as administrator", then repeat this step. The hosts file was not changed.',
};

const res = (
  outcome: StepResult['outcome'],
  message: Text2,
  extra: { detail?: string; data?: Record<string, unknown> } = {},
): StepResult => ({ step: 'remove-hosts-block', outcome, message, ...extra });

/** Splits text into lines with their own terminators, by the hosts parser's rule (\r\n, \n or \r). */
function splitKeepingEnds(text: string): string[] {
  const parts = text.split(/(\r\n|\n|\r)/);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push(parts[i] + (parts[i + 1] ?? ''));
  // A file ending with a newline has an empty last piece: no line there.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const isUtf16 = (b: Uint8Array) =>
  b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));

/**
 * The vendor's block in hosts text: its lines in file order, and the evidence the scan would show
 * for it (to compare with the evidence the person saw). Null when the file has no such block.
 */
export function findActivationBlock(
  text: string,
  file: string,
  vendor: string,
  vendors: readonly ActivationVendor[],
): { lines: BlockLine[]; evidence: string; otherNames: { line: number; name: string }[] } | null {
  const { records } = parseHostsFile(text, file);
  const finding = activationBlockFindings(records, vendors).find((f) => f.indicator === vendor);
  if (!finding) return null;
  const lines = new Map<number, string>();
  for (const r of records)
    if (r.line !== undefined && isBlackholeAddress(r.data) && activationVendorOf(r.name, vendors) === vendor)
      lines.set(r.line, r.text ?? '');
  // A removed line takes all its names with it: a line that also maps another name is left to a person.
  const otherNames = records
    .filter(
      (r) => r.line !== undefined && lines.has(r.line) && activationVendorOf(r.name, vendors) !== vendor,
    )
    .map((r) => ({ line: r.line!, name: r.name }));
  return {
    lines: [...lines].map(([line, t]) => ({ line, text: t })),
    evidence: finding.evidence ?? '',
    otherNames,
  };
}

/** `bytes` without the given lines (1-based); every other byte unchanged. */
export function withoutLines(bytes: Uint8Array, remove: ReadonlySet<number>): Uint8Array {
  // latin1 maps each byte to one character and back, so the result is byte-exact for any 8-bit
  // encoding (UTF-8, an ANSI code page); only the line terminators are looked at.
  const text = Buffer.from(bytes).toString('latin1');
  const kept = splitKeepingEnds(text).filter((_, i) => !remove.has(i + 1));
  return Buffer.from(kept.join(''), 'latin1');
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * Removes the vendor's activation block from the hosts file, if it is still exactly the block whose
 * evidence the person confirmed: backup first, then the file without those lines. Never throws.
 */
export async function removeHostsBlock(
  deps: HostsBlockDeps,
  req: { vendor: string; evidence: string },
): Promise<StepResult> {
  const file = deps.hostsPath;
  let bytes: Uint8Array;
  try {
    bytes = await deps.fs.read(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM'
      ? res('needs-admin', ELEVATE, { detail: `${file}: ${code}` })
      : res(
          'failed',
          {
            vi: `Không đọc được tệp hosts ${file} (${code ?? 'lỗi'}). Kiểm tra lại rồi quét lại.`,
            en: `Cannot read the hosts file ${file} (${code ?? 'error'}). Check it, then scan again.`,
          },
          { detail: String(e) },
        );
  }
  if (isUtf16(bytes))
    return res('refused', {
      vi: `Không sửa: tệp hosts ${file} được lưu dạng UTF-16; hãy để cán bộ CNTT xoá các dòng này bằng tay (Notepad chạy với quyền quản trị).`,
      en: `Not changed: the hosts file ${file} is saved as UTF-16; have IT staff delete these lines by hand (Notepad run as administrator).`,
    });
  const block = findActivationBlock(new TextDecoder().decode(bytes), file, req.vendor, deps.vendors);
  if (!block || block.evidence !== req.evidence)
    return res('refused', {
      vi: `Không sửa: tệp hosts ${file} đã thay đổi từ lần kiểm tra trước (các dòng chặn ${req.vendor} không còn như đã hiển thị). Bấm "Kiểm tra ngay" rồi làm lại bước này.`,
      en: `Not changed: the hosts file ${file} changed since the last check (the ${req.vendor} block is no longer as shown). Press "Check now", then repeat this step.`,
    });
  if (block.otherNames.length > 0) {
    const where = block.otherNames.map((o) => `${file}:${o.line} (${o.name})`).join(', ');
    return res('refused', {
      vi: `Không sửa: dòng ${where} còn ghi tên khác ngoài máy chủ kích hoạt của ${req.vendor}; xoá dòng đó sẽ mất cả tên ấy. Cán bộ CNTT hãy sửa dòng đó bằng tay.`,
      en: `Not changed: line ${where} also maps a name other than ${req.vendor}'s activation servers; removing it would drop that name too. IT staff should edit that line by hand.`,
    });
  }
  const sep = deps.sep ?? (file.includes('\\') ? '\\' : '/');
  const backup = `${deps.backupDir}${sep}hosts-${stamp(deps.clock())}.bak`;
  const lineNumbers = block.lines.map((l) => l.line);
  const data = {
    file,
    backup,
    lines: lineNumbers,
    sha256Before: createHash('sha256').update(bytes).digest('hex'),
  };
  try {
    await deps.fs.mkdir(deps.backupDir);
    await deps.fs.writeNew(backup, bytes);
  } catch (e) {
    return res(
      'failed',
      {
        vi: `Không ghi được bản sao lưu ${backup}; tệp hosts chưa bị thay đổi. Kiểm tra chỗ trống trên ổ đĩa rồi làm lại.`,
        en: `Cannot write the backup ${backup}; the hosts file was not changed. Check the free disk space, then repeat.`,
      },
      { detail: String(e), data },
    );
  }
  try {
    await deps.fs.overwrite(file, withoutLines(bytes, new Set(lineNumbers)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return res('needs-admin', ELEVATE, { detail: `${file}: ${code}`, data });
    return res(
      'failed',
      {
        vi: `Không ghi được tệp hosts ${file} (${code ?? 'lỗi'}). Bản sao lưu: ${backup}.`,
        en: `Cannot write the hosts file ${file} (${code ?? 'error'}). Backup: ${backup}.`,
      },
      { detail: String(e), data },
    );
  }
  const n = lineNumbers.length;
  return res(
    'ok',
    {
      vi: `Đã xoá ${n} dòng chặn máy chủ kích hoạt của ${req.vendor} khỏi ${file} (dòng ${lineNumbers.join(', ')}). Bản sao lưu: ${backup}. Hãy bấm "Kiểm tra ngay" để kiểm tra lại.`,
      en: `Removed ${n} line${n === 1 ? '' : 's'} blocking ${req.vendor}'s activation servers from ${file} (line${n === 1 ? '' : 's'} ${lineNumbers.join(', ')}). Backup: ${backup}. Press "Check now" to check again.`,
    },
    { data },
  );
}

/** What the proposal shows: the file, the lines and the backup folder. */
export function describeHostsBlock(
  deps: Pick<HostsBlockDeps, 'hostsPath' | 'backupDir'>,
  req: { vendor: string; evidence: string },
): Text2 {
  return {
    vi: `Sao lưu tệp hosts ${deps.hostsPath} vào ${deps.backupDir}, rồi xoá đúng các dòng chặn máy chủ kích hoạt của ${req.vendor} như trong bằng chứng, không đụng tới dòng nào khác. Cần quyền quản trị.`,
    en: `Back up the hosts file ${deps.hostsPath} into ${deps.backupDir}, then delete exactly the lines blocking ${req.vendor}'s activation servers shown in the evidence, touching no other line. Needs administrator rights.`,
  };
}
