// A guided-cleanup session: a step is first PROPOSED (checked, described, given a one-time
// confirmation token bound to exactly those arguments), then CONFIRMED with that token. Every
// proposal, refusal and result goes to the action log. Evidence is gathered once per target.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/errors';
import { textPair, textPairBy, textPairWithReason, translate } from '../../shared/i18n';
import { createLogger } from '../../shared/logger';
import { createActionLog } from './action-log';
import { gatherEvidence, linuxStartTime, startTimeCommand, type EvidenceDeps } from './evidence';
import { addRuleCommand, blockableIp, deleteRuleCommand, listRulesCommand, parseOurRules } from './firewall';
import { terminateRefusal } from './guard';
import { persistenceCommands, persistenceRefusal } from './persistence';
import {
  firewallRule,
  nodeStepFs,
  openCleanupTool,
  removePersistence,
  rescan,
  selfOf,
  tasklistName,
  terminate,
  type StepDeps,
} from './steps';
import { RESCAN_WINDOW_MS } from './rescan-watch';
import { describeHostsBlock, nodeHostsBlockFs, removeHostsBlock, type HostsBlockDeps } from './hosts-block';
import type { RescanProgress } from './rescan-watch';
import type {
  ActionLogEntry,
  PersistenceEntry,
  ProcessEvidence,
  StepRequest,
  StepResult,
  Text2,
} from './types';
import { decodeCommandOutput } from '../text-decode';

const log = createLogger('cleanup');

/** What a session needs; only runner, platform and backupDir are required. */
export type CleanupDeps = Pick<StepDeps, 'runner' | 'platform' | 'backupDir'> &
  Partial<Omit<StepDeps, 'runner' | 'platform' | 'backupDir'>> & {
    env?: Readonly<Record<string, string | undefined>>;
    evidence?: Partial<EvidenceDeps>;
    /** One-time token generator (tests pass a deterministic one). */
    token?: () => string;
    /** Every action-log entry as it happens (the durable log on disk). */
    onLog?: (entry: ActionLogEntry) => void;
    /** The hosts file and the activation vendors, for removing a crack's hosts block. */
    hosts?: Pick<HostsBlockDeps, 'hostsPath' | 'vendors'> & Partial<Pick<HostsBlockDeps, 'fs'>>;
    /** How evidence is gathered (default: gatherEvidence over the real machine). */
    gather?: (
      deps: EvidenceDeps,
      target: { pid?: number | null; path?: string | null },
    ) => Promise<ProcessEvidence>;
  };

/** A proposed step awaiting confirmation. */
export interface Proposal {
  token: string;
  request: StepRequest;
  summary: Text2;
}

/** The guided-cleanup session API the app and the CLI use. */
export interface CleanupSession {
  /** Checks a step and returns its confirmation token, or why it is refused (also logged). */
  propose(request: StepRequest): Result<Proposal, { code: 'refused'; message: Text2 }>;
  /** Runs the step the token was issued for; a token works once. The re-scan reports its progress. */
  confirm(token: string, options?: { onProgress?: (p: RescanProgress) => void }): Promise<StepResult>;
  /** Evidence for a process and/or file, gathered once per target per session. */
  evidence(target: { pid?: number | null; path?: string | null }): Promise<ProcessEvidence>;
  /** Addresses blocked by our firewall rules (Windows). */
  listBlockRules(): Promise<Result<string[], { code: string; message: string }>>;
  /** The action log so far. */
  log(): readonly ActionLogEntry[];
}

