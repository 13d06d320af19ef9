// Attacks on the guided cleanup (issue 12, "Acting on the PC"): each case below was accepted by
// the cleanup before the guards existed. Windows commands are replayed; nothing here runs a tool.
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../command-runner';
import { createCleanupSession, terminateRefusal, type PersistenceEntry } from '.';
import { blockableIp } from './firewall';
import { persistenceRefusal } from './persistence';
import { textPairWithReason } from '../../shared/i18n';
import type { StepFs } from './steps';
import { evidenceWith } from '../../test/support/cleanup/evidence-fixture';

const ROOT = 'C:\\Windows';
const ENV = { AppData: 'C:\\Users\\an\\AppData\\Roaming', ProgramData: 'C:\\ProgramData' };
const USER_STARTUP = 'C:\\Users\\an\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup';

function session(found: PersistenceEntry[], extra: Partial<Parameters<typeof createCleanupSession>[0]> = {}) {
  const ran: string[] = [];
  const ops: string[] = [];
  const fs: StepFs = {
    mkdir: () => Promise.resolve(),
    writeFile: (p) => (ops.push(`write ${p}`), Promise.resolve()),
    copyFile: (a) => (ops.push(`copy ${a}`), Promise.resolve()),
    unlink: (p) => (ops.push(`unlink ${p}`), Promise.resolve()),
  };
  const ok: CommandResult = { stdout: new TextEncoder().encode('OK'), stderr: new Uint8Array(), code: 0 };
  const runner = {
    run: (file: string, args: readonly string[]) => (
      ran.push([file, ...args].join(' ')),
      Promise.resolve(ok)
    ),
  };
  const s = createCleanupSession({
    runner,
    platform: 'win32',
    systemRoot: ROOT,
    backupDir: 'C:\\Backup',
    self: { pid: 7000, ppid: 6990 },
    env: ENV,
    fs,
    lookupProcessName: () => Promise.resolve('Service_KMS.exe'),
    lookupProcessStart: () => Promise.resolve('2026-11-23T07:12:03.0000000Z'),
    gather: (_d, t) => Promise.resolve(evidenceWith(t.pid ?? null, found)),
    ...extra,
  });
  return { s, ran, ops };
}

const runKey: PersistenceEntry = {
  type: 'run-key',
  key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  valueName: 'KMS Helper',
  data: 'C:\\Program Files\\KMSpico\\KMSELDI.exe',
};

describe('remove-persistence is bound to the entry the evidence step found', () => {
  it('refuses an entry before any evidence, and an entry the evidence did not list', async () => {
    const { s, ran } = session([runKey]);
    expect(s.propose({ step: 'remove-persistence', entry: runKey }).ok).toBe(false);
    await s.evidence({ pid: 1432 });
    // Same key, another value (say the antivirus's own Run value): never found for this item.
    const other = {
      ...runKey,
      valueName: 'SecurityHealth',
      data: '%windir%\\system32\\SecurityHealthSystray.exe',
    };
    const r = s.propose({ step: 'remove-persistence', entry: other });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.en).toContain('not one the evidence step found');
    // A changed field of the found entry is another entry too.
    expect(s.propose({ step: 'remove-persistence', entry: { ...runKey, data: 'x' } }).ok).toBe(false);
    expect(s.propose({ step: 'remove-persistence', entry: runKey }).ok).toBe(true);
    expect(ran).toEqual([]);
  });

  it('does not let evidence of one cleanup item authorise another item’s session', async () => {
    const first = session([runKey]);
    await first.s.evidence({ pid: 1432 });
    const second = session([]);
    await second.s.evidence({ pid: 2000 });
    expect(second.s.propose({ step: 'remove-persistence', entry: runKey }).ok).toBe(false);
  });
});

