import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../command-runner';
import { liveScanDeps } from './live-deps';
import { createScanService } from './scan-service';
import { IndicatorIndex } from '../../shared/indicators';

const NETSTAT = 'C:\\Windows\\System32\\netstat.exe -ano';
const TASKLIST = 'C:\\Windows\\System32\\tasklist.exe /fo csv /nh';
const TASKLIST_SVC = 'C:\\Windows\\System32\\tasklist.exe /svc /fo csv /nh';

const header =
  'Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n';
const listen = '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       840\r\n';
const beacon = '  TCP    10.0.0.8:50123         203.0.113.9:443        ESTABLISHED     5120\r\n';
const late = '  TCP    10.0.0.8:50124         203.0.113.9:8443       ESTABLISHED     6000\r\n';

/** A Windows machine over time: each command answers from its own queue (the last answer repeats). */
function windowsMachine(): { runner: CommandRunner; ran: string[] } {
  const queues: Record<string, string[]> = {
    [NETSTAT]: [header + listen, header + listen + beacon, header + listen + late, header + listen],
    [TASKLIST]: [
      '"svchost.exe","840","Services","0","9,120 K"\r\n"beacon.exe","5120","Console","1","2,000 K"\r\n',
      // At the end the beacon has exited and a new process holds pid 6000.
      '"svchost.exe","840","Services","0","9,120 K"\r\n"updater.exe","6000","Console","1","3,000 K"\r\n',
    ],
    [TASKLIST_SVC]: ['"svchost.exe","840","RpcSs"\r\n"beacon.exe","5120","N/A"\r\n'],
  };
  const ran: string[] = [];
  const runner: CommandRunner = {
    run(file, args) {
      const key = [file, ...args].join(' ');
      ran.push(key);
      const q = queues[key];
      if (!q) return Promise.reject(new Error(`unexpected command ${key}`));
      const text = q.length > 1 ? q.shift()! : q[0];
      return Promise.resolve({ stdout: new TextEncoder().encode(text), stderr: new Uint8Array(), code: 0 });
    },
  };
  return { runner, ran };
}

describe('--watch on Windows', () => {
  it('samples with netstat alone and names pids from tasklist read at the start and the end', async () => {
    const { runner, ran } = windowsMachine();
    let t = 0;
    const live = liveScanDeps({
      runner,
      platform: 'win32',
      env: { SystemRoot: 'C:\\Windows' },
      codePage: 437,
    });
    const service = createScanService({
      ...live,
      dnsCache: () => Promise.resolve({ records: [], warnings: [] }),
      hostsFile: () => Promise.resolve({ records: [], warnings: [] }),
      indicators: () =>
        Promise.resolve({
          index: IndicatorIndex.build([
            { id: 'ip:203.0.113.9', kind: 'ip', value: '203.0.113.9', source: 'feed' },
          ]),
          feeds: [],
          warnings: [],
        }),
      now: () => t,
      sleep: (ms) => {
        t += ms;
        return Promise.resolve();
      },
    });
    const report = await service.watch(1);
    const samples = ran.filter((c) => c === NETSTAT).length;
    expect(samples).toBe(5);
    expect(ran.filter((c) => c !== NETSTAT).sort()).toEqual([TASKLIST, TASKLIST, TASKLIST_SVC, TASKLIST_SVC]);
    expect(report.findings.map((f) => [f.connection?.pid, f.connection?.processName])).toEqual([
      [5120, 'beacon.exe'],
      [6000, 'updater.exe'],
    ]);
    expect(report.connections.find((c) => c.pid === 840)?.services).toEqual(['RpcSs']);
  });
});