function describe(req: StepRequest, deps: StepDeps, hostsPath: string): Text2 {
  switch (req.step) {
    case 'remove-hosts-block':
      return describeHostsBlock({ hostsPath, backupDir: deps.backupDir }, req);
    case 'terminate':
      return textPair('msg.cleanup.step.terminatePid', { name: req.name, pid: req.pid });
    case 'block-address':
    case 'remove-block-rule': {
      const c =
        req.step === 'block-address'
          ? addRuleCommand(deps.systemRoot, req.ip)
          : deleteRuleCommand(deps.systemRoot, req.ip);
      const cmd = [c.file, ...c.args].join(' ');
      return req.step === 'block-address'
        ? textPair('msg.cleanup.step.blockOutboundTraffic', { ip: req.ip, cmd })
        : textPair('msg.cleanup.step.removeBlockRule', { ip: req.ip, cmd });
    }
    case 'remove-persistence': {
      // The exact commands, so the person sees what is removed and where the backup goes before
      // confirming; the backup's file name gets its time stamp when the step runs.
      const plan = persistenceCommands(
        deps.systemRoot,
        req.entry,
        `${deps.backupDir}\\<time>-${req.entry.type}`,
      );
      const what =
        plan.kind === 'file'
          ? `copy "${plan.copyFrom}" → "${plan.copyTo}"; delete "${plan.unlink}"`
          : [plan.backup, plan.stop, plan.remove]
              .flatMap((c) => (c ? [[c.file, ...c.args].join(' ')] : []))
              .join(' ; ');
      return textPair('msg.cleanup.step.describeRemoveEntry', {
        backupDir: deps.backupDir,
        type: req.entry.type,
        what,
      });
    }
    case 'open-cleanup-tool':
      return textPair('msg.cleanup.step.openOfficialCleanupTool');
    case 'rescan': {
      const sec = Math.round((deps.rescanWatch?.windowMs ?? RESCAN_WINDOW_MS) / 100) / 10;
      const name = req.target.domain;
      return textPairBy((l) =>
        translate(l, 'msg.cleanup.step.describeRescan', {
          sec,
          address: req.target.remoteAddress,
          dns: name ? translate(l, 'msg.cleanup.step.describeRescanDns', { name }) : '',
        }),
      );
    }
  }
}

/** Refusal known before anything runs (guard, address, entry), or null. */
function precheck(
  req: StepRequest,
  deps: StepDeps,
  found: readonly PersistenceEntry[],
  hasHosts: boolean,
): Text2 | null {
  if (req.step === 'terminate') return terminateRefusal(req, selfOf(deps));
  if (req.step === 'remove-hosts-block' && !hasHosts) return textPair('msg.cleanup.step.noHostsFile');
  if (req.step === 'block-address' || req.step === 'remove-block-rule') {
    const b = blockableIp(req.ip);
    return 'reason' in b ? textPairWithReason('msg.cleanup.cannotBlock', b.reason) : null;
  }
  if (req.step === 'remove-persistence') {
    const r = persistenceRefusal(req.entry, deps.env ?? {});
    if (r) return textPairWithReason('msg.cleanup.notRemoved', r);
    // Bound to the exact entry the evidence step of this cleanup item found, field for field.
    if (!found.some((e) => sameEntry(e, req.entry))) return textPair('msg.cleanup.step.entryNotInEvidence');
  }
  return null;
}

