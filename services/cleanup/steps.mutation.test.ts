// The cleanup steps one by one (issue 19, mutation testing of services/cleanup/steps.ts): every
// outcome with its exact words, the command line that ran, and what was (not) touched. Windows
// commands are replayed by a recording runner; nothing here runs a tool or kills a process.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../command-runner';
import type { Connection, DnsRecord } from '../../shared/domain';
import {
  firewallRule,
  nodeStepFs,
  openCleanupTool,
  removePersistence,
  rescan,
  selfOf,
  tasklistName,
  terminate,
} from './steps';
import type { StepDeps, StepFs } from './steps';
import { terminateRefusal } from './guard';
import type { PersistenceEntry } from './types';

const ROOT = 'C:\\Windows';
const ENV = { AppData: 'C:\\Users\\an\\AppData\\Roaming', ProgramData: 'C:\\ProgramData' };
const USER_STARTUP = 'C:\\Users\\an\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup';
const enc = (s: string) => new TextEncoder().encode(s);
const result = (code: number | null, stdout = '', stderr = ''): CommandResult => ({
  code,
  stdout: enc(stdout),
  stderr: enc(stderr),
});

/** Deps with a runner that answers from `answers` (by file name ending) and records every call. */
function depsWith(
  answers: Record<string, CommandResult | Error> = {},
  extra: Partial<StepDeps> = {},
): { deps: StepDeps; ran: string[]; ops: string[]; killed: number[]; options: unknown[] } {
  const ran: string[] = [];
  const ops: string[] = [];
  const killed: number[] = [];
  const options: unknown[] = [];
  const fs: StepFs = {
    mkdir: (d) => (ops.push(`mkdir ${d}`), Promise.resolve()),
    writeFile: (p, d) => (ops.push(`write ${p} ${new TextDecoder().decode(d)}`), Promise.resolve()),
    copyFile: (a, b) => (ops.push(`copy ${a} -> ${b}`), Promise.resolve()),
    unlink: (p) => (ops.push(`unlink ${p}`), Promise.resolve()),
  };
  const deps: StepDeps = {
    runner: {
      run: (file, args, opts) => {
        ran.push([file, ...args].join(' '));
        options.push(opts);
        const key = Object.keys(answers).find((k) => file.endsWith(k));
        const a = key === undefined ? result(0, 'OK') : answers[key];
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
      },
    },
    platform: 'win32',
    systemRoot: ROOT,
    self: { pid: 7000, ppid: 6990 },
    env: ENV,
    kill: (pid) => void killed.push(pid),
    fs,
    backupDir: 'C:\\Backup',
    clock: () => new Date('2026-11-23T08:15:02.345Z'),
    ...extra,
  };
  return { deps, ran, ops, killed, options };
}

describe('selfOf', () => {
  it('is this process, its parent and its tree (empty without a tree reader)', () => {
    expect(selfOf({ self: { pid: 5, ppid: 4 } })).toEqual({ pid: 5, ppid: 4, tree: [] });
    expect(selfOf({ self: { pid: 5, ppid: 4 }, ownTree: () => [5, 6, 7] })).toEqual({
      pid: 5,
      ppid: 4,
      tree: [5, 6, 7],
    });
  });
});

describe('nodeStepFs', () => {
  it('makes nested backup folders, writes, copies and deletes real files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sachmadoc-steps-'));
    const dir = join(root, 'a', 'b', 'c');
    await nodeStepFs.mkdir(dir);
    await nodeStepFs.mkdir(dir);
    await nodeStepFs.writeFile(join(dir, 'x.reg'), new TextEncoder().encode('REGEDIT4'));
    await nodeStepFs.copyFile(join(dir, 'x.reg'), join(dir, 'y.reg'));
    expect(await readFile(join(dir, 'y.reg'), 'utf8')).toBe('REGEDIT4');
    await nodeStepFs.unlink(join(dir, 'x.reg'));
    expect(await readdir(dir)).toEqual(['y.reg']);
  });
});

describe('tasklistName', () => {
  it('asks tasklist for one pid as CSV without header and reads the image name of that pid', async () => {
    const calls: string[] = [];
    const runner = {
      run: (file: string, args: readonly string[]) => {
        calls.push([file, ...args].join('|'));
        return Promise.resolve(
          result(
            0,
            '"svchost.exe","1100","Services","0","9,112 K"\r\n"KMSpico.exe","1432","Console","1","5,000 K"\r\n',
          ),
        );
      },
    };
    expect(await tasklistName(runner, ROOT, 1432)).toBe('KMSpico.exe');
    expect(calls).toEqual([`${ROOT}\\System32\\tasklist.exe|/fi|PID eq 1432|/fo|csv|/nh`]);
    // "INFO: No tasks are running..." has no row of that pid.
    expect(await tasklistName(runner, ROOT, 99)).toBeNull();
  });

  it('trims the pid and the name cells', async () => {
    const runner = { run: () => Promise.resolve(result(0, '" KMSpico.exe "," 1432 ","Console"\r\n')) };
    expect(await tasklistName(runner, ROOT, 1432)).toBe('KMSpico.exe');
  });

  it('finds nothing in a one-cell line', async () => {
    const runner = {
      run: () => Promise.resolve(result(0, 'INFO: No tasks are running which match the criteria.\r\n')),
    };
    expect(await tasklistName(runner, ROOT, 1432)).toBeNull();
  });
});

