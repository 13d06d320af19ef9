// The cleanup:* channels end to end through dispatch (validation, two-phase steps, one session per
// item, the evidence report, cleanRescan to the tally) and through Electron's registration (sender).
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, ScanReport } from '../../shared/domain';
import type { IpcResult } from '../../shared/ipc/api';
import type { InvokeChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { dispatch } from '../../shared/ipc/dispatch';
import type { StepRequest } from '../../shared/licensing/cleanup-schema';
import { createLogger } from '../../shared/logger';
import { buildAnonymizedResult } from '../../shared/tally/result';
import { createCleanupSession } from '../cleanup/session';
import { createDurableCleanupLog, type DurableCleanupLog } from '../cleanup/durable-log';
import { evidenceWith } from '../../test/support/cleanup/evidence-fixture';
import { createReplayRunner } from '../command-runner';
import { createSettingsStore } from '../settings/settings-store';
import type { PlatformGlue } from './handlers';
import { createHandlers } from './handlers';
import type { IpcMainLike, SenderEvent } from '../../electron/ipc/register';
import { registerIpcHandlers } from '../../electron/ipc/register';
import { harnessGlue, unusedServices } from '../../test/support/ipc';

const evil: Connection = {
  protocol: 'tcp',
  localAddress: '10.0.0.5',
  localPort: 50000,
  remoteAddress: '203.0.113.9',
  remotePort: 8080,
  state: 'ESTABLISHED',
  pid: 4242,
  processName: 'evil',
  processPath: '/opt/evil',
  services: [],
};
const report: ScanReport = {
  scannedAt: '2026-11-23T09:00:00.000Z',
  connections: [evil],
  findings: [
    { indicator: '203.0.113.9', kind: 'ip', via: 'connection', source: 'campaign', connection: evil },
  ],
  feeds: [],
  warnings: [],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cleanup-handlers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(glue: Partial<PlatformGlue> = {}, cleanupLog?: DurableCleanupLog) {
  const killed: number[] = [];
  let live = [evil];
  const cleanRescans: (boolean | null | undefined)[] = [];
  const kmsHosts: (readonly string[] | undefined)[] = [];
  const pushed: { channel: string; payload: unknown }[] = [];
  let scanned = report;
  // The re-scan watches 15 s on a fake clock: each sleep advances it.
  let clock = 0;
  let sessions = 0;
  const handlers = createHandlers({
    version: '0.1.0',
    platform: 'linux',
    settings: createSettingsStore({ file: join(dir, 'settings.json'), logger: createLogger('t') }),
    emit: (channel, payload) => pushed.push({ channel, payload }),
    now: () => new Date('2026-11-23T10:20:30Z'),
    glue: harnessGlue(glue),
    services: unusedServices({
      scan: ({ agencyKmsHosts }) => (kmsHosts.push(agencyKmsHosts), Promise.resolve(scanned)),
      tallyPreview: (r, unitCode, _url, cleanRescan) => {
        cleanRescans.push(cleanRescan);
        return Promise.resolve({
          result: buildAnonymizedResult({
            report: r,
            campaignId: 'lam-sach-ma-doc',
            unitCode,
            installId: '3f1c2a4e-8b7d-4c6e-9a1b-2c3d4e5f6a7b',
            appVersion: '0.1.0',
            os: { family: 'linux', major: '6' },
            cleanRescan: cleanRescan ?? null,
            crackedSoftwareSigns: 0,
            now: new Date('2026-11-23T10:00:00Z'),
          }),
          pending: 0,
        });
      },
      ...(cleanupLog ? { cleanupLog } : {}),
      newCleanupSession: (onLog) => {
        sessions += 1;
        return Promise.resolve(
          createCleanupSession({
            runner: createReplayRunner({}),
            platform: 'linux',
            backupDir: join(dir, 'backup'),
            self: { pid: 1000, ppid: 999 },
            kill: (pid) => {
              killed.push(pid);
              live = live.filter((c) => c.pid !== pid);
            },
            lookupProcessName: () => Promise.resolve('evil'),
            rescan: () => Promise.resolve(live),
            rescanWatch: { now: () => clock, sleep: (ms) => ((clock += ms), Promise.resolve()) },
            evidence: { hashFile: () => Promise.resolve('e'.repeat(64)) },
            ...(onLog ? { onLog } : {}),
          }),
        );
      },
    }),
  });
  return {
    handlers,
    /** Unchecked payloads, as a hostile or buggy page could send them. */
    raw: (c: string, p: unknown) => dispatch(handlers, c, p),
    call: <C extends InvokeChannel>(c: C, p: RequestOf<C> = {} as RequestOf<C>) =>
      dispatch(handlers, c, p) as Promise<IpcResult<ResponseOf<C>>>,
    killed,
    cleanRescans,
    pushed,
    /** What the next scan reports. */
    willScan: (r: ScanReport) => (scanned = r),
    kmsHosts,
    sessions: () => sessions,
  };
}

const ITEM = 'conn:4242:203.0.113.9:8080';
const propose = (h: ReturnType<typeof setup>, request: StepRequest, item = ITEM) =>
  h.call('cleanup:propose', { item, request });

describe('the durable cleanup log', () => {
  it('keeps every step on disk as it happens, and the evidence report of the next run holds them', async () => {
    const file = join(dir, 'cleanup', 'action-log.jsonl');
    const first = setup({}, createDurableCleanupLog(file, 'can-bo-it'));
    const p = await propose(first, { step: 'terminate', pid: 4242, name: 'evil' });
    if (!p.ok || p.value.status !== 'proposed') throw new Error(JSON.stringify(p));
    // On disk before anything ran, and again right after the step: nothing waits for a clean exit.
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    await first.call('cleanup:confirm', { token: p.value.token });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.item, l.step, l.outcome, l.by])).toEqual([
      [ITEM, 'terminate', 'proposed', 'can-bo-it'],
      [ITEM, 'terminate', 'ok', 'can-bo-it'],
    ]);
    expect(lines[1]).toMatchObject({ args: { pid: 4242, name: 'evil' }, time: expect.any(String) });

    // The app is closed (the first handler table is dropped) and started again; a power loss cut
    // a line in half on the way.
    appendFileSync(file, '{"time":"2026-11-23T10:21:00.000Z","step":"termin');
    const second = setup({}, createDurableCleanupLog(file, 'can-bo-it'));
    const r = await second.call('cleanup:report', { format: 'json' });
    if (!r.ok || r.value.kind !== 'download') throw new Error(JSON.stringify(r));
    const doc = JSON.parse(r.value.content) as {
      actions: { step: string; outcome: string; by?: string; error?: string }[];
    };
    expect(doc.actions.slice(0, 2).map((a) => [a.step, a.outcome, a.by])).toEqual([
      ['terminate', 'proposed', 'can-bo-it'],
      ['terminate', 'ok', 'can-bo-it'],
    ]);
    expect(doc.actions[2]).toMatchObject({ outcome: 'failed', error: expect.stringContaining(`${file}:3:`) });
  });
});

