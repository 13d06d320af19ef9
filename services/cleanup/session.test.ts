import { describe, expect, it } from 'vitest';
import { commandKey, createReplayRunner, type CommandResult } from '../command-runner';
import {
  addRuleCommand,
  createCleanupSession,
  deleteRuleCommand,
  listRulesCommand,
  persistenceCommands,
  type PersistenceEntry,
} from '.';
import { evidenceWith } from '../../test/support/cleanup/evidence-fixture';
import { startTimeCommand } from './evidence';
import type { StepFs } from './steps';

const ROOT = 'C:\\Windows';
const enc = (s: string) => new TextEncoder().encode(s);
const fail = (code: number, text: string): CommandResult => ({
  stdout: enc(text),
  stderr: new Uint8Array(),
  code,
});

function recordingFs() {
  const ops: string[] = [];
  const fs: StepFs = {
    mkdir: (d) => (ops.push(`mkdir ${d}`), Promise.resolve()),
    writeFile: (p, d) => (ops.push(`write ${p} ${new TextDecoder().decode(d)}`), Promise.resolve()),
    copyFile: (a, b) => (ops.push(`copy ${a} -> ${b}`), Promise.resolve()),
    unlink: (p) => (ops.push(`unlink ${p}`), Promise.resolve()),
  };
  return { fs, ops };
}

function session(
  table: Record<string, CommandResult | string>,
  extra: Partial<Parameters<typeof createCleanupSession>[0]> = {},
) {
  const ran: string[][] = [];
  const { fs, ops } = recordingFs();
  let n = 0;
  const s = createCleanupSession({
    runner: createReplayRunner(table, (file, args) => ran.push([file, ...args])),
    platform: 'win32',
    systemRoot: ROOT,
    backupDir: 'C:\\Backup',
    self: { pid: 7000, ppid: 6990 },
    fs,
    clock: () => new Date('2026-11-23T15:00:00Z'),
    token: () => `tok${++n}`,
    lookupProcessName: () => Promise.resolve('KMSELDI.exe'),
    lookupProcessStart: () => Promise.resolve(null),
    env: { AppData: 'C:\\Users\\a\\AppData\\Roaming', ProgramData: 'C:\\ProgramData' },
    // What the evidence step of this item found: the only entries removal may touch.
    gather: (_deps, target) => Promise.resolve(evidenceWith(target.pid ?? null, FOUND)),
    cleanupToolUrl: 'https://khonggianmang.vn/cleanup-tool',
    ...extra,
  });
  return { s, ran, ops };
}

const STARTUP_LNK =
  'C:\\Users\\a\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\kms.lnk';
const FOUND: PersistenceEntry[] = [
  {
    type: 'run-key',
    key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    valueName: 'KMS Helper',
    data: 'C:\\x\\a.exe',
  },
  { type: 'scheduled-task', taskPath: '\\AutoPico Daily Restart', command: 'x' },
  { type: 'service', name: 'Service KMSELDI', imagePath: 'C:\\Program Files\\KMSpico\\Service_KMS.exe' },
  { type: 'startup-shortcut', path: STARTUP_LNK },
];

const confirmOk = async (
  s: ReturnType<typeof session>['s'],
  req: Parameters<ReturnType<typeof session>['s']['propose']>[0],
) => {
  await s.evidence({ pid: 1432 });
  const p = s.propose(req);
  if (!p.ok) throw new Error(p.error.message.en);
  return s.confirm(p.value.token);
};