describe('Startup-folder paths are canonical and directly in a Startup folder', () => {
  const tricks = [
    // ".." climbs out of the Startup folder to a system file
    `${USER_STARTUP}\\..\\..\\..\\..\\..\\..\\..\\..\\..\\Windows\\System32\\ntdll.dll`,
    // "/" separators hide the climb from a backslash-only pattern
    `${USER_STARTUP}\\x/../../../../../../../../../Windows/System32/ntdll.dll`,
    // a folder that only looks like a Startup folder
    'C:\\Windows\\System32\\Start Menu\\Programs\\Startup\\ntdll.dll',
    'D:\\Start Menu\\Programs\\Startup\\a.lnk',
    // a sub-folder of the Startup folder, and "." segments
    `${USER_STARTUP}\\sub\\a.lnk`,
    `${USER_STARTUP}\\.\\a.lnk`,
  ];
  it.each(tricks)('refuses %s even when the evidence listed it', async (path) => {
    const entry: PersistenceEntry = { type: 'startup-shortcut', path };
    expect(persistenceRefusal(entry, ENV)).not.toBeNull();
    const { s, ops } = session([entry]);
    await s.evidence({ pid: 1432 });
    expect(s.propose({ step: 'remove-persistence', entry }).ok).toBe(false);
    expect(ops).toEqual([]);
  });

  it('allows a shortcut directly in either Startup folder (any letter case)', () => {
    expect(
      persistenceRefusal({ type: 'startup-shortcut', path: `${USER_STARTUP}\\kms.lnk` }, ENV),
    ).toBeNull();
    const common = 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\AutoPico.lnk';
    expect(persistenceRefusal({ type: 'startup-shortcut', path: common }, ENV)).toBeNull();
    // Another user's Startup folder is not this machine's current user's.
    const other =
      'C:\\Users\\binh\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.lnk';
    expect(persistenceRefusal({ type: 'startup-shortcut', path: other }, ENV)).not.toBeNull();
  });
});

describe('names a command would read as options, and protected services and tasks', () => {
  const refused: [string, PersistenceEntry][] = [
    ['a value name starting with /', { ...runKey, valueName: '/va' }],
    ['a value name starting with -', { ...runKey, valueName: '-f' }],
    ['a service name starting with -', { type: 'service', name: '-config', imagePath: 'x' }],
    ['a service name starting with /', { type: 'service', name: '/?', imagePath: 'x' }],
    ['a task name starting with -', { type: 'scheduled-task', taskPath: '\\-f', command: 'x' }],
    ['Microsoft Defender', { type: 'service', name: 'WinDefend', imagePath: 'x' }],
    ['the event log', { type: 'service', name: 'EventLog', imagePath: 'x' }],
    ['Windows Update', { type: 'service', name: 'wuauserv', imagePath: 'x' }],
    ['the Security Center', { type: 'service', name: 'wscsvc', imagePath: 'x' }],
    ['the firewall', { type: 'service', name: 'MpsSvc', imagePath: 'x' }],
    [
      'a Defender task',
      {
        type: 'scheduled-task',
        taskPath: '\\Microsoft\\Windows\\Windows Defender\\Windows Defender Scheduled Scan',
        command: 'x',
      },
    ],
    [
      'an Update task',
      {
        type: 'scheduled-task',
        taskPath: '\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan',
        command: 'x',
      },
    ],
  ];
  it.each(refused)('refuses %s even when the evidence listed it; nothing runs', async (_what, entry) => {
    const { s, ran } = session([entry]);
    await s.evidence({ pid: 1432 });
    expect(s.propose({ step: 'remove-persistence', entry }).ok).toBe(false);
    expect(ran).toEqual([]);
    expect(s.log().at(-1)).toMatchObject({ outcome: 'refused' });
  });

  it('still removes an ordinary crack service and task', () => {
    expect(persistenceRefusal({ type: 'service', name: 'Service KMSELDI', imagePath: 'x' }, ENV)).toBeNull();
    expect(
      persistenceRefusal({ type: 'scheduled-task', taskPath: '\\AutoPico Daily Restart', command: 'x' }, ENV),
    ).toBeNull();
  });
});

