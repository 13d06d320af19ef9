// The cleanup steps themselves. Each returns a StepResult and never throws: a failure is a result
// that says what happened and what to do. Commands are fixed argument arrays through the runner.
import { copyFile, mkdir, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import type { Connection } from '../../shared/domain';
import { readCsv } from '../../shared/parsers/csv';
import { isOfficialUrl } from '../../shared/campaign-feed/official-links';
import { canonicalIp } from '../../shared/net/ip';
import { textPair, textPairBy, textPairWithReason, translate, type Language } from '../../shared/i18n';
import type { CommandRunner } from '../command-runner';
import { decodeCommandOutput } from '../text-decode';
import { addRuleCommand, blockableIp, deleteRuleCommand, needsElevation } from './firewall';
import { terminateRefusal } from './guard';
import { persistenceCommands, persistenceRefusal } from './persistence';
import { watchRescan } from './rescan-watch';
import type { RescanOutcome, RescanProgress, RescanWatchDeps, SeenProcess } from './rescan-watch';
import type { PersistenceEntry, StepRequest, StepResult, Text2 } from './types';

/** File operations used by the persistence step (injected in tests). */
export interface StepFs {
  mkdir(dir: string): Promise<unknown>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** Node's file system. */
export const nodeStepFs: StepFs = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  writeFile: (p, d) => writeFileAtomic(p, d),
  copyFile: (a, b) => copyFile(a, b),
  unlink: (p) => unlink(p),
};

/** What the steps need. */
export interface StepDeps {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  systemRoot: string;
  self: { pid: number; ppid: number };
  /** Every pid of the app's own process tree right now (Electron: app.getAppMetrics()). */
  ownTree?: () => readonly number[];
  /** Environment that locates the Startup folders (%AppData%, %ProgramData%). */
  env?: Readonly<Record<string, string | undefined>>;
  kill: (pid: number) => void;
  fs: StepFs;
  backupDir: string;
  clock: () => Date;
  codePage?: number;
  /** One listing of the machine's sockets, sampled by the re-scan's watch. */
  rescan?: () => Promise<Connection[]>;
  /** The re-scan's window, rate, clock, DNS cache and process names (rescan-watch.ts). */
  rescanWatch?: Omit<RescanWatchDeps, 'sample'>;
  cleanupToolUrl?: string | null;
  /** Current image name of a pid (pid reuse check); null when no such process. */
  lookupProcessName?: (pid: number) => Promise<string | null>;
  /** Creation time of a pid as the evidence prints it; null when no such process. */
  lookupProcessStart?: (pid: number) => Promise<string | null>;
}

/** The guard's view of "us": this process, its parent and its whole tree. */
export const selfOf = (deps: Pick<StepDeps, 'self' | 'ownTree'>) => ({
  ...deps.self,
  tree: deps.ownTree?.() ?? [],
});

const ELEVATE: Text2 = textPair('msg.cleanup.step.stepNeedsAdmin');

const res = (
  step: StepRequest['step'],
  outcome: StepResult['outcome'],
  message: Text2,
  extra: Partial<StepResult> = {},
): StepResult => ({
  step,
  outcome,
  message,
  ...extra,
});

/** Runs a command and turns its exit into ok / needs-admin / failed. */
async function runStepCommand(
  deps: StepDeps,
  step: StepRequest['step'],
  cmd: { file: string; args: readonly string[] },
  ok: Text2,
): Promise<StepResult & { stdout?: Uint8Array }> {
  const command = [cmd.file, ...cmd.args].join(' ');
  try {
    const r = await deps.runner.run(cmd.file, cmd.args, { timeoutMs: 60_000 });
    const text =
      `${decodeCommandOutput(r.stdout, { codePage: deps.codePage })}\n${decodeCommandOutput(r.stderr, { codePage: deps.codePage })}`.trim();
    if (r.code === 0)
      return { ...res(step, 'ok', ok, { detail: text, data: { command } }), stdout: r.stdout };
    if (needsElevation(r.code, text))
      return res(step, 'needs-admin', ELEVATE, { detail: text, data: { command, code: r.code } });
    return res(
      step,
      'failed',
      textPairBy((l) =>
        translate(l, 'msg.cleanup.step.commandFailed', {
          code: r.code ?? translate(l, 'msg.cleanup.step.killed'),
          command,
        }),
      ),
      { detail: text, data: { command, code: r.code } },
    );
  } catch (e) {
    return res(step, 'failed', textPair('msg.cleanup.step.couldNotRun', { command }), {
      detail: (e as Error).message,
    });
  }
}

/** Looks a pid up with tasklist (Windows) for the pid-reuse check. */
export async function tasklistName(
  runner: CommandRunner,
  systemRoot: string,
  pid: number,
): Promise<string | null> {
  const r = await runner.run(`${systemRoot}\\System32\\tasklist.exe`, [
    '/fi',
    `PID eq ${pid}`,
    '/fo',
    'csv',
    '/nh',
  ]);
  const row = readCsv(decodeCommandOutput(r.stdout)).find((x) => x.fields[1]?.trim() === String(pid));
  return row ? row.fields[0].trim() : null;
}

/**
 * Terminates a process after the critical-process guard and a pid-reuse check: same name, and (when
 * the proposal recorded one) the same creation time, so a pid handed to a new process is refused.
 */
export async function terminate(
  deps: StepDeps,
  req: Extract<StepRequest, { step: 'terminate' }>,
  boundStart: string | null = null,
): Promise<StepResult> {
  const refusal = terminateRefusal(req, selfOf(deps));
  if (refusal) return res('terminate', 'refused', refusal);
  const current = deps.lookupProcessName ? await deps.lookupProcessName(req.pid) : req.name;
  if (current === null)
    return res('terminate', 'failed', textPair('msg.cleanup.step.processNoLongerRunning', { pid: req.pid }));
  const again = terminateRefusal({ pid: req.pid, name: current }, selfOf(deps));
  if (again) return res('terminate', 'refused', again);
  if (boundStart !== null && deps.lookupProcessStart) {
    const started = await deps.lookupProcessStart(req.pid);
    if (started !== boundStart)
      return res(
        'terminate',
        'refused',
        textPairBy((l) =>
          translate(l, 'msg.cleanup.step.processChanged', {
            pid: req.pid,
            started: started ?? translate(l, 'msg.cleanup.step.unknown'),
            boundStart: String(boundStart),
          }),
        ),
      );
  }
  const strip = (n: string) => n.toLowerCase().replace(/\.exe$/, '');
  // Linux truncates /proc/PID/comm to 15 characters, so compare that much.
  if (strip(current).slice(0, 15) !== strip(req.name).slice(0, 15))
    return res(
      'terminate',
      'refused',
      textPair('msg.cleanup.step.pidNowNotProcess', { pid: req.pid, current, name: req.name }),
    );
  const done: Text2 = textPair('msg.cleanup.step.terminatedPid', { name: req.name, pid: req.pid });
  if (deps.platform === 'win32')
    return runStepCommand(
      deps,
      'terminate',
      { file: `${deps.systemRoot}\\System32\\taskkill.exe`, args: ['/PID', String(req.pid), '/F'] },
      done,
    );
  try {
    deps.kill(req.pid);
    return res('terminate', 'ok', done, { data: { signal: 'SIGKILL' } });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM')
      return res('terminate', 'needs-admin', textPair('msg.cleanup.step.stoppingProcessNeedsRoot'), {
        detail: code,
      });
    return res(
      'terminate',
      'failed',
      textPairBy((l) =>
        translate(l, 'msg.cleanup.step.couldNotStop', {
          pid: req.pid,
          code: code ?? translate(l, 'msg.cleanup.step.errorWord'),
        }),
      ),
      { detail: String(e) },
    );
  }
}

/** Adds (or removes) the named outbound block rule for a remote address. */
export async function firewallRule(
  deps: StepDeps,
  req: { step: 'block-address' | 'remove-block-rule'; ip: string },
): Promise<StepResult> {
  const ok = blockableIp(req.ip);
  if ('reason' in ok)
    return res(req.step, 'refused', textPairWithReason('msg.cleanup.cannotBlock', ok.reason));
  if (deps.platform !== 'win32')
    return res(req.step, 'refused', textPair('msg.cleanup.step.firewallWindowsOnly'));
  return req.step === 'block-address'
    ? runStepCommand(
        deps,
        req.step,
        addRuleCommand(deps.systemRoot, ok.ip),
        textPair('msg.cleanup.step.outboundTrafficBlockedFirewall', { ip: ok.ip }),
      )
    : runStepCommand(
        deps,
        req.step,
        deleteRuleCommand(deps.systemRoot, ok.ip),
        textPair('msg.cleanup.step.removedBlockRule', { ip: ok.ip }),
      );
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);

/** Backs up a persistence entry, then removes it; nothing is removed if the backup fails. */
export async function removePersistence(deps: StepDeps, entry: PersistenceEntry): Promise<StepResult> {
  const step = 'remove-persistence';
  const refusal = persistenceRefusal(entry, deps.env ?? process.env);
  if (refusal) return res(step, 'refused', textPairWithReason('msg.cleanup.notRemoved', refusal));
  if (deps.platform !== 'win32') return res(step, 'refused', textPair('msg.cleanup.step.startupWindowsOnly'));
  const label =
    entry.type === 'run-key'
      ? entry.valueName
      : entry.type === 'scheduled-task'
        ? entry.taskPath
        : entry.type === 'service'
          ? entry.name
          : entry.path;
  // A shortcut keeps its own name and extension; exports get .xml (task) or .reg.
  const ext = entry.type === 'scheduled-task' ? '.xml' : entry.type === 'startup-shortcut' ? '' : '.reg';
  const stamp = deps.clock().toISOString().replace(/[:.]/g, '-');
  const backupFile = `${deps.backupDir}\\${stamp}-${entry.type}-${safeName(label.slice(label.lastIndexOf('\\') + 1) || 'entry')}${ext}`;
  const plan = persistenceCommands(deps.systemRoot, entry, backupFile);
  const saved: Text2 = textPair('msg.cleanup.step.backedUp', { backupFile });
  try {
    await deps.fs.mkdir(deps.backupDir);
    if (plan.kind === 'file') await deps.fs.copyFile(plan.copyFrom, plan.copyTo);
    else {
      const b = await runStepCommand(deps, step, plan.backup, saved);
      if (b.outcome !== 'ok')
        return {
          ...b,
          message:
            b.outcome === 'needs-admin'
              ? ELEVATE
              : textPairBy((l) =>
                  translate(l, 'msg.cleanup.step.backupFailedBecause', { message: b.message[l] }),
                ),
        };
      if (plan.backup.stdoutTo) await deps.fs.writeFile(plan.backup.stdoutTo, b.stdout ?? new Uint8Array());
    }
  } catch (e) {
    return res(step, 'failed', textPair('msg.cleanup.step.backupFailedNothingWas', { backupFile }), {
      detail: String(e),
    });
  }
  const done: Text2 = textPairBy((l) =>
    translate(l, 'msg.cleanup.step.removedEntry', { label, saved: saved[l] }),
  );
  if (plan.kind === 'file') {
    try {
      await deps.fs.unlink(plan.unlink);
      return res(step, 'ok', done, { data: { backupFile } });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'EPERM' || code === 'EACCES'
        ? res(step, 'needs-admin', ELEVATE, { detail: String(e), data: { backupFile } })
        : res(step, 'failed', textPair('msg.cleanup.step.couldNotDelete', { label }), {
            detail: String(e),
            data: { backupFile },
          });
    }
  }
  // A running service must stop before it can be deleted; "not started" is fine, so the stop
  // result only goes into the detail.
  const stop = plan.stop ? await runStepCommand(deps, step, plan.stop, done) : null;
  const r = await runStepCommand(deps, step, plan.remove, done);
  return {
    ...r,
    data: { ...r.data, backupFile },
    ...(stop ? { detail: `${stop.detail ?? ''}\n${r.detail ?? ''}`.trim() } : {}),
  };
}

/** The official cleanup tool's page from the verified feed (the app opens it; https only). */
export function openCleanupTool(deps: StepDeps): StepResult {
  const url = deps.cleanupToolUrl;
  if (url && /^https:\/\//i.test(url) && !isOfficialUrl(url))
    return res('open-cleanup-tool', 'refused', textPair('msg.cleanup.step.toolAddressNotOfficial', { url }));
  if (!url || !/^https:\/\//i.test(url))
    return res('open-cleanup-tool', 'failed', textPair('msg.cleanup.step.noToolAddress'));
  return res('open-cleanup-tool', 'ok', textPair('msg.cleanup.step.openingOfficialToolPage', { url }), {
    data: { url },
  });
}

const secondsText = (ms: number) => String(Math.round(ms / 100) / 10);
const who = (list: SeenProcess[], unknown: string) =>
  [
    ...new Set(
      list.map((p) =>
        p.pid === null ? `PID ? (${p.name ?? unknown})` : `PID ${p.pid} (${p.name ?? unknown})`,
      ),
    ),
  ].join(', ');

/**
 * Watches the machine for a while (rescan-watch.ts) and says whether the indicator's connection is
 * gone: no process connected to its address under any PID, and no new DNS lookup of its name.
 */
export async function rescan(
  deps: StepDeps,
  target: Extract<StepRequest, { step: 'rescan' }>['target'],
  onProgress?: (p: RescanProgress) => void,
): Promise<StepResult> {
  if (!deps.rescan) return res('rescan', 'failed', textPair('msg.cleanup.step.noReScanAvailable'));
  const remote = canonicalIp(target.remoteAddress) ?? target.remoteAddress;
  let o: RescanOutcome;
  try {
    o = await watchRescan(
      { ...deps.rescanWatch, sample: deps.rescan },
      { ...target, remoteAddress: remote },
      onProgress,
    );
  } catch (e) {
    return res('rescan', 'failed', textPair('msg.cleanup.step.reScanFailed'), { detail: String(e) });
  }
  const where = `${remote}${target.remotePort !== undefined ? `:${target.remotePort}` : ''}`;
  const sec = secondsText(o.windowMs);
  const data = {
    gone: o.gone,
    windowMs: o.windowMs,
    samples: o.samples,
    maxGapMs: o.maxGapMs,
    still: o.still,
    reappeared: o.reappeared,
    /** Every process seen connected (still + reappeared), as the single re-scan reported it. */
    remaining: [...o.still, ...o.reappeared],
    lookups: o.lookups.map((r) => ({ name: r.name, type: r.type, data: r.data })),
  };
  if (o.gone)
    return res(
      'rescan',
      'ok',
      textPair('msg.cleanup.step.reScanConnectionGone', { where, sec, samplesSeen: o.samples }),
      { data },
    );
  const parts = (l: Language): string[] => {
    const unknown = translate(l, 'msg.cleanup.step.nameUnknown');
    const out: string[] = [];
    if (o.still.length > 0)
      out.push(translate(l, 'msg.cleanup.step.rescanStill', { where, who: who(o.still, unknown) }));
    if (o.reappeared.length > 0)
      out.push(
        translate(l, 'msg.cleanup.step.rescanReappeared', { who: who(o.reappeared, unknown), remote }),
      );
    if (o.lookups.length > 0) {
      const names = [...new Set(o.lookups.map((r) => r.name))].join(', ');
      out.push(translate(l, 'msg.cleanup.step.rescanLookups', { names }));
    }
    return out;
  };
  return res(
    'rescan',
    'failed',
    textPairBy((l) => translate(l, 'msg.cleanup.step.rescanNotGone', { sec, list: parts(l).join('; ') })),
    { data },
  );
}
