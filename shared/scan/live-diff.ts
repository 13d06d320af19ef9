// Live mode of the details table (like TCPView): each snapshot of the connection table is compared
// with the previous one by connection key. A connection that appears is "new" (highlighted) for a few
// seconds; one that disappears stays listed as "ended" (greyed) for a few seconds, then goes. Pure:
// the clock is a number passed in, so the expiry rules are tested without timers.

/** How a live row compares with the snapshot before it. */
export type LiveStatus = 'new' | 'ended' | 'same';

/** One row of the live list: the latest item seen under its key, its status and since when. */
export interface LiveEntry<T> {
  key: string;
  item: T;
  status: LiveStatus;
  /** Milliseconds since the epoch when the status began. */
  since: number;
}

export interface LiveOptions {
  /** How long a new row stays highlighted (default 3 s). */
  newMs?: number;
  /** How long an ended row stays listed, greyed (default 5 s). */
  endedMs?: number;
}

export const LIVE_NEW_MS = 3_000;
export const LIVE_ENDED_MS = 5_000;

/** The key a socket keeps for its whole life: protocol, both ends and the owning pid (not the state). */
export function liveKey(c: {
  protocol: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  pid: number | null;
}): string {
  return `${c.protocol} ${c.localAddress} ${c.localPort} ${c.remoteAddress} ${c.remotePort} ${c.pid ?? '-'}`;
}

/**
 * The live list after a snapshot. `previous` null is the first snapshot: everything is "same" (the
 * table already showed it; nothing is highlighted). Present rows keep the snapshot's order; ended
 * rows follow, most recently ended first.
 */
export function diffLive<T>(
  previous: readonly LiveEntry<T>[] | null,
  items: readonly T[],
  keyOf: (item: T) => string,
  now: number,
  options: LiveOptions = {},
): LiveEntry<T>[] {
  const newMs = options.newMs ?? LIVE_NEW_MS;
  const endedMs = options.endedMs ?? LIVE_ENDED_MS;
  const before = new Map((previous ?? []).map((e) => [e.key, e]));
  const present: LiveEntry<T>[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) continue; // the same socket twice in one listing is one row
    seen.add(key);
    const old = before.get(key);
    if (previous === null) present.push({ key, item, status: 'same', since: now });
    else if (!old || old.status === 'ended') present.push({ key, item, status: 'new', since: now });
    else if (old.status === 'new' && now - old.since < newMs)
      present.push({ key, item, status: 'new', since: old.since });
    else present.push({ key, item, status: 'same', since: old.status === 'new' ? now : old.since });
  }
  const ended: LiveEntry<T>[] = [];
  for (const old of previous ?? []) {
    if (seen.has(old.key)) continue;
    if (old.status !== 'ended') ended.push({ ...old, status: 'ended', since: now });
    else if (now - old.since < endedMs) ended.push(old);
  }
  ended.sort((a, b) => b.since - a.since);
  return [...present, ...ended];
}

interface ProcessFields {
  pid: number | null;
  processName: string | null;
  processPath: string | null;
  services: string[];
  parentPid?: number | null;
  parentName?: string | null;
  commandLine?: string | null;
  disguise?: boolean;
  pathStatus?: 'pending' | 'needs-elevation' | 'no-file';
}

/**
 * Names a snapshot's sockets from rows already known (the last full scan, paths filled): on Windows
 * a snapshot is `netstat -ano` alone, so a pid has no name, services or path of its own. A known row
 * lends them only when the snapshot has no name or the same name (a reused pid running another
 * program keeps what the snapshot said).
 */
export function withKnownProcesses<C extends ProcessFields>(
  connections: readonly C[],
  known: readonly ProcessFields[],
): C[] {
  const byPid = new Map<number, ProcessFields>();
  for (const k of known) if (k.pid !== null && k.pid !== 0 && !byPid.has(k.pid)) byPid.set(k.pid, k);
  return connections.map((c) => {
    const k = c.pid === null ? undefined : byPid.get(c.pid);
    if (!k) return c;
    const sameName =
      c.processName === null || c.processName.toLowerCase() === (k.processName ?? '').toLowerCase();
    if (!sameName) return c;
    const out: C = {
      ...c,
      processName: c.processName ?? k.processName,
      services: c.services.length > 0 ? c.services : k.services,
    };
    if (c.processPath === null && k.processPath !== null) {
      out.processPath = k.processPath;
      if (k.parentPid !== undefined) out.parentPid = k.parentPid;
      if (k.parentName !== undefined) out.parentName = k.parentName;
      if (k.commandLine !== undefined) out.commandLine = k.commandLine;
      if (k.disguise !== undefined) out.disguise = k.disguise;
    } else if (c.processPath === null && k.pathStatus !== undefined && c.pathStatus === undefined) {
      out.pathStatus = k.pathStatus;
    }
    return out;
  });
}