describe('cleanup handlers', () => {
  it('refuses malformed payloads before any session is made', async () => {
    const h = setup();
    for (const [channel, payload] of [
      ['cleanup:propose', { item: ITEM, request: { step: 'format-disk' } }],
      ['cleanup:propose', { item: ITEM, request: { step: 'terminate', pid: -1, name: 'x' } }],
      ['cleanup:propose', { item: ITEM, request: { step: 'terminate', pid: 5, name: 'x', force: true } }],
      ['cleanup:propose', { item: '', request: { step: 'open-cleanup-tool' } }],
      ['cleanup:confirm', { token: 'not-a-token' }],
      ['cleanup:report', { format: 'exe' }],
      ['cleanup:evidence', { item: ITEM, pid: 'x' }],
    ] as const)
      expect(await h.raw(channel, payload), `${channel} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    expect(h.sessions()).toBe(0);
  });

  it('runs a step only on confirmation with its token, once; critical pids are refused at proposal', async () => {
    const h = setup();
    expect(await propose(h, { step: 'terminate', pid: 4, name: 'System' })).toMatchObject({
      ok: true,
      value: { status: 'refused', message: { en: expect.any(String) } },
    });
    const p = await propose(h, { step: 'terminate', pid: 4242, name: 'evil' });
    if (!p.ok || p.value.status !== 'proposed') throw new Error(JSON.stringify(p));
    expect(p.value.summary.vi).toBe('Dừng tiến trình evil (PID 4242).');
    expect(h.killed).toEqual([]);
    expect(await h.call('cleanup:confirm', { token: p.value.token })).toMatchObject({
      ok: true,
      value: { step: 'terminate', outcome: 'ok' },
    });
    expect(h.killed).toEqual([4242]);
    expect(await h.call('cleanup:confirm', { token: p.value.token })).toMatchObject({
      ok: true,
      value: { step: 'confirm', outcome: 'refused' },
    });
    expect(h.killed).toEqual([4242]);
    const log = await h.call('cleanup:log', { item: ITEM });
    if (!log.ok) throw new Error('log');
    expect(log.value.map((e) => [e.item, e.step, e.outcome])).toEqual([
      [ITEM, 'terminate', 'refused'],
      [ITEM, 'terminate', 'proposed'],
      [ITEM, 'terminate', 'ok'],
    ]);
  });

  it("keeps one session and one log per item, and lists every item's log together", async () => {
    const h = setup();
    await propose(h, { step: 'open-cleanup-tool' }, 'sign:0:KMSpico');
    await propose(h, { step: 'open-cleanup-tool' }, ITEM);
    expect(h.sessions()).toBe(2);
    const a = await h.call('cleanup:log', { item: 'sign:0:KMSpico' });
    expect(a.ok && a.value.map((e) => e.item)).toEqual(['sign:0:KMSpico']);
    const all = await h.call('cleanup:log', {});
    expect(all.ok && all.value).toHaveLength(2);
  });

  it('passes the re-scan outcome to the tally preview: null before, false while open, true once gone', async () => {
    const h = setup();
    await h.call('scan:run');
    await h.call('settings:set', { unitCode: 'SO-TTTT' });
    const rescan = async () => {
      const p = await propose(h, {
        step: 'rescan',
        target: { remoteAddress: '203.0.113.9', remotePort: 8080 },
      });
      if (!p.ok || p.value.status !== 'proposed') throw new Error('not proposed');
      return h.call('cleanup:confirm', { token: p.value.token });
    };
    await h.call('tally:preview');
    expect(await rescan()).toMatchObject({ ok: true, value: { outcome: 'failed', data: { gone: false } } });
    await h.call('tally:preview');
    const kill = await propose(h, { step: 'terminate', pid: 4242, name: 'evil' });
    if (!kill.ok || kill.value.status !== 'proposed') throw new Error('not proposed');
    await h.call('cleanup:confirm', { token: kill.value.token });
    expect(await rescan()).toMatchObject({ ok: true, value: { outcome: 'ok', data: { gone: true } } });
    const preview = await h.call('tally:preview');
    expect(preview).toMatchObject({ ok: true, value: { result: { cleanRescan: true } } });
    expect(h.cleanRescans).toEqual([null, false, true]);
    // The watch's progress went to the page, for this item, up to the full window.
    const progress = h.pushed.filter((p) => p.channel === 'cleanup:rescan-progress');
    expect(progress.length).toBeGreaterThanOrEqual(60);
    expect(progress.at(-1)!.payload).toMatchObject({ item: ITEM, elapsedMs: 15_000, totalMs: 15_000 });
  });

  it('never attaches the clean re-scan to a later scan that has findings', async () => {
    const h = setup();
    await h.call('scan:run');
    await h.call('settings:set', { unitCode: 'SO-TTTT' });
    const kill = await propose(h, { step: 'terminate', pid: 4242, name: 'evil' });
    if (!kill.ok || kill.value.status !== 'proposed') throw new Error('not proposed');
    await h.call('cleanup:confirm', { token: kill.value.token });
    const p = await propose(h, { step: 'rescan', target: { remoteAddress: '203.0.113.9' } });
    if (!p.ok || p.value.status !== 'proposed') throw new Error('not proposed');
    expect(await h.call('cleanup:confirm', { token: p.value.token })).toMatchObject({
      value: { data: { gone: true } },
    });
    // The scan the cleanup started from: the re-scan speaks for it.
    expect(await h.call('tally:preview')).toMatchObject({ value: { result: { cleanRescan: true } } });
    // A later scan without findings: still clean.
    h.willScan({ ...report, scannedAt: '2026-11-23T11:00:00.000Z', findings: [] });
    await h.call('scan:run');
    expect(await h.call('tally:preview')).toMatchObject({ value: { result: { cleanRescan: true } } });
    // A later scan where the indicator is back (a new PID): not clean.
    const back = { ...evil, pid: 5151, processName: 'svch0st' };
    h.willScan({
      ...report,
      scannedAt: '2026-11-23T12:00:00.000Z',
      connections: [back],
      findings: [{ ...report.findings[0], connection: back }],
    });
    await h.call('scan:run');
    expect(await h.call('tally:preview')).toMatchObject({ value: { result: { cleanRescan: false } } });
  });

  it('exports the evidence report as HTML and JSON; PDF is refused in the harness and printed by the app', async () => {
    const h = setup();
    await h.call('scan:run');
    await h.call('cleanup:evidence', { item: ITEM, pid: null, path: '/opt/evil' });
    const json = await h.call('cleanup:report', { format: 'json' });
    if (!json.ok || json.value.kind !== 'download') throw new Error(JSON.stringify(json));
    expect(json.value.fileName).toBe('sachmadoc-evidence-20261123-102030.json');
    expect(JSON.parse(json.value.content)).toMatchObject({
      format: 'sachmadoc-evidence-report',
      findings: [{ indicator: '203.0.113.9' }],
      evidence: [{ path: '/opt/evil', sha256: 'e'.repeat(64) }],
    });
    const html = await h.call('cleanup:report', { format: 'html' });
    expect(html).toMatchObject({
      ok: true,
      value: { kind: 'download', mimeType: 'text/html;charset=utf-8' },
    });
    expect(await h.call('cleanup:report', { format: 'pdf' })).toMatchObject({
      ok: false,
      error: {
        code: 'user-error',
        message: expect.stringContaining('PDF'),
        hint: expect.stringContaining('HTML'),
      },
    });

    const printed: string[] = [];
    const app = setup({
      savePdf: ({ fileName, html: page }) => (
        printed.push(page),
        Promise.resolve({ kind: 'saved', path: `/home/u/${fileName}` })
      ),
    });
    expect(await app.call('cleanup:report', { format: 'pdf' })).toEqual({
      ok: true,
      value: { kind: 'saved', path: '/home/u/sachmadoc-evidence-20261123-102030.pdf' },
    });
    expect(printed[0]).toMatch(/^<!doctype html>/i);
  });

  it('shows, before confirmation, the exact commands that back up and remove a startup entry, and where the backup goes', async () => {
    const entry = {
      type: 'service' as const,
      name: 'KMSELDI',
      imagePath: 'C:\\Windows\\KMSAutoS\\KMSELDI.exe',
    };
    const session = createCleanupSession({
      runner: createReplayRunner({}),
      platform: 'win32',
      env: { SystemRoot: 'C:\\Windows' },
      backupDir: 'C:\\Users\\u\\AppData\\Roaming\\SachMaDoc\\cleanup-backups',
      gather: (_d, t) => Promise.resolve(evidenceWith(t.pid ?? null, [entry])),
    });
    await session.evidence({ pid: 1432 });
    const p = session.propose({ step: 'remove-persistence', entry });
    if (!p.ok) throw new Error(p.error.message.en);
    expect(p.value.summary.vi).toBe(
      'Sao lưu (vào C:\\Users\\u\\AppData\\Roaming\\SachMaDoc\\cleanup-backups) rồi gỡ mục khởi động (service): ' +
        'C:\\Windows\\System32\\reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\KMSELDI ' +
        'C:\\Users\\u\\AppData\\Roaming\\SachMaDoc\\cleanup-backups\\<time>-service /y ; ' +
        'C:\\Windows\\System32\\sc.exe stop KMSELDI ; C:\\Windows\\System32\\sc.exe delete KMSELDI',
    );
  });

  it("hands the agency's KMS hosts from Settings to the scan's licensing checks", async () => {
    const h = setup();
    await h.call('scan:run');
    await h.call('settings:set', { agencyKmsHosts: ['kms.sotttt.gov.vn:1688'] });
    await h.call('scan:run');
    expect(h.kmsHosts).toEqual([[], ['kms.sotttt.gov.vn:1688']]);
    expect(await h.raw('settings:set', { agencyKmsHosts: ['a b'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('answers cleanup calls only from our own page (Electron registration)', async () => {
    const { handlers } = setup();
    const table = new Map<string, (e: SenderEvent, p: unknown) => Promise<unknown>>();
    const ipc: IpcMainLike = {
      handle: (c, l) => void table.set(c, l),
      removeHandler: (c) => void table.delete(c),
    };
    registerIpcHandlers(ipc, handlers, {
      appOrigin: 'app://sachmadoc',
      logger: createLogger('t'),
    });
    const payload = { item: ITEM, request: { step: 'terminate', pid: 4242, name: 'evil' } };
    expect(
      await table.get('cleanup:propose')!({ senderFrame: { url: 'https://evil.example/' } }, payload),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(
      await table.get('cleanup:propose')!({ senderFrame: { url: 'app://sachmadoc/' } }, payload),
    ).toMatchObject({
      ok: true,
      value: { status: 'proposed' },
    });
  });
});