describe('terminate', () => {
  const req = { step: 'terminate' as const, pid: 1432, name: 'KMSpico.exe' };

  it('refuses a critical process by name before looking anything up', async () => {
    let looked = false;
    const { deps, ran } = depsWith(
      {},
      {
        lookupProcessName: () => ((looked = true), Promise.resolve('lsass.exe')),
      },
    );
    const r = await terminate(deps, { step: 'terminate', pid: 640, name: 'lsass.exe' });
    expect(r.outcome).toBe('refused');
    expect(r.step).toBe('terminate');
    expect(looked).toBe(false);
    expect(ran).toEqual([]);
  });

  it('says the process is gone when the pid no longer exists', async () => {
    const { deps, ran } = depsWith({}, { lookupProcessName: () => Promise.resolve(null) });
    expect(await terminate(deps, req)).toEqual({
      step: 'terminate',
      outcome: 'failed',
      message: { vi: 'Tiến trình PID 1432 không còn chạy.', en: 'Process 1432 is no longer running.' },
    });
    expect(ran).toEqual([]);
  });

  it('refuses when the pid now belongs to a critical process', async () => {
    const { deps, ran } = depsWith({}, { lookupProcessName: () => Promise.resolve('csrss.exe') });
    const r = await terminate(deps, req);
    // The guard's own words, not "the process changed".
    expect(r).toEqual({
      step: 'terminate',
      outcome: 'refused',
      message: terminateRefusal({ pid: 1432, name: 'csrss.exe' }, selfOf(deps)),
    });
    expect(r.message.en).toContain('csrss.exe');
    expect(ran).toEqual([]);
  });

  it('refuses a pid whose start time changed, and says both times', async () => {
    const { deps, ran } = depsWith(
      {},
      {
        lookupProcessName: () => Promise.resolve('KMSpico.exe'),
        lookupProcessStart: () => Promise.resolve('2026-11-23T09:00:00.0000000Z'),
      },
    );
    expect(await terminate(deps, req, '2026-11-23T07:12:03.0000000Z')).toEqual({
      step: 'terminate',
      outcome: 'refused',
      message: {
        vi: 'PID 1432 giờ là một tiến trình khác (khởi động lúc 2026-11-23T09:00:00.0000000Z, không phải 2026-11-23T07:12:03.0000000Z): tiến trình đã đổi, hãy quét lại.',
        en: 'PID 1432 is now another process (started 2026-11-23T09:00:00.0000000Z, not 2026-11-23T07:12:03.0000000Z): the process changed; scan again.',
      },
    });
    expect(ran).toEqual([]);
  });

  it('refuses a pid whose start time cannot be read any more ("unknown")', async () => {
    const { deps } = depsWith(
      {},
      {
        lookupProcessName: () => Promise.resolve('KMSpico.exe'),
        lookupProcessStart: () => Promise.resolve(null),
      },
    );
    const r = await terminate(deps, req, '2026-11-23T07:12:03.0000000Z');
    expect(r.outcome).toBe('refused');
    expect(r.message.vi).toContain('khởi động lúc không rõ, không phải 2026-11-23T07:12:03.0000000Z');
    expect(r.message.en).toContain('started unknown, not 2026-11-23T07:12:03.0000000Z');
  });

  it('does not read the start time without a bound one, and kills when it matches', async () => {
    let asked = 0;
    const lookupProcessStart = () => (asked++, Promise.resolve('T1'));
    const { deps, ran } = depsWith(
      {},
      { lookupProcessName: () => Promise.resolve('KMSpico.exe'), lookupProcessStart },
    );
    expect((await terminate(deps, req)).outcome).toBe('ok');
    expect(asked).toBe(0);
    expect((await terminate(deps, req, 'T1')).outcome).toBe('ok');
    expect(asked).toBe(1);
    expect(ran).toEqual([
      `${ROOT}\\System32\\taskkill.exe /PID 1432 /F`,
      `${ROOT}\\System32\\taskkill.exe /PID 1432 /F`,
    ]);
  });

  it('refuses a pid that is now another program, naming both', async () => {
    const { deps, ran } = depsWith({}, { lookupProcessName: () => Promise.resolve('notepad.exe') });
    expect(await terminate(deps, req)).toEqual({
      step: 'terminate',
      outcome: 'refused',
      message: {
        vi: 'PID 1432 giờ là "notepad.exe", không phải "KMSpico.exe": tiến trình đã đổi, hãy quét lại.',
        en: 'PID 1432 is now "notepad.exe", not "KMSpico.exe": the process changed; scan again.',
      },
    });
    expect(ran).toEqual([]);
  });

  it('compares names without case and .exe, on the first 15 characters (Linux comm)', async () => {
    const long = { step: 'terminate' as const, pid: 1432, name: 'kms-activator-helper' };
    const { deps, killed } = depsWith(
      {},
      { platform: 'linux', lookupProcessName: () => Promise.resolve('kms-activator-h') },
    );
    expect((await terminate(deps, long)).outcome).toBe('ok');
    const { deps: d2 } = depsWith({}, { lookupProcessName: () => Promise.resolve('KMSPICO') });
    expect((await terminate(d2, req)).outcome).toBe('ok');
    // Only a trailing ".exe" is dropped, and the 16th character still differs beyond the cut.
    const { deps: d3 } = depsWith({}, { lookupProcessName: () => Promise.resolve('KMSpico.exe.bak') });
    expect((await terminate(d3, req)).outcome).toBe('refused');
    // ".exe" inside a name is part of it: "kms.exex" is not "kmsx.exe".
    const { deps: d6 } = depsWith({}, { lookupProcessName: () => Promise.resolve('kms.exex') });
    expect((await terminate(d6, { ...req, name: 'kmsx.exe' })).outcome).toBe('refused');
    const { deps: d4 } = depsWith({}, { lookupProcessName: () => Promise.resolve('exeKMSpico') });
    expect((await terminate(d4, { ...req, name: 'KMSpico' })).outcome).toBe('refused');
    const { deps: d5 } = depsWith(
      {},
      { platform: 'linux', lookupProcessName: () => Promise.resolve('kms-activator-x') },
    );
    expect((await terminate(d5, long)).outcome).toBe('refused');
    expect(killed).toEqual([1432]);
  });

  it('takes a long name seen in full (Windows) as the same process as the long name asked for', async () => {
    const long = { step: 'terminate' as const, pid: 1432, name: 'kms-activator-helper.exe' };
    const { deps, ran } = depsWith(
      {},
      { lookupProcessName: () => Promise.resolve('KMS-Activator-Helper.exe') },
    );
    expect((await terminate(deps, long)).outcome).toBe('ok');
    expect(ran.length).toBe(1);
  });

  it('uses the name of the request when no lookup is given', async () => {
    const { deps, ran } = depsWith();
    expect(await terminate(deps, req)).toEqual({
      step: 'terminate',
      outcome: 'ok',
      message: { vi: 'Đã dừng KMSpico.exe (PID 1432).', en: 'Terminated KMSpico.exe (PID 1432).' },
      detail: 'OK',
      data: { command: `${ROOT}\\System32\\taskkill.exe /PID 1432 /F` },
      stdout: enc('OK'),
    });
    expect(ran).toEqual([`${ROOT}\\System32\\taskkill.exe /PID 1432 /F`]);
  });

  it('off Windows kills by pid with SIGKILL', async () => {
    const { deps, killed, ran } = depsWith({}, { platform: 'linux' });
    expect(await terminate(deps, req)).toEqual({
      step: 'terminate',
      outcome: 'ok',
      message: { vi: 'Đã dừng KMSpico.exe (PID 1432).', en: 'Terminated KMSpico.exe (PID 1432).' },
      data: { signal: 'SIGKILL' },
    });
    expect(killed).toEqual([1432]);
    expect(ran).toEqual([]);
  });

  it('off Windows: EPERM needs root; another error is a failure with its code', async () => {
    const fail = (code: string | undefined) => () => {
      const e = new Error(`kill failed ${code ?? ''}`) as NodeJS.ErrnoException;
      if (code) e.code = code;
      throw e;
    };
    const { deps } = depsWith({}, { platform: 'linux', kill: fail('EPERM') });
    expect(await terminate(deps, req)).toEqual({
      step: 'terminate',
      outcome: 'needs-admin',
      message: {
        vi: 'Cần quyền root/quản trị để dừng tiến trình này (sudo).',
        en: 'Stopping this process needs root (sudo).',
      },
      detail: 'EPERM',
    });
    const { deps: d2 } = depsWith({}, { platform: 'linux', kill: fail('ESRCH') });
    expect(await terminate(d2, req)).toEqual({
      step: 'terminate',
      outcome: 'failed',
      message: { vi: 'Không dừng được PID 1432 (ESRCH).', en: 'Could not stop PID 1432 (ESRCH).' },
      detail: 'Error: kill failed ESRCH',
    });
    const { deps: d3 } = depsWith({}, { platform: 'linux', kill: fail(undefined) });
    expect((await terminate(d3, req)).message).toEqual({
      vi: 'Không dừng được PID 1432 (lỗi).',
      en: 'Could not stop PID 1432 (error).',
    });
  });

  it('taskkill: access denied needs admin; another exit fails with the command; a killed run says so', async () => {
    const denied = depsWith({ 'taskkill.exe': result(1, '', 'ERROR: Access is denied.') });
    const a = await terminate(denied.deps, req);
    expect(a).toMatchObject({
      outcome: 'needs-admin',
      detail: 'ERROR: Access is denied.',
      data: { command: `${ROOT}\\System32\\taskkill.exe /PID 1432 /F`, code: 1 },
    });
    expect(a.message.en).toContain('administrator rights');
    expect(a.message.vi).toContain('quyền quản trị');
    expect(denied.options).toEqual([{ timeoutMs: 60_000 }]);

    const other = depsWith({
      'taskkill.exe': result(128, 'SUCCESS? no', 'ERROR: The process "1432" not found.'),
    });
    expect(await terminate(other.deps, req)).toEqual({
      step: 'terminate',
      outcome: 'failed',
      message: {
        vi: `Lệnh thất bại (mã 128): ${ROOT}\\System32\\taskkill.exe /PID 1432 /F. Xem chi tiết bên dưới.`,
        en: `The command failed (exit 128): ${ROOT}\\System32\\taskkill.exe /PID 1432 /F. See the details below.`,
      },
      detail: 'SUCCESS? no\nERROR: The process "1432" not found.',
      data: { command: `${ROOT}\\System32\\taskkill.exe /PID 1432 /F`, code: 128 },
    });

    const stopped = depsWith({ 'taskkill.exe': result(null) });
    expect((await terminate(stopped.deps, req)).message).toEqual({
      vi: `Lệnh thất bại (mã bị dừng): ${ROOT}\\System32\\taskkill.exe /PID 1432 /F. Xem chi tiết bên dưới.`,
      en: `The command failed (exit killed): ${ROOT}\\System32\\taskkill.exe /PID 1432 /F. See the details below.`,
    });

    const broken = depsWith({ 'taskkill.exe': new Error('spawn ENOENT') });
    expect(await terminate(broken.deps, req)).toEqual({
      step: 'terminate',
      outcome: 'failed',
      message: {
        vi: `Không chạy được lệnh: ${ROOT}\\System32\\taskkill.exe /PID 1432 /F.`,
        en: `Could not run: ${ROOT}\\System32\\taskkill.exe /PID 1432 /F.`,
      },
      detail: 'spawn ENOENT',
    });
  });

  it('decodes the command output with the console code page', async () => {
    // 0xE8 is "Þ" in CP850, not UTF-8: it decodes right only with the page, on both streams.
    const { deps } = depsWith(
      {
        'taskkill.exe': {
          code: 1,
          stdout: new Uint8Array([0x61, 0x63, 0x63, 0xe8, 0x73]),
          stderr: new Uint8Array([0x65, 0xe8]),
        },
      },
      { codePage: 850 },
    );
    const r = await terminate(deps, req);
    expect(r.detail).toBe('accÞs\neÞ');
  });
});