const sameEntry = (a: PersistenceEntry, b: PersistenceEntry): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Starts a cleanup session. */
export function createCleanupSession(input: CleanupDeps): CleanupSession {
  const env = input.env ?? process.env;
  const systemRoot = input.systemRoot ?? env.SystemRoot ?? 'C:\\Windows';
  const deps: StepDeps = {
    runner: input.runner,
    platform: input.platform,
    backupDir: input.backupDir,
    systemRoot,
    self: input.self ?? { pid: process.pid, ppid: process.ppid },
    ownTree: input.ownTree,
    env,
    kill: input.kill ?? ((pid) => process.kill(pid, 'SIGKILL')),
    fs: input.fs ?? nodeStepFs,
    clock: input.clock ?? (() => new Date()),
    codePage: input.codePage,
    rescan: input.rescan,
    rescanWatch: input.rescanWatch,
    cleanupToolUrl: input.cleanupToolUrl,
    lookupProcessName:
      input.lookupProcessName ??
      (input.platform === 'win32'
        ? (pid) => tasklistName(input.runner, systemRoot, pid)
        : input.platform === 'linux'
          ? (pid) =>
              readFile(`/proc/${pid}/comm`, 'utf8').then(
                (t) => t.trim(),
                () => null,
              )
          : undefined),
    lookupProcessStart:
      input.lookupProcessStart ??
      (input.platform === 'win32'
        ? async (pid) => {
            const c = startTimeCommand(systemRoot, pid);
            const r = await input.runner.run(c.file, c.args, { timeoutMs: 60_000 });
            const t = decodeCommandOutput(r.stdout, { codePage: input.codePage }).trim();
            return r.code === 0 && t !== '' ? t : null;
          }
        : input.platform === 'linux'
          ? linuxStartTime
          : undefined),
  };
  const actions = createActionLog(deps.clock, input.onLog);
  const pending = new Map<string, { request: StepRequest; start: Promise<string | null> | null }>();
  const evidenceCache = new Map<string, Promise<ProcessEvidence>>();
  // What the evidence step found in this session: the only entries removal may touch, and the
  // creation time of each process it saw (a terminate proposal is bound to it).
  const found: PersistenceEntry[] = [];
  const startTimes = new Map<number, string>();
  const gather = input.gather ?? gatherEvidence;
  const newToken = input.token ?? (() => randomBytes(16).toString('hex'));

  const record = (req: StepRequest, r: StepResult) => {
    actions.add({
      step: req.step,
      args: { ...req, ...(r.data?.command ? { command: r.data.command } : {}) },
      outcome: r.outcome,
      message: r.message,
      ...(r.outcome === 'ok' ? {} : { error: r.detail ?? r.message.en }),
    });
    log.info('cleanup step', { step: req.step, outcome: r.outcome });
  };

  return {
    propose(request) {
      const refusal = precheck(request, deps, found, input.hosts !== undefined);
      if (refusal) {
        actions.add({
          step: request.step,
          args: { ...request },
          outcome: 'refused',
          message: refusal,
          error: refusal.en,
        });
        return err({ code: 'refused', message: refusal });
      }
      const token = newToken();
      // Bound to a frozen copy: the caller cannot change the arguments after confirming.
      // A terminate proposal is also bound to the process's creation time: the evidence's, else
      // looked up now (a failed look-up binds nothing, and the name check still runs).
      const start =
        request.step !== 'terminate'
          ? null
          : startTimes.has(request.pid)
            ? Promise.resolve(startTimes.get(request.pid)!)
            : (deps.lookupProcessStart?.(request.pid).catch(() => null) ?? null);
      pending.set(token, { request: structuredClone(request), start });
      const summary = describe(request, deps, input.hosts?.hostsPath ?? '');
      actions.add({ step: request.step, args: { ...request }, outcome: 'proposed', message: summary });
      return ok({ token, request, summary });
    },

    async confirm(token, options = {}) {
      const bound = pending.get(token);
      if (!bound) {
        const message = textPair('msg.cleanup.step.tokenUnknown');
        actions.add({
          step: 'confirm',
          args: { token: token.slice(0, 8) },
          outcome: 'refused',
          message,
          error: message.en,
        });
        return { step: 'confirm', outcome: 'refused', message };
      }
      pending.delete(token);
      const req = bound.request;
      const r =
        req.step === 'terminate'
          ? await terminate(deps, req, bound.start ? await bound.start : null)
          : req.step === 'block-address' || req.step === 'remove-block-rule'
            ? await firewallRule(deps, req)
            : req.step === 'remove-persistence'
              ? await removePersistence(deps, req.entry)
              : req.step === 'open-cleanup-tool'
                ? openCleanupTool(deps)
                : req.step === 'remove-hosts-block'
                  ? await removeHostsBlock(
                      {
                        hostsPath: input.hosts!.hostsPath,
                        vendors: input.hosts!.vendors,
                        fs: input.hosts!.fs ?? nodeHostsBlockFs,
                        backupDir: deps.backupDir,
                        clock: deps.clock,
                      },
                      req,
                    )
                  : await rescan(deps, req.target, options.onProgress);
      record(req, r);
      return r;
    },

    evidence(target) {
      const key = `${target.pid ?? ''}|${target.path ?? ''}`;
      let p = evidenceCache.get(key);
      if (!p) {
        p = gather(
          {
            runner: deps.runner,
            platform: deps.platform,
            systemRoot,
            env,
            codePage: deps.codePage,
            ...input.evidence,
          },
          target,
        ).then((ev) => {
          found.push(...ev.persistence);
          if (ev.pid !== null && ev.startTime) startTimes.set(ev.pid, ev.startTime);
          return ev;
        });
        evidenceCache.set(key, p);
      }
      return p;
    },

    async listBlockRules() {
      if (deps.platform !== 'win32') return ok([]);
      const c = listRulesCommand(systemRoot);
      try {
        const r = await deps.runner.run(c.file, c.args);
        // "No rules match" exits 1 with no rule: that is an empty list, not an error.
        return ok(parseOurRules(decodeCommandOutput(r.stdout, { codePage: deps.codePage })));
      } catch (e) {
        return err({ code: 'command-failed', message: (e as Error).message });
      }
    },

    log: () => actions.entries(),
  };
}
