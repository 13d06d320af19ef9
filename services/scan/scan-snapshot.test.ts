// The details table's live mode asks for a snapshot once a second: it must cost one `netstat -ano`
// on Windows (no tasklist, no DNS cache, no hosts file, no feed load) and still flag a new socket to
// an indicator, by address or by a name the last scan's DNS cache resolved to its address.
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../command-runner';
import { liveScanDeps } from './live-deps';
import { createScanService } from './scan-service';
import { IndicatorIndex } from '../../shared/indicators';

const NETSTAT = 'netstat.exe -ano';
const header =
  'Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n';
const listen = '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       840\r\n';
const toName = '  TCP    192.168.1.23:50200     4.213.25.241:443       ESTABLISHED     6412\r\n';
const toAddress = '  TCP    192.168.1.23:50201     203.0.113.9:8443       SYN_SENT        7000\r\n';
// `ipconfig /displaydns` as Windows prints it (the record shape of test/fixtures/dns, en-US).
const displaydns = `Windows IP Configuration\r\n\r\n    c2.evil.example\r\n    ----------------------------------------\r\n    Record Name . . . . . : c2.evil.example\r\n    Record Type . . . . . : 1\r\n    Time To Live  . . . . : 300\r\n    Data Length . . . . . : 4\r\n    Section . . . . . . . : Answer\r\n    A (Host) Record . . . : 4.213.25.241\r\n\r\n`;

function windowsMachine() {
  const netstat = [header + listen, header + listen + toName + toAddress];
  const answers: Record<string, () => string> = {
    [NETSTAT]: () => (netstat.length > 1 ? netstat.shift()! : netstat[0]),
    'tasklist.exe /fo csv /nh': () => '"svchost.exe","840","Services","0","9,120 K"\r\n',
    'tasklist.exe /svc /fo csv /nh': () => '"svchost.exe","840","RpcSs"\r\n',
    'ipconfig.exe /displaydns': () => displaydns,
  };
  const ran: string[] = [];
  const runner: CommandRunner = {
    run(file, args) {
      // The connection service and the sampler differ in how they name System32 tools: compare names.
      const key = [file.replace(/^.*\\/, ''), ...args].join(' ');
      ran.push(key);
      const answer = answers[key];
      if (!answer) return Promise.reject(new Error(`unexpected command ${key}`));
      return Promise.resolve({
        stdout: new TextEncoder().encode(answer()),
        stderr: new Uint8Array(),
        code: 0,
      });
    },
  };
  return { runner, ran };
}

function service() {
  const machine = windowsMachine();
  let loads = 0;
  let hostsReads = 0;
  const live = liveScanDeps({
    runner: machine.runner,
    platform: 'win32',
    env: { SystemRoot: 'C:\\Windows' },
    codePage: 437,
  });
  const scanner = createScanService({
    ...live,
    hostsFile: () => {
      hostsReads++;
      return Promise.resolve({ records: [], warnings: [] });
    },
    indicators: () => {
      loads++;
      return Promise.resolve({
        index: IndicatorIndex.build([
          { id: 'ip:203.0.113.9', kind: 'ip', value: '203.0.113.9', source: 'feed' },
          { id: 'domain:evil.example', kind: 'domain', value: 'evil.example', source: 'feed' },
        ]),
        feeds: [{ source: 'feed', indicators: 2 }],
        warnings: [],
      });
    },
  });
  return { scanner, ran: machine.ran, loads: () => loads, hostsReads: () => hostsReads };
}

describe('scan snapshot (live mode)', () => {
  it('after a scan, costs one netstat and flags new sockets by address and by the scan’s DNS names', async () => {
    const s = service();
    const report = await s.scanner.scan();
    expect(report.findings.map((f) => f.via)).toEqual(['dns-cache']); // the lookup itself; no socket yet
    s.ran.length = 0;
    const snap = await s.scanner.snapshot();
    expect(s.ran).toEqual([NETSTAT]);
    expect(s.loads()).toBe(1);
    expect(s.hostsReads()).toBe(1);
    expect(snap.connections.map((c) => `${c.localPort} ${c.state} ${c.pid}`)).toEqual([
      '135 LISTEN 840',
      '50200 ESTABLISHED 6412',
      '50201 SYN_SENT 7000',
    ]);
    expect(snap.connections[1].names).toEqual(['c2.evil.example']);
    expect(snap.findings.map((f) => [f.indicator, f.connection?.localPort])).toEqual([
      ['203.0.113.9', 50201],
      ['evil.example', 50200],
    ]);
    expect(new Date(snap.takenAt).toISOString()).toBe(snap.takenAt);
  });

  it('without a scan before it, loads the indicators once for every snapshot and reads no DNS cache', async () => {
    const s = service();
    await s.scanner.snapshot();
    await s.scanner.snapshot();
    expect(s.loads()).toBe(1);
    expect(s.ran).toEqual([NETSTAT, NETSTAT]);
    expect(s.hostsReads()).toBe(0);
  });
});