describe('firewallRule', () => {
  it('adds the named rule for the canonical address, and says so', async () => {
    const { deps, ran } = depsWith();
    expect(await firewallRule(deps, { step: 'block-address', ip: '203.000.113.009' })).toMatchObject({
      outcome: 'refused',
    });
    const r = await firewallRule(deps, { step: 'block-address', ip: '2001:DB8::0:1' });
    expect(r).toMatchObject({
      step: 'block-address',
      outcome: 'ok',
      message: {
        vi: 'Đã chặn kết nối ra 2001:db8::1 (quy tắc tường lửa SachMaDoc-Block-2001:db8::1).',
        en: 'Outbound traffic to 2001:db8::1 is blocked (firewall rule SachMaDoc-Block-2001:db8::1).',
      },
    });
    expect(ran).toEqual([
      `${ROOT}\\System32\\netsh.exe advfirewall firewall add rule name=SachMaDoc-Block-2001:db8::1 dir=out action=block remoteip=2001:db8::1`,
    ]);
  });

  it('removes our rule', async () => {
    const { deps, ran } = depsWith();
    const r = await firewallRule(deps, { step: 'remove-block-rule', ip: '203.0.113.9' });
    expect(r).toMatchObject({
      step: 'remove-block-rule',
      outcome: 'ok',
      message: { vi: 'Đã gỡ quy tắc chặn 203.0.113.9.', en: 'Removed the block rule for 203.0.113.9.' },
    });
    expect(ran).toEqual([
      `${ROOT}\\System32\\netsh.exe advfirewall firewall delete rule name=SachMaDoc-Block-203.0.113.9`,
    ]);
  });

  it('refuses this machine and non-addresses with the reason, and anything off Windows', async () => {
    const { deps, ran } = depsWith();
    const local = await firewallRule(deps, { step: 'block-address', ip: '127.0.0.1' });
    expect(local.outcome).toBe('refused');
    expect(local.message.en).toContain('127.0.0.1');
    const { deps: linux } = depsWith({}, { platform: 'linux' });
    expect(await firewallRule(linux, { step: 'remove-block-rule', ip: '203.0.113.9' })).toEqual({
      step: 'remove-block-rule',
      outcome: 'refused',
      message: {
        vi: 'Chặn bằng Windows Firewall chỉ có trên Windows.',
        en: 'Blocking with Windows Firewall is available on Windows only.',
      },
    });
    expect(ran).toEqual([]);
  });
});

