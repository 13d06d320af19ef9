// Guided removal of a crack's hosts-file activation block (issue 15, "Cracked software"), on real
// files: Windows' default hosts file (CRLF, realdata 13) with the Adobe crack block of realdata 13
// written into it, as a crack leaves it, plus the unit's own intranet line after it.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../command-runner';
import { createCleanupSession } from '.';
import {
  findActivationBlock,
  nodeHostsBlockFs,
  removeHostsBlock,
  withoutLines,
  type HostsBlockFs,
} from './hosts-block';
import { licensingSignatures } from '../licensing/bundled';
import { activationBlockFindings } from '../../shared/licensing/hosts-activation';
import type { ActivationVendor } from '../../shared/licensing/signatures';
import { parseHostsFile } from '../../shared/parsers/hosts-file';

/** The cracked-software signs the scan finds in a hosts file's text. */
const hostsActivationFindings = (text: string, file: string, vendors: readonly ActivationVendor[]) => ({
  findings: activationBlockFindings(parseHostsFile(text, file).records, vendors),
});

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/licensing/${name}`, import.meta.url));
const vendors = licensingSignatures().signatures.activationHosts;
const DEFAULT_HOSTS = fixture('hosts-default-windows-crlf.txt');
const ADOBE_LINES = fixture('hosts-adobe-crack.txt').toString('latin1').split('\n').filter(Boolean);
const INTRANET = '10.20.30.40\tportal.sotttt.local   # cổng nội bộ\r\n';
// What a crack leaves: the default file, its block (CRLF, as Windows tools write), then the unit's line.
const CRACKED = Buffer.concat([
  DEFAULT_HOSTS,
  Buffer.from(ADOBE_LINES.map((l) => `${l}\r\n`).join(''), 'latin1'),
  Buffer.from(INTRANET, 'utf8'),
]);
// The crack's own comment line ("# BLOCK AD0BE") maps nothing: it is not part of the block and stays.
const COMMENTS = ADOBE_LINES.filter((l) => l.startsWith('#'));
const MAPPINGS = ADOBE_LINES.filter((l) => !l.startsWith('#'));
const CLEANED = Buffer.concat([
  DEFAULT_HOSTS,
  Buffer.from(COMMENTS.map((l) => `${l}\r\n`).join(''), 'latin1'),
  Buffer.from(INTRANET, 'utf8'),
]);

let dir: string;
let hostsPath: string;
let backupDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hosts-block-'));
  hostsPath = join(dir, 'hosts');
  backupDir = join(dir, 'backups');
  writeFileSync(hostsPath, CRACKED);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The evidence the scan showed for the Adobe block of the file as it is now. */
const scannedEvidence = () => {
  const [f] = hostsActivationFindings(readFileSync(hostsPath, 'utf8'), hostsPath, vendors).findings;
  expect(f?.indicator).toBe('Adobe');
  return f.evidence!;
};

/** Node's file system, with every operation recorded in order. */
function recordingFs(ops: string[], fail?: { overwrite?: NodeJS.ErrnoException }): HostsBlockFs {
  return {
    read: (p) => (ops.push(`read ${p}`), nodeHostsBlockFs.read(p)),
    mkdir: (d) => (ops.push(`mkdir ${d}`), nodeHostsBlockFs.mkdir(d)),
    writeNew: (p, d) => (ops.push(`backup ${p}`), nodeHostsBlockFs.writeNew(p, d)),
    overwrite: (p, d) => {
      ops.push(`overwrite ${p}`);
      return fail?.overwrite ? Promise.reject(fail.overwrite) : nodeHostsBlockFs.overwrite(p, d);
    },
  };
}

const deps = (fs: HostsBlockFs) => ({
  hostsPath,
  vendors,
  backupDir,
  clock: () => new Date('2026-12-02T08:15:00Z'),
  fs,
});

describe('removing a hosts activation block', () => {
  it('removes exactly the block, keeps every other byte (CRLF, comments, the unit line), backs up first', async () => {
    const ops: string[] = [];
    const r = await removeHostsBlock(deps(recordingFs(ops)), {
      vendor: 'Adobe',
      evidence: scannedEvidence(),
    });
    expect(r.outcome).toBe('ok');
    expect(readFileSync(hostsPath).equals(CLEANED)).toBe(true);
    const backup = join(backupDir, 'hosts-20261202T081500Z.bak');
    expect(readFileSync(backup).equals(CRACKED)).toBe(true);
    expect(ops).toEqual([
      `read ${hostsPath}`,
      `mkdir ${backupDir}`,
      `backup ${backup}`,
      `overwrite ${hostsPath}`,
    ]);
    const first = DEFAULT_HOSTS.toString('latin1').split('\r\n').length;
    const numbers = ADOBE_LINES.flatMap((l, i) => (l.startsWith('#') ? [] : [first + i]));
    expect(COMMENTS).toEqual(['# BLOCK AD0BE']);
    expect(r.data?.lines).toEqual(numbers);
    expect(r.message.vi).toContain(`Đã xoá ${MAPPINGS.length} dòng`);
    expect(r.message.vi).toContain(backup);
    // The cleaned file has no sign left.
    expect(hostsActivationFindings(readFileSync(hostsPath, 'utf8'), hostsPath, vendors).findings).toEqual([]);
  });

  it('keeps LF endings, a UTF-8 BOM and a last line without newline as they were', () => {
    const text =
      '\uFEFF# tệp hosts\n127.0.0.1 activate.adobe.com\n::1 localhost\n127.0.0.1 lmlicenses.wip4.adobe.com';
    const bytes = Buffer.from(text, 'utf8');
    const block = findActivationBlock(text, 'hosts', 'Adobe', vendors);
    expect(block?.lines.map((l) => l.line)).toEqual([2, 4]);
    expect(Buffer.from(withoutLines(bytes, new Set([2, 4]))).toString('utf8')).toBe(
      '\uFEFF# tệp hosts\n::1 localhost\n',
    );
  });

  it('refuses, touching nothing, when the file changed since the scan', async () => {
    const evidence = scannedEvidence();
    const changed = Buffer.concat([CRACKED, Buffer.from('127.0.0.1 genuine.adobe.com\r\n')]);
    writeFileSync(hostsPath, changed);
    const ops: string[] = [];
    const r = await removeHostsBlock(deps(recordingFs(ops)), { vendor: 'Adobe', evidence });
    expect(r.outcome).toBe('refused');
    expect(r.message.vi).toContain('đã thay đổi từ lần kiểm tra trước');
    expect(r.message.vi).toContain('Kiểm tra ngay');
    expect(readFileSync(hostsPath).equals(changed)).toBe(true);
    expect(ops).toEqual([`read ${hostsPath}`]);
  });

  it('refuses a block line that also maps another name (removing it would drop that name)', async () => {
    const mixed = Buffer.from('127.0.0.1 localhost activate.adobe.com\r\n10.0.0.1 a.local\r\n');
    writeFileSync(hostsPath, mixed);
    const evidence = scannedEvidence();
    const r = await removeHostsBlock(deps(nodeHostsBlockFs), { vendor: 'Adobe', evidence });
    expect(r.outcome).toBe('refused');
    expect(r.message.vi).toContain(`${hostsPath}:1 (localhost)`);
    expect(readFileSync(hostsPath).equals(mixed)).toBe(true);
  });

  it('says it needs administrator rights, and how, when Windows refuses the write; the backup is kept', async () => {
    const denied = Object.assign(new Error('EPERM: operation not permitted, open'), { code: 'EPERM' });
    const r = await removeHostsBlock(deps(recordingFs([], { overwrite: denied })), {
      vendor: 'Adobe',
      evidence: scannedEvidence(),
    });
    expect(r.outcome).toBe('needs-admin');
    expect(r.message.vi).toContain('Run as administrator');
    expect(r.message.vi).toContain('cần quyền quản trị');
    expect(readFileSync(hostsPath).equals(CRACKED)).toBe(true);
    expect(readdirSync(backupDir)).toEqual(['hosts-20261202T081500Z.bak']);
  });

  it('runs as a confirmed guided-cleanup step and is logged', async () => {
    const runner: CommandRunner = { run: () => Promise.reject(new Error('no command expected')) };
    const logged: string[] = [];
    const session = createCleanupSession({
      runner,
      platform: 'win32',
      backupDir,
      hosts: { hostsPath, vendors },
      onLog: (e) => logged.push(`${e.step}:${e.outcome}`),
    });
    const p = session.propose({ step: 'remove-hosts-block', vendor: 'Adobe', evidence: scannedEvidence() });
    if (!p.ok) throw new Error(p.error.message.en);
    expect(p.value.summary.vi).toContain('Sao lưu tệp hosts');
    expect(p.value.summary.vi).toContain('Cần quyền quản trị');
    const r = await session.confirm(p.value.token);
    expect(r.outcome).toBe('ok');
    expect(readFileSync(hostsPath).equals(CLEANED)).toBe(true);
    expect(logged).toEqual(['remove-hosts-block:proposed', 'remove-hosts-block:ok']);
  });
});