describe('firewall commands (exact argument arrays)', () => {
  it('adds, deletes and lists rules named SachMaDoc-Block-<ip>', () => {
    expect(addRuleCommand(ROOT, '203.0.113.9')).toEqual({
      file: 'C:\\Windows\\System32\\netsh.exe',
      args: [
        'advfirewall',
        'firewall',
        'add',
        'rule',
        'name=SachMaDoc-Block-203.0.113.9',
        'dir=out',
        'action=block',
        'remoteip=203.0.113.9',
      ],
    });
    expect(deleteRuleCommand(ROOT, '2001:db8::1').args).toEqual([
      'advfirewall',
      'firewall',
      'delete',
      'rule',
      'name=SachMaDoc-Block-2001:db8::1',
    ]);
    expect(listRulesCommand(ROOT).args).toEqual([
      'advfirewall',
      'firewall',
      'show',
      'rule',
      'name=all',
      'dir=out',
    ]);
  });

  it('canonicalises the address before it reaches netsh; refuses non-addresses and loopback', async () => {
    const { s, ran } = session({
      [commandKey(addRuleCommand(ROOT, '2001:db8::1').file, addRuleCommand(ROOT, '2001:db8::1').args)]: 'Ok.',
    });
    const r = await confirmOk(s, { step: 'block-address', ip: '[2001:DB8:0:0::1]' });
    expect(r.outcome).toBe('ok');
    expect(ran).toEqual([
      [addRuleCommand(ROOT, '2001:db8::1').file, ...addRuleCommand(ROOT, '2001:db8::1').args],
    ]);
    for (const ip of ['203.0.113.9 & calc', 'name=x', '127.0.0.1', '0.0.0.0', '::1'])
      expect(s.propose({ step: 'block-address', ip }).ok, ip).toBe(false);
    expect(ran).toHaveLength(1);
  });

  it('says to restart elevated when netsh requires elevation', async () => {
    const c = addRuleCommand(ROOT, '203.0.113.9');
    const { s } = session({
      [commandKey(c.file, c.args)]: fail(
        1,
        'The requested operation requires elevation (Run as administrator).',
      ),
    });
    const r = await confirmOk(s, { step: 'block-address', ip: '203.0.113.9' });
    expect(r.outcome).toBe('needs-admin');
    expect(r.message.vi).toContain('Run as administrator');
    expect(s.log().at(-1)).toMatchObject({
      step: 'block-address',
      outcome: 'needs-admin',
      error: expect.stringContaining('requires elevation'),
    });
  });

  it('lists only our rules from netsh output', async () => {
    const c = listRulesCommand(ROOT);
    const out = [
      'Rule Name:                            SachMaDoc-Block-203.0.113.9',
      'Direction:                            Out',
      'Rule Name:                            Some other rule',
      'Tên quy tắc:                          SachMaDoc-Block-2001:db8::1',
    ].join('\r\n');
    const { s } = session({ [commandKey(c.file, c.args)]: out });
    expect(await s.listBlockRules()).toEqual({ ok: true, value: ['203.0.113.9', '2001:db8::1'] });
  });
});