describe('removePersistence', () => {
  const runKey: PersistenceEntry = {
    type: 'run-key',
    key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    valueName: 'KMS Helper',
    data: 'C:\\Program Files\\KMSpico\\KMSELDI.exe',
  };
  const task: PersistenceEntry = {
    type: 'scheduled-task',
    taskPath: '\\AutoPico Daily Restart',
    command: 'C:\\Program Files\\KMSpico\\AutoPico.exe /silent',
  };
  const service: PersistenceEntry = {
    type: 'service',
    name: 'Service KMSELDI',
    imagePath: 'C:\\Program Files\\KMSpico\\Service_KMS.exe',
  };
  const shortcut: PersistenceEntry = { type: 'startup-shortcut', path: `${USER_STARTUP}\\KMS Activator.lnk` };
  const STAMP = '2026-11-23T08-15-02-345Z';

  it('run key: exports the key to a dated .reg named after the value, then deletes the value', async () => {
    const { deps, ran, ops } = depsWith();
    const r = await removePersistence(deps, runKey);
    const backup = `C:\\Backup\\${STAMP}-run-key-KMS_Helper.reg`;
    expect(r).toEqual({
      step: 'remove-persistence',
      outcome: 'ok',
      message: {
        vi: `Đã gỡ KMS Helper. Đã sao lưu vào ${backup}.`,
        en: `Removed KMS Helper. Backed up to ${backup}.`,
      },
      detail: 'OK',
      data: {
        command: `${ROOT}\\System32\\reg.exe delete ${runKey.key} /v KMS Helper /f`,
        backupFile: backup,
      },
      stdout: enc('OK'),
    });
    expect(ran).toEqual([
      `${ROOT}\\System32\\reg.exe export ${runKey.key} ${backup} /y`,
      `${ROOT}\\System32\\reg.exe delete ${runKey.key} /v KMS Helper /f`,
    ]);
    expect(ops).toEqual(['mkdir C:\\Backup']);
  });

  it('scheduled task: writes the task XML printed by schtasks to a .xml named after the task', async () => {
    const { deps, ran, ops } = depsWith({ 'schtasks.exe': result(0, '<Task/>') });
    const r = await removePersistence(deps, task);
    const backup = `C:\\Backup\\${STAMP}-scheduled-task-AutoPico_Daily_Restart.xml`;
    expect(r.outcome).toBe('ok');
    expect(r.data).toEqual({
      command: `${ROOT}\\System32\\schtasks.exe /delete /tn \\AutoPico Daily Restart /f`,
      backupFile: backup,
    });
    expect(r.message.en).toBe(`Removed \\AutoPico Daily Restart. Backed up to ${backup}.`);
    expect(ran).toEqual([
      `${ROOT}\\System32\\schtasks.exe /query /tn \\AutoPico Daily Restart /xml`,
      `${ROOT}\\System32\\schtasks.exe /delete /tn \\AutoPico Daily Restart /f`,
    ]);
    expect(ops).toEqual(['mkdir C:\\Backup', `write ${backup} <Task/>`]);
  });

  it('a long label keeps its last 60 safe characters of the last path part; an empty one is "entry"', async () => {
    const { deps } = depsWith();
    const long = { ...task, taskPath: `\\Folder\\${'x'.repeat(70)}` };
    const r = await removePersistence(deps, long);
    expect(r.data?.backupFile).toBe(`C:\\Backup\\${STAMP}-scheduled-task-${'x'.repeat(60)}.xml`);
    const empty = await removePersistence(deps, { ...runKey, valueName: '' });
    expect(empty.data?.backupFile).toBe(`C:\\Backup\\${STAMP}-run-key-entry.reg`);
    const odd = await removePersistence(deps, { ...runKey, valueName: 'a/b:c*d..e' });
    expect(odd.data?.backupFile).toBe(`C:\\Backup\\${STAMP}-run-key-a_b_c_d..e.reg`);
    // A run of unsafe characters becomes one "_".
    const run = await removePersistence(deps, { ...runKey, valueName: 'KMS  ++ Helper' });
    expect(run.data?.backupFile).toBe(`C:\\Backup\\${STAMP}-run-key-KMS_Helper.reg`);
  });

  it('service: stops it (result only in the detail), then deletes it', async () => {
    const { deps, ran } = depsWith({
      'sc.exe': result(0, '[SC] DeleteService SUCCESS'),
    });
    const r = await removePersistence(deps, service);
    const backup = `C:\\Backup\\${STAMP}-service-Service_KMSELDI.reg`;
    expect(ran).toEqual([
      `${ROOT}\\System32\\reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\Service KMSELDI ${backup} /y`,
      `${ROOT}\\System32\\sc.exe stop Service KMSELDI`,
      `${ROOT}\\System32\\sc.exe delete Service KMSELDI`,
    ]);
    expect(r).toMatchObject({
      outcome: 'ok',
      detail: '[SC] DeleteService SUCCESS\n[SC] DeleteService SUCCESS',
      data: { command: `${ROOT}\\System32\\sc.exe delete Service KMSELDI`, backupFile: backup },
    });
  });

  it('service that was not running: the stop failure is only detail, the delete decides', async () => {
    let n = 0;
    const { deps } = depsWith();
    deps.runner = {
      run: (file) => {
        n++;
        if (file.endsWith('sc.exe') && n === 2)
          return Promise.resolve(
            result(1062, '', '[SC] ControlService FAILED 1062: The service has not been started.'),
          );
        if (file.endsWith('sc.exe')) return Promise.resolve(result(0, '', ''));
        return Promise.resolve(result(0, 'exported'));
      },
    };
    const r = await removePersistence(deps, service);
    expect(r.outcome).toBe('ok');
    expect(r.detail).toBe('[SC] ControlService FAILED 1062: The service has not been started.');
  });

  it('a run key has no stop step and keeps the removal detail as it is', async () => {
    const { deps } = depsWith({ 'reg.exe': result(0, '  The operation completed successfully.  ') });
    const r = await removePersistence(deps, runKey);
    expect(r.detail).toBe('The operation completed successfully.');
  });

  it('shortcut: copies the file to the backup (same name), then deletes it', async () => {
    const { deps, ran, ops } = depsWith();
    const backup = `C:\\Backup\\${STAMP}-startup-shortcut-KMS_Activator.lnk`;
    expect(await removePersistence(deps, shortcut)).toEqual({
      step: 'remove-persistence',
      outcome: 'ok',
      message: {
        vi: `Đã gỡ ${shortcut.path}. Đã sao lưu vào ${backup}.`,
        en: `Removed ${shortcut.path}. Backed up to ${backup}.`,
      },
      data: { backupFile: backup },
    });
    expect(ran).toEqual([]);
    expect(ops).toEqual([
      'mkdir C:\\Backup',
      `copy ${shortcut.path} -> ${backup}`,
      `unlink ${shortcut.path}`,
    ]);
  });

  it('shortcut that cannot be deleted: EPERM and EACCES need admin, another error fails', async () => {
    const failing = (code: string) => {
      const { deps, ops } = depsWith();
      deps.fs = {
        ...deps.fs,
        unlink: () => {
          const e = new Error(`${code}: operation not permitted`) as NodeJS.ErrnoException;
          e.code = code;
          return Promise.reject(e);
        },
      };
      return { deps, ops };
    };
    const backup = `C:\\Backup\\${STAMP}-startup-shortcut-KMS_Activator.lnk`;
    for (const code of ['EPERM', 'EACCES']) {
      const r = await removePersistence(failing(code).deps, shortcut);
      expect(r).toMatchObject({
        outcome: 'needs-admin',
        detail: `Error: ${code}: operation not permitted`,
        data: { backupFile: backup },
      });
      expect(r.message.en).toContain('administrator rights');
    }
    expect(await removePersistence(failing('EBUSY').deps, shortcut)).toEqual({
      step: 'remove-persistence',
      outcome: 'failed',
      message: { vi: `Không xóa được ${shortcut.path}.`, en: `Could not delete ${shortcut.path}.` },
      detail: 'Error: EBUSY: operation not permitted',
      data: { backupFile: backup },
    });
  });

  it('removes nothing when the backup cannot be written', async () => {
    const { deps, ran } = depsWith();
    const removed: string[] = [];
    deps.fs = {
      mkdir: () => Promise.reject(new Error('EACCES: C:\\Backup')),
      writeFile: () => Promise.resolve(),
      copyFile: () => Promise.resolve(),
      unlink: (p) => (removed.push(p), Promise.resolve()),
    };
    const backup = `C:\\Backup\\${STAMP}-startup-shortcut-KMS_Activator.lnk`;
    expect(await removePersistence(deps, shortcut)).toEqual({
      step: 'remove-persistence',
      outcome: 'failed',
      message: {
        vi: `Sao lưu thất bại (${backup}), chưa gỡ gì.`,
        en: `Backup failed (${backup}); nothing was removed.`,
      },
      detail: 'Error: EACCES: C:\\Backup',
    });
    expect(removed).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('removes nothing when the export fails; a denied export asks for administrator rights', async () => {
    const failed = depsWith({
      'reg.exe': result(1, '', 'ERROR: The system was unable to find the specified registry key.'),
    });
    const r = await removePersistence(failed.deps, runKey);
    expect(r.outcome).toBe('failed');
    expect(r.message).toEqual({
      vi: `Sao lưu thất bại, chưa gỡ gì. Lệnh thất bại (mã 1): ${failed.ran[0]}. Xem chi tiết bên dưới.`,
      en: `Backup failed; nothing was removed. The command failed (exit 1): ${failed.ran[0]}. See the details below.`,
    });
    expect(failed.ran).toHaveLength(1);

    const denied = depsWith({ 'reg.exe': result(1, '', 'ERROR: Access is denied.') });
    const d = await removePersistence(denied.deps, runKey);
    expect(d.outcome).toBe('needs-admin');
    expect(d.message.en).toContain('administrator rights');
    expect(d.message.en).not.toContain('Backup failed');
    expect(denied.ran).toHaveLength(1);
  });

  it('a task whose XML comes back empty writes an empty backup', async () => {
    const { deps, ops } = depsWith({ 'schtasks.exe': result(0, '') });
    await removePersistence(deps, task);
    expect(ops[1]).toBe(`write C:\\Backup\\${STAMP}-scheduled-task-AutoPico_Daily_Restart.xml `);
  });

  it('refuses an entry the guard refuses, and everything off Windows', async () => {
    const { deps, ran, ops } = depsWith();
    const r = await removePersistence(deps, { ...service, name: 'WinDefend' });
    expect(r.outcome).toBe('refused');
    expect(r.message.en).toContain('WinDefend');
    // A shortcut outside the Startup folders of the given environment.
    const s = await removePersistence(deps, {
      type: 'startup-shortcut',
      path: 'C:\\Users\\an\\Desktop\\x.lnk',
    });
    expect(s.outcome).toBe('refused');
    const { deps: linux } = depsWith({}, { platform: 'linux' });
    expect(await removePersistence(linux, runKey)).toEqual({
      step: 'remove-persistence',
      outcome: 'refused',
      message: {
        vi: 'Gỡ mục khởi động chỉ có trên Windows.',
        en: 'Removing startup entries is available on Windows only.',
      },
    });
    expect(ran).toEqual([]);
    expect(ops).toEqual([]);
  });
});

describe('openCleanupTool', () => {
  const open = (url: string | null | undefined) =>
    openCleanupTool(depsWith({}, { cleanupToolUrl: url }).deps);

  it('opens an https page on the official sites', () => {
    const url = 'https://khonggianmang.vn/cong-cu';
    expect(open(url)).toEqual({
      step: 'open-cleanup-tool',
      outcome: 'ok',
      message: { vi: `Mở trang công cụ chính thức: ${url}`, en: `Opening the official tool page: ${url}` },
      data: { url },
    });
    expect(open('HTTPS://khonggianmang.vn/cong-cu').outcome).toBe('ok');
  });

  it('refuses an https page elsewhere, naming it', () => {
    const url = 'https://evil.example/tool.exe';
    expect(open(url)).toEqual({
      step: 'open-cleanup-tool',
      outcome: 'refused',
      message: {
        vi: `Địa chỉ công cụ trong nguồn cấp (${url}) không thuộc trang của Cục An toàn thông tin hay của chiến dịch; không mở.`,
        en: `The tool address in the feed (${url}) is not on the Authority's or the campaign's sites; not opened.`,
      },
    });
  });

  it('fails without an https address', () => {
    const none = {
      step: 'open-cleanup-tool',
      outcome: 'failed',
      message: {
        vi: 'Nguồn dữ liệu chiến dịch chưa có địa chỉ công cụ dọn dẹp chính thức; hãy cập nhật nguồn dữ liệu.',
        en: 'The campaign feed has no official cleanup tool address; update the feed.',
      },
    };
    expect(open(null)).toEqual(none);
    expect(open(undefined)).toEqual(none);
    expect(open('')).toEqual(none);
    expect(open('http://khonggianmang.vn/cong-cu')).toEqual(none);
    expect(open(' https://khonggianmang.vn/cong-cu')).toEqual(none);
    // "https://" must start the address, not sit inside it.
    expect(open('x https://evil.example/tool.exe')).toEqual(none);
  });
});

describe('rescan', () => {
  const conn = (over: Partial<Connection>): Connection => ({
    protocol: 'tcp',
    localAddress: '10.0.0.5',
    localPort: 50123,
    remoteAddress: '203.0.113.9',
    remotePort: 443,
    state: 'ESTABLISHED',
    pid: 1432,
    processName: 'KMSpico.exe',
    processPath: null,
    services: [],
    ...over,
  });
  const dns = (name: string, ttl: number): DnsRecord => ({
    name,
    type: 'A',
    data: '203.0.113.9',
    ttl,
    origin: 'dns-cache',
  });

  /** A re-scan over `samples` (one list per sample, the last repeated) with a fake clock. */
  function withSamples(samples: Connection[][], extra: Partial<NonNullable<StepDeps['rescanWatch']>> = {}) {
    let clock = 0;
    let i = 0;
    return depsWith(
      {},
      {
        platform: 'linux',
        rescan: () => Promise.resolve(samples[Math.min(i++, samples.length - 1)]),
        rescanWatch: {
          windowMs: 2500,
          intervalMs: 500,
          now: () => clock,
          sleep: (ms) => ((clock += ms), Promise.resolve()),
          ...extra,
        },
      },
    ).deps;
  }

  it('fails without a re-scan function', async () => {
    const { deps } = depsWith();
    expect(await rescan(deps, { remoteAddress: '203.0.113.9' })).toEqual({
      step: 'rescan',
      outcome: 'failed',
      message: { vi: 'Không có chức năng quét lại.', en: 'No re-scan available.' },
    });
  });

  it('calls it gone, with the window in seconds, the samples and the address with its port', async () => {
    const deps = withSamples([[conn({ remoteAddress: '198.51.100.1' })]]);
    const r = await rescan(deps, { remoteAddress: '203.0.113.9', remotePort: 443, pid: 1432 });
    expect(r).toEqual({
      step: 'rescan',
      outcome: 'ok',
      message: {
        vi: 'Quét lại: kết nối tới 203.0.113.9:443 đã hết (theo dõi 2.5 giây, 6 lần lấy mẫu: không chương trình nào kết nối lại, không có truy vấn DNS mới).',
        en: 'Re-scan: the connection to 203.0.113.9:443 is gone (watched for 2.5 s, 6 samples: no program connected again, no new DNS lookup).',
      },
      data: {
        gone: true,
        windowMs: 2500,
        samples: 6,
        maxGapMs: 500,
        still: [],
        reappeared: [],
        remaining: [],
        lookups: [],
      },
    });
  });

  it('canonicalises the address it watches, and leaves out a missing port', async () => {
    const deps = withSamples([[conn({ remoteAddress: '2001:db8::1', pid: 77 })]], { windowMs: 1234 });
    const r = await rescan(deps, { remoteAddress: '2001:DB8:0::1' });
    expect(r.outcome).toBe('failed');
    expect(r.message).toEqual({
      vi: 'Quét lại (theo dõi 1.2 giây): kết nối xuất hiện lại từ PID 77 (KMSpico.exe) tới 2001:db8::1.',
      en: 'Re-scan (watched for 1.2 s): the connection came back from PID 77 (KMSpico.exe) to 2001:db8::1.',
    });
    // Not an address: watched as written.
    const d2 = withSamples([[]], { windowMs: 0 });
    expect((await rescan(d2, { remoteAddress: 'not-an-ip' })).message.en).toBe(
      'Re-scan: the connection to not-an-ip is gone (watched for 0 s, 1 samples: no program connected again, no new DNS lookup).',
    );
  });

  it('lists the flagged process still connected, others that came back, and new lookups', async () => {
    let clock = 0;
    let dnsReads = 0;
    const deps = depsWith(
      {},
      {
        platform: 'linux',
        rescan: () =>
          Promise.resolve([
            conn({}),
            conn({ localPort: 50124 }),
            conn({ pid: 2000, processName: null }),
            conn({ pid: null, processName: null, localPort: 50200 }),
          ]),
        rescanWatch: {
          windowMs: 3000,
          intervalMs: 1000,
          now: () => clock,
          sleep: (ms) => ((clock += ms), Promise.resolve()),
          dnsCache: () =>
            Promise.resolve(
              dnsReads++ === 0
                ? []
                : [dns('c2.evil.example', 300), dns('c2.evil.example', 300), dns('cdn.evil.example', 60)],
            ),
        },
      },
    ).deps;
    const r = await rescan(deps, {
      remoteAddress: '203.0.113.9',
      remotePort: 443,
      pid: 1432,
      domain: 'evil.example',
    });
    expect(r.outcome).toBe('failed');
    expect(r.message).toEqual({
      vi:
        'Quét lại (theo dõi 3 giây): vẫn còn kết nối tới 203.0.113.9:443 từ PID 1432 (KMSpico.exe); ' +
        'kết nối xuất hiện lại từ PID 2000 (không rõ tên), PID ? (không rõ tên) tới 203.0.113.9; ' +
        'máy vừa tra cứu lại c2.evil.example, cdn.evil.example (bộ nhớ đệm DNS): chương trình độc hại có thể sắp kết nối lại.',
      en:
        'Re-scan (watched for 3 s): the connection to 203.0.113.9:443 is still open from PID 1432 (KMSpico.exe); ' +
        'the connection came back from PID 2000 (name unknown), PID ? (name unknown) to 203.0.113.9; ' +
        'this computer looked c2.evil.example, cdn.evil.example up again (DNS cache): the malware may be about to connect again.',
    });
    expect(r.data).toMatchObject({
      gone: false,
      still: [
        expect.objectContaining({ pid: 1432, localPort: 50123 }),
        expect.objectContaining({ localPort: 50124 }),
      ],
      reappeared: [expect.objectContaining({ pid: 2000 }), expect.objectContaining({ pid: null })],
      lookups: [
        { name: 'c2.evil.example', type: 'A', data: '203.0.113.9' },
        { name: 'cdn.evil.example', type: 'A', data: '203.0.113.9' },
      ],
    });
    expect(r.data?.remaining).toHaveLength(4);
  });

  it('a flagged process still connected whose name is not known is "name unknown"', async () => {
    const deps = withSamples([[conn({ processName: null })]]);
    const r = await rescan(deps, { remoteAddress: '203.0.113.9', pid: 1432 });
    expect(r.message).toEqual({
      vi: 'Quét lại (theo dõi 2.5 giây): vẫn còn kết nối tới 203.0.113.9 từ PID 1432 (không rõ tên).',
      en: 'Re-scan (watched for 2.5 s): the connection to 203.0.113.9 is still open from PID 1432 (name unknown).',
    });
  });

  it('names a process seen under a pid with no name by the name known for it', async () => {
    const deps = withSamples([[conn({ pid: 3000, processName: 'beacon.exe' })]]);
    const r = await rescan(deps, { remoteAddress: '203.0.113.9', pid: 1432 });
    expect(r.message.en).toBe(
      'Re-scan (watched for 2.5 s): the connection came back from PID 3000 (beacon.exe) to 203.0.113.9.',
    );
    expect(r.message.vi).toBe(
      'Quét lại (theo dõi 2.5 giây): kết nối xuất hiện lại từ PID 3000 (beacon.exe) tới 203.0.113.9.',
    );
  });

  it('only a new lookup keeps it from being gone', async () => {
    let reads = 0;
    const deps = withSamples([[]], {
      dnsCache: () => Promise.resolve(reads++ === 0 ? [] : [dns('evil.example', 120)]),
    });
    const r = await rescan(deps, { remoteAddress: '203.0.113.9', domain: 'evil.example' });
    expect(r.message.en).toBe(
      'Re-scan (watched for 2.5 s): this computer looked evil.example up again (DNS cache): the malware may be about to connect again.',
    );
    expect(r.data?.lookups).toEqual([{ name: 'evil.example', type: 'A', data: '203.0.113.9' }]);
  });

  it('says the re-scan failed when the watch throws', async () => {
    const deps = withSamples([[]], {
      now: () => {
        throw new Error('clock broken');
      },
    });
    expect(await rescan(deps, { remoteAddress: '203.0.113.9' })).toEqual({
      step: 'rescan',
      outcome: 'failed',
      message: { vi: 'Quét lại thất bại.', en: 'The re-scan failed.' },
      detail: 'Error: clock broken',
    });
  });

  it('passes progress through', async () => {
    const deps = withSamples([[]]);
    const seen: number[] = [];
    await rescan(deps, { remoteAddress: '203.0.113.9' }, (p) => seen.push(p.samples));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
