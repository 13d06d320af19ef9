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
import { textPair, textPairBy, translate } from '../../shared/i18n';

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

const ELEVATE: Text2 = textPair('msg.cleanup.step.hostsNeedsAdmin');

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
          textPairBy((l) =>
            translate(l, 'msg.cleanup.step.cannotReadHosts', {
              file,
              code: code ?? translate(l, 'msg.cleanup.step.errorWord'),
            }),
          ),
          { detail: String(e) },
        );
  }
  if (isUtf16(bytes)) return res('refused', textPair('msg.cleanup.step.hostsFileUtf16', { file }));
  const block = findActivationBlock(new TextDecoder().decode(bytes), file, req.vendor, deps.vendors);
  if (!block || block.evidence !== req.evidence)
    return res('refused', textPair('msg.cleanup.step.hostsFileChanged', { file, vendor: req.vendor }));
  if (block.otherNames.length > 0) {
    const where = block.otherNames.map((o) => `${file}:${o.line} (${o.name})`).join(', ');
    return res('refused', textPair('msg.cleanup.step.lineHasOtherNames', { where, vendor: req.vendor }));
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
    return res('failed', textPair('msg.cleanup.step.cannotWriteBackupHosts', { backup }), {
      detail: String(e),
      data,
    });
  }
  try {
    await deps.fs.overwrite(file, withoutLines(bytes, new Set(lineNumbers)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return res('needs-admin', ELEVATE, { detail: `${file}: ${code}`, data });
    return res(
      'failed',
      textPairBy((l) =>
        translate(l, 'msg.cleanup.step.cannotWriteHosts', {
          file,
          code: code ?? translate(l, 'msg.cleanup.step.errorWord'),
          backup,
        }),
      ),
      { detail: String(e), data },
    );
  }
  const n = lineNumbers.length;
  return res(
    'ok',
    textPair('msg.cleanup.step.removedHostsLines', {
      count: n,
      vendor: req.vendor,
      file,
      numbers: lineNumbers.join(', '),
      backup,
    }),
    { data },
  );
}

/** What the proposal shows: the file, the lines and the backup folder. */
export function describeHostsBlock(
  deps: Pick<HostsBlockDeps, 'hostsPath' | 'backupDir'>,
  req: { vendor: string; evidence: string },
): Text2 {
  return textPair('msg.cleanup.step.describeHostsBlock', {
    hostsPath: deps.hostsPath,
    backupDir: deps.backupDir,
    vendor: req.vendor,
  });
}
