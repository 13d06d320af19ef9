// Live mode of the details table: once a second (one request at a time, the next one a second after
// the answer) main's `scan:snapshot` is asked for the connection table, and the live diff
// (shared/scan/live-diff.ts) marks new and ended rows. Paused, the table stands still. The verdict,
// exports and the tally keep using the scan report; live rows are only looked at.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Api } from '../../shared/ipc/api';
import type { ConnectionRow } from '../../shared/ipc/connection-rows';
import { toConnectionRows } from '../../shared/ipc/connection-rows';
import type { IpcError } from '../../shared/ipc/contract';
import type { LiveEntry, LiveStatus } from '../../shared/scan/live-diff';
import { diffLive, liveKey } from '../../shared/scan/live-diff';

export const LIVE_INTERVAL_MS = 1000;

export interface LiveRows {
  on: boolean;
  paused: boolean;
  /** The rows to show: the live list while on, else the scan's rows. */
  rows: ConnectionRow[];
  /** New and ended rows by liveKey (empty when off). */
  status: ReadonlyMap<string, LiveStatus>;
  /** ISO time of the last snapshot shown. */
  updatedAt: string | null;
  error: IpcError | null;
  start: () => void;
  stop: () => void;
  setPaused: (paused: boolean) => void;
}

/** The live list over `base` (the scan's rows), refreshed every `intervalMs` while on and not paused. */
export function useLiveRows(api: Api, base: ConnectionRow[], intervalMs = LIVE_INTERVAL_MS): LiveRows {
  const [on, setOn] = useState(false);
  const [paused, setPaused] = useState(false);
  const [entries, setEntries] = useState<LiveEntry<ConnectionRow>[] | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (!on || paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const r = await api.scan.snapshot();
      if (stopped) return;
      if (!r.ok) {
        setError(r.error);
        setOn(false);
        return;
      }
      const { takenAt, connections, findings } = r.value;
      const rows = toConnectionRows({ scannedAt: takenAt, connections, findings, feeds: [], warnings: [] });
      setEntries((prev) => diffLive(prev, rows, liveKey, Date.parse(takenAt)));
      setUpdatedAt(takenAt);
      timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, on, paused, intervalMs]);

  const start = useCallback(() => {
    // The table as shown is the "before": the first snapshot highlights what changed since the scan.
    setEntries(diffLive(null, base, liveKey, Date.now()));
    setError(null);
    setPaused(false);
    setOn(true);
  }, [base]);
  const stop = useCallback(() => {
    setOn(false);
    setPaused(false);
    setEntries(null);
    setUpdatedAt(null);
  }, []);

  const rows = useMemo(() => (on && entries ? entries.map((e) => e.item) : base), [on, entries, base]);
  const status = useMemo(
    () =>
      new Map(
        on && entries
          ? entries.filter((e) => e.status !== 'same').map((e) => [e.key, e.status] as const)
          : [],
      ),
    [on, entries],
  );
  return { on, paused, rows, status, updatedAt, error, start, stop, setPaused };
}
