import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, ScanReport } from '../../shared/domain';
import { dispatch } from '../../shared/ipc/dispatch';
import { createLogger } from '../../shared/logger';
import { createLineHost, type LineHost } from '../processes/powershell-host';
import {
  createProcessInfoService,
  hostProcessSource,
  type ProcessSource,
} from '../processes/process-info-service';
import { createSettingsStore } from '../settings/settings-store';
import { createHandlers } from './handlers';
import { harnessGlue, unusedServices } from '../../test/support/ipc';

const child = fileURLToPath(new URL('../../test/support/processes/host-child.cjs', import.meta.url));
const row = (pid: number, remoteAddress: string, processName: string): Connection => ({
  protocol: 'tcp',
  localAddress: '192.168.1.20',
  localPort: 49000 + (pid % 1000),
  remoteAddress,
  remotePort: 443,
  state: 'ESTABLISHED',
  pid,
  processName,
  processPath: null,
  services: [],
});

let dir: string;
let host: LineHost;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proc-handlers-'));
  host = createLineHost({ file: process.execPath, args: [child], timeoutMs: 5_000 });
});
afterEach(() => {
  host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Handlers over a scan that returns `connections` marked pending, and the host's process table behind a gate. */
function setup(connections: Connection[], failing = false) {
  const real = hostProcessSource(host);
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  const source: ProcessSource = {
    processes: async () => {
      await gate;
      if (failing) throw new Error('process host exited (1)');
      return real.processes();
    },
    files: (paths) => real.files(paths),
  };
  const processes = createProcessInfoService({ source, windowsDir: 'C:\\Windows' });
  const pending = processes.markPending(connections);
  const report: ScanReport = {
    scannedAt: '2026-12-02T05:40:00.000Z',
    connections: pending,
    findings: [
      { indicator: '203.0.113.9', kind: 'ip', via: 'connection', source: 'feed.txt', connection: pending[0] },
    ],
    feeds: [],
    warnings: [],
  };
  const pushes: { channel: string; payload: unknown }[] = [];
  let heard: () => void = () => undefined;
  const pushed = new Promise<void>((r) => (heard = r));
  const services = unusedServices({
    scan: () => Promise.resolve(report),
    processes,
    // A Windows snapshot: netstat alone, pids without names or paths; one new socket besides.
    snapshot: () =>
      Promise.resolve({
        takenAt: '2026-12-02T05:41:00.000Z',
        connections: [...connections, row(7000, '203.0.113.9', '')].map((c) => ({ ...c, processName: null })),
        findings: [],
        warnings: [],
      }),
  });
  const handlers = createHandlers({
    version: '0.1.0',
    platform: 'win32',
    settings: createSettingsStore({ file: join(dir, 'settings.json'), logger: createLogger('t') }),
    emit: (channel, payload) => {
      pushes.push({ channel, payload });
      if (channel === 'scan:processes') heard();
    },
    glue: harnessGlue(),
    services,
  });
  const call = (c: string, p: unknown = {}) => dispatch(handlers, c, p);
  return { call, open, pushed, pushes };
}

describe('process paths after the verdict', () => {
  it('answers scan:run with rows marked pending before the process table is read, then pushes the paths', async () => {
    const h = setup([row(6412, '203.0.113.9', 'svchost.exe'), row(832, '142.250.66.78', 'svchost.exe')]);
    const first = (await h.call('scan:run')) as { ok: true; value: ScanReport };
    expect(first.value.connections.map((c) => c.pathStatus)).toEqual(['pending', 'pending']);
    expect(h.pushes.filter((p) => p.channel === 'scan:processes')).toEqual([]);

    h.open();
    await h.pushed;
    const update = h.pushes.find((p) => p.channel === 'scan:processes')?.payload as {
      scannedAt: string;
      connections: Connection[];
    };
    expect(update.scannedAt).toBe('2026-12-02T05:40:00.000Z');
    expect(update.connections[0]).toMatchObject({
      processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
      disguise: true,
      parentName: 'explorer.exe',
    });
    expect(update.connections[1]?.pathStatus).toBeUndefined();
    // The kept report (export, evidence) has them too, in the finding's copy as well.
    const last = (await h.call('scan:last')) as { ok: true; value: ScanReport };
    expect(last.value.findings[0]?.connection?.disguise).toBe(true);
    expect(last.value.connections[1]?.processPath).toBe('C:\\Windows\\system32\\svchost.exe');
  });

  it('scan:snapshot names the sockets and gives them the paths the last scan found, by pid', async () => {
    const h = setup([row(6412, '203.0.113.9', 'svchost.exe')]);
    await h.call('scan:run');
    h.open();
    await h.pushed;
    const snap = (await h.call('scan:snapshot')) as { ok: true; value: { connections: Connection[] } };
    expect(snap.value.connections[0]).toMatchObject({
      pid: 6412,
      processName: 'svchost.exe',
      processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
      disguise: true,
    });
    expect(snap.value.connections[1]).toMatchObject({ pid: 7000, processName: null, processPath: null });
  });

  it('drops the pending mark when the host fails, so the table never waits forever', async () => {
    const h = setup([row(6412, '203.0.113.9', 'svchost.exe')], true);
    await h.call('scan:run');
    h.open();
    await h.pushed;
    const last = (await h.call('scan:last')) as { ok: true; value: ScanReport };
    expect(last.value.connections[0]?.pathStatus).toBeUndefined();
    expect(last.value.connections[0]?.processPath).toBeNull();
  });

  it('answers scan:file-info for the paths on screen, and refuses more than 200 paths', async () => {
    const h = setup([]);
    const svchost = 'C:\\Windows\\system32\\svchost.exe';
    expect(await h.call('scan:file-info', { paths: [svchost] })).toEqual({
      ok: true,
      value: {
        files: {
          [svchost]: {
            company: 'Microsoft Corporation',
            description: 'Host Process for Windows Services',
            signer: 'Microsoft Windows Publisher',
            signature: 'Valid',
          },
        },
      },
    });
    const many = Array.from({ length: 201 }, (_, i) => `C:\\p${i}.exe`);
    expect(await h.call('scan:file-info', { paths: many })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