describe('persistence removal (backup first, exact commands)', () => {
  const run: PersistenceEntry = {
    type: 'run-key',
    key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    valueName: 'KMS Helper',
    data: 'C:\\x\\a.exe',
  };
  const task: PersistenceEntry = {
    type: 'scheduled-task',
    taskPath: '\\AutoPico Daily Restart',
    command: 'x',
  };
  const svc: PersistenceEntry = {
    type: 'service',
    name: 'Service KMSELDI',
    imagePath: 'C:\\Program Files\\KMSpico\\Service_KMS.exe',
  };

  it('builds the backup and delete argument arrays for each kind', () => {
    expect(persistenceCommands(ROOT, run, 'B.reg')).toEqual({
      kind: 'commands',
      backup: {
        file: 'C:\\Windows\\System32\\reg.exe',
        args: ['export', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', 'B.reg', '/y'],
      },
      remove: {
        file: 'C:\\Windows\\System32\\reg.exe',
        args: ['delete', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', '/v', 'KMS Helper', '/f'],
      },
    });
    expect(persistenceCommands(ROOT, task, 'B.xml')).toMatchObject({
      backup: {
        file: 'C:\\Windows\\System32\\schtasks.exe',
        args: ['/query', '/tn', '\\AutoPico Daily Restart', '/xml'],
        stdoutTo: 'B.xml',
      },
      remove: { args: ['/delete', '/tn', '\\AutoPico Daily Restart', '/f'] },
    });
    expect(persistenceCommands(ROOT, svc, 'B.reg')).toMatchObject({
      backup: {
        args: ['export', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Service KMSELDI', 'B.reg', '/y'],
      },
      stop: { file: 'C:\\Windows\\System32\\sc.exe', args: ['stop', 'Service KMSELDI'] },
      remove: { file: 'C:\\Windows\\System32\\sc.exe', args: ['delete', 'Service KMSELDI'] },
    });
  });

  it('saves the task XML, then deletes the task, and logs the backup file', async () => {
    const plan = persistenceCommands(
      ROOT,
      task,
      'C:\\Backup\\2026-11-23T15-00-00-000Z-scheduled-task-AutoPico_Daily_Restart.xml',
    );
    if (plan.kind !== 'commands') throw new Error('expected commands');
    const { s, ran, ops } = session({
      [commandKey(plan.backup.file, plan.backup.args)]: '<?xml version="1.0"?><Task/>',
      [commandKey(plan.remove.file, plan.remove.args)]:
        'SUCCESS: The scheduled task "AutoPico Daily Restart" was successfully deleted.',
    });
    const r = await confirmOk(s, { step: 'remove-persistence', entry: task });
    expect(r.outcome).toBe('ok');
    expect(ran.map((c) => c.slice(1))).toEqual([plan.backup.args, plan.remove.args]);
    expect(ops).toEqual(['mkdir C:\\Backup', `write ${plan.backup.stdoutTo} <?xml version="1.0"?><Task/>`]);
    expect(s.log().at(-1)).toMatchObject({
      outcome: 'ok',
      message: { en: expect.stringContaining('Backed up to C:\\Backup\\') },
    });
  });

  it('removes nothing when the backup fails', async () => {
    const { s, ran } = session({});
    const r = await confirmOk(s, { step: 'remove-persistence', entry: run });
    expect(r.outcome).toBe('failed');
    expect(r.message.en).toContain('nothing was removed');
    expect(ran.map((c) => c[1])).toEqual(['export']);
  });

  it('detects "Access is denied" on delete and says to run elevated', async () => {
    const plan = persistenceCommands(
      ROOT,
      svc,
      'C:\\Backup\\2026-11-23T15-00-00-000Z-service-Service_KMSELDI.reg',
    );
    if (plan.kind !== 'commands') throw new Error('expected commands');
    const { s } = session({
      [commandKey(plan.backup.file, plan.backup.args)]: 'The operation completed successfully.',
      [commandKey(plan.stop!.file, plan.stop!.args)]: fail(
        5,
        '[SC] OpenService FAILED 5:\r\n\r\nAccess is denied.',
      ),
      [commandKey(plan.remove.file, plan.remove.args)]: fail(
        5,
        '[SC] OpenService FAILED 5:\r\n\r\nAccess is denied.',
      ),
    });
    const r = await confirmOk(s, { step: 'remove-persistence', entry: svc });
    expect(r.outcome).toBe('needs-admin');
    expect(r.message.en).toContain('Run as administrator');
  });

  it('copies a Startup shortcut to the backup folder before deleting it', async () => {
    const path = STARTUP_LNK;
    const { s, ops, ran } = session({});
    const r = await confirmOk(s, { step: 'remove-persistence', entry: { type: 'startup-shortcut', path } });
    expect(r.outcome).toBe('ok');
    expect(ran).toEqual([]);
    expect(ops).toEqual([
      'mkdir C:\\Backup',
      `copy ${path} -> C:\\Backup\\2026-11-23T15-00-00-000Z-startup-shortcut-kms.lnk`,
      `unlink ${path}`,
    ]);
  });

  it('refuses entries outside the known places', () => {
    const { s } = session({});
    expect(
      s.propose({
        step: 'remove-persistence',
        entry: { ...run, key: 'HKLM\\SYSTEM\\CurrentControlSet' } as PersistenceEntry,
      }).ok,
    ).toBe(false);
    expect(
      s.propose({ step: 'remove-persistence', entry: { ...task, taskPath: 'AutoPico' } as PersistenceEntry })
        .ok,
    ).toBe(false);
    expect(
      s.propose({
        step: 'remove-persistence',
        entry: { type: 'startup-shortcut', path: 'C:\\Windows\\System32\\ntdll.dll' },
      }).ok,
    ).toBe(false);
    expect(s.log().every((e) => e.outcome === 'refused')).toBe(true);
  });
});

describe('terminate on Windows and the confirmation token', () => {
  it('runs taskkill /PID n /F once, and the token cannot be replayed', async () => {
    const { s, ran } = session({
      [`${ROOT}\\System32\\taskkill.exe /PID 1432 /F`]:
        'SUCCESS: The process with PID 1432 has been terminated.',
    });
    const p = s.propose({ step: 'terminate', pid: 1432, name: 'KMSELDI.exe' });
    if (!p.ok) throw new Error('refused');
    expect((await s.confirm(p.value.token)).outcome).toBe('ok');
    expect(ran).toEqual([[`${ROOT}\\System32\\taskkill.exe`, '/PID', '1432', '/F']]);
    expect((await s.confirm(p.value.token)).outcome).toBe('refused');
    expect(ran).toHaveLength(1);
    expect(s.log().map((e) => [e.step, e.outcome])).toEqual([
      ['terminate', 'proposed'],
      ['terminate', 'ok'],
      ['confirm', 'refused'],
    ]);
  });

  it('refuses when the pid now belongs to another program (pid reuse)', async () => {
    const { s, ran } = session({}, { lookupProcessName: () => Promise.resolve('lsass.exe') });
    const r = await confirmOk(s, { step: 'terminate', pid: 1432, name: 'KMSELDI.exe' });
    expect(r.outcome).toBe('refused');
    expect(ran).toEqual([]);
  });

  it('checks the pid with tasklist and its creation time with CIM by default before taskkill', async () => {
    const ran: string[] = [];
    const start = startTimeCommand(ROOT, 1432);
    const s = createCleanupSession({
      runner: createReplayRunner(
        {
          [`${ROOT}\\System32\\tasklist.exe /fi PID eq 1432 /fo csv /nh`]:
            '"Service_KMS.exe","1432","Services","0","5,120 K"\r\n',
          [commandKey(start.file, start.args)]: '2026-11-23T07:12:03.0000000Z\r\n',
          [`${ROOT}\\System32\\taskkill.exe /PID 1432 /F`]: 'SUCCESS',
        },
        (file, args) => ran.push(file === start.file ? 'creation-time' : [file, ...args].join('|')),
      ),
      platform: 'win32',
      systemRoot: ROOT,
      backupDir: 'C:\\B',
      self: { pid: 7000, ppid: 6990 },
    });
    const p = s.propose({ step: 'terminate', pid: 1432, name: 'service_kms.EXE' });
    if (!p.ok) throw new Error(p.error.message.en);
    expect((await s.confirm(p.value.token)).outcome).toBe('ok');
    expect(ran).toEqual([
      'creation-time',
      `${ROOT}\\System32\\tasklist.exe|/fi|PID eq 1432|/fo|csv|/nh`,
      'creation-time',
      `${ROOT}\\System32\\taskkill.exe|/PID|1432|/F`,
    ]);
  });

  it('refuses lsass before issuing any token', () => {
    const { s } = session({});
    const p = s.propose({ step: 'terminate', pid: 840, name: 'lsass.exe' });
    expect(p.ok).toBe(false);
  });

  it('returns the official tool URL from the feed, or says the feed has none', async () => {
    expect((await confirmOk(session({}).s, { step: 'open-cleanup-tool' })).data).toEqual({
      url: 'https://khonggianmang.vn/cleanup-tool',
    });
    const none = await confirmOk(session({}, { cleanupToolUrl: 'http://insecure.example' }).s, {
      step: 'open-cleanup-tool',
    });
    expect(none.outcome).toBe('failed');
  });
});