describe('terminate guard', () => {
  const self = { pid: 7000, ppid: 6990 };
  it.each(['svchost.exe', 'dwm.exe', 'MsMpEng.exe', 'C:\\Windows\\System32\\SVCHOST.EXE'])(
    'refuses %s',
    (name) => {
      expect(terminateRefusal({ pid: 1200, name }, self)).not.toBeNull();
    },
  );

  it('refuses every process of the app’s own tree (renderer, GPU helper)', () => {
    const { s, ran } = session([], { ownTree: () => [7000, 7010, 7022] });
    const p = s.propose({ step: 'terminate', pid: 7022, name: 'Sạch Mã Độc.exe' });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.message.en).toContain('Sạch Mã Độc itself');
    expect(ran).toEqual([]);
  });

  it('refuses at confirmation when a pid of the tree appeared after the proposal', async () => {
    let tree = [7000];
    const { s, ran } = session([], { ownTree: () => tree });
    const p = s.propose({ step: 'terminate', pid: 7044, name: 'Service_KMS.exe' });
    if (!p.ok) throw new Error('refused too early');
    tree = [7000, 7044];
    expect((await s.confirm(p.value.token)).outcome).toBe('refused');
    expect(ran).toEqual([]);
  });

  it('binds a proposal to the creation time the evidence showed: a reused pid is refused', async () => {
    const { s, ran } = session([], {
      lookupProcessStart: () => Promise.resolve('2026-11-23T09:40:00.0000000Z'),
    });
    await s.evidence({ pid: 1432 }); // started 07:12:03
    const p = s.propose({ step: 'terminate', pid: 1432, name: 'Service_KMS.exe' });
    if (!p.ok) throw new Error('refused too early');
    const r = await s.confirm(p.value.token);
    expect(r.outcome).toBe('refused');
    expect(r.message.en).toContain('is now another process');
    expect(ran).toEqual([]);
  });

  it('binds without evidence too (looked up at proposal), and kills the same process', async () => {
    const starts = ['2026-11-23T07:12:03.0000000Z', '2026-11-23T07:12:03.0000000Z'];
    const { s, ran } = session([], { lookupProcessStart: () => Promise.resolve(starts.shift() ?? null) });
    const p = s.propose({ step: 'terminate', pid: 1432, name: 'Service_KMS.exe' });
    if (!p.ok) throw new Error('refused');
    expect((await s.confirm(p.value.token)).outcome).toBe('ok');
    expect(ran).toEqual([`${ROOT}\\System32\\taskkill.exe /PID 1432 /F`]);
  });
});

describe('the official-tool step', () => {
  it('refuses a cleanup tool address from the feed that is not on the pinned hosts', async () => {
    const { s } = session([], { cleanupToolUrl: 'https://khonggianmang-vn.download/tool.exe' });
    const p = s.propose({ step: 'open-cleanup-tool' });
    if (!p.ok) throw new Error('refused too early');
    const r = await s.confirm(p.value.token);
    expect(r.outcome).toBe('refused');
    expect(r.data).toBeUndefined();
    const official = session([], { cleanupToolUrl: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu' });
    const q = official.s.propose({ step: 'open-cleanup-tool' });
    if (!q.ok) throw new Error('refused');
    expect((await official.s.confirm(q.value.token)).data).toEqual({
      url: 'https://khonggianmang.vn/chiendichmadoc2022#cong-cu',
    });
  });
});

describe('refusals are worded in each language, never English inside Vietnamese', () => {
  it('words a refused block of this machine and of a protected service', () => {
    const b = blockableIp('127.0.0.1');
    if (!('reason' in b)) throw new Error('127.0.0.1 must be refused');
    const block = textPairWithReason('msg.cleanup.cannotBlock', b.reason);
    expect(block.vi).toBe(
      'Không chặn được: 127.0.0.1 là chính máy này hoặc không phải địa chỉ thật; chặn nó không cắt được kết nối.',
    );
    expect(block.en).toBe(
      'Cannot block: 127.0.0.1 is this machine or no address; blocking it would not cut the connection.',
    );
    const r = persistenceRefusal({ type: 'service', name: 'WinDefend', imagePath: 'x' }, ENV);
    if (r === null) throw new Error('WinDefend must be refused');
    const service = textPairWithReason('msg.cleanup.notRemoved', r);
    expect(service.vi).toMatch(/^Không gỡ: WinDefend là dịch vụ được bảo vệ của Windows/);
    expect(service.vi).not.toMatch(/\b(is|never|protected|service)\b/);
  });
});
