import { describe, expect, it } from 'vitest';
import type { LiveEntry } from './live-diff';
import { diffLive, liveKey, withKnownProcesses } from './live-diff';

interface Sock {
  protocol: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  pid: number | null;
  state: string;
}
const sock = (localPort: number, state = 'ESTABLISHED', pid: number | null = 4120): Sock => ({
  protocol: 'tcp',
  localAddress: '192.168.1.23',
  localPort,
  remoteAddress: '203.0.113.9',
  remotePort: 443,
  pid,
  state,
});
const step = (prev: LiveEntry<Sock>[] | null, items: Sock[], now: number) =>
  diffLive(prev, items, liveKey, now, { newMs: 3000, endedMs: 5000 });
const view = (entries: LiveEntry<Sock>[]) => entries.map((e) => `${e.item.localPort}:${e.status}`);

describe('live diff (TCPView-like refresh)', () => {
  it('highlights nothing on the first snapshot', () => {
    expect(view(step(null, [sock(50001), sock(50002)], 0))).toEqual(['50001:same', '50002:same']);
  });

  it('marks a socket that appears as new for 3 s, then unchanged', () => {
    const a = step(null, [sock(50001)], 0);
    const b = step(a, [sock(50001), sock(50002)], 1000);
    expect(view(b)).toEqual(['50001:same', '50002:new']);
    expect(view(step(b, [sock(50001), sock(50002)], 3999))).toEqual(['50001:same', '50002:new']);
    expect(view(step(b, [sock(50001), sock(50002)], 4000))).toEqual(['50001:same', '50002:same']);
  });

  it('keeps a socket that disappears as ended for 5 s, then drops it', () => {
    const a = step(null, [sock(50001), sock(50002)], 0);
    const b = step(a, [sock(50001)], 1000);
    expect(view(b)).toEqual(['50001:same', '50002:ended']);
    expect(b[1].item.localPort).toBe(50002); // the last row seen, kept for the greyed line
    const c = step(b, [sock(50001)], 5999);
    expect(view(c)).toEqual(['50001:same', '50002:ended']);
    expect(view(step(c, [sock(50001)], 6000))).toEqual(['50001:same']);
  });

  it('a state change is the same socket (key without state); the row shows the newest state', () => {
    const a = step(null, [sock(50001, 'SYN_SENT')], 0);
    const b = step(a, [sock(50001, 'ESTABLISHED')], 1000);
    expect(view(b)).toEqual(['50001:same']);
    expect(b[0].item.state).toBe('ESTABLISHED');
  });

  it('the same ports under another pid is another socket (a beacon back under a new process)', () => {
    const a = step(null, [sock(50001, 'ESTABLISHED', 4120)], 0);
    expect(view(step(a, [sock(50001, 'ESTABLISHED', 5200)], 1000))).toEqual(['50001:new', '50001:ended']);
  });

  it('a socket that comes back while greyed is new again', () => {
    const a = step(null, [sock(50001)], 0);
    const b = step(a, [], 1000);
    expect(view(step(b, [sock(50001)], 2000))).toEqual(['50001:new']);
  });

  it('lists ended rows after the present ones, most recently ended first, and one row per key', () => {
    const a = step(null, [sock(1), sock(2), sock(3)], 0);
    const b = step(a, [sock(2), sock(3)], 1000);
    const c = step(b, [sock(3), sock(3)], 2000);
    expect(view(c)).toEqual(['3:same', '2:ended', '1:ended']);
  });
});

describe('withKnownProcesses (a Windows snapshot is netstat alone)', () => {
  const known = {
    pid: 6412,
    processName: 'svchost.exe',
    processPath: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe',
    services: [],
    parentPid: 4120,
    parentName: 'explorer.exe',
    commandLine: 'svchost.exe -k netsvcs',
    disguise: true,
  };
  const bare = (pid: number | null, processName: string | null = null) => ({
    pid,
    processName,
    processPath: null,
    services: [] as string[],
  });

  it('lends the last scan row of the same pid its name, services, path, parent and disguise flag', () => {
    const [c] = withKnownProcesses(
      [bare(6412)],
      [known, { ...bare(832, 'svchost.exe'), services: ['Dnscache'] }],
    );
    expect(c).toEqual({ ...known, pid: 6412 });
    const [d] = withKnownProcesses([bare(832)], [{ ...bare(832, 'svchost.exe'), services: ['Dnscache'] }]);
    expect(d).toEqual({ ...bare(832, 'svchost.exe'), services: ['Dnscache'] });
  });

  it('never lends to a reused pid running another program, nor to pid 0 or none', () => {
    expect(withKnownProcesses([bare(6412, 'chrome.exe')], [known])).toEqual([bare(6412, 'chrome.exe')]);
    expect(withKnownProcesses([bare(0), bare(null)], [{ ...known, pid: 0 }])).toEqual([bare(0), bare(null)]);
  });

  it('carries why a path is missing (administrator rights) when the known row has no path either', () => {
    const [c] = withKnownProcesses(
      [bare(1480)],
      [{ ...bare(1480, 'svchost.exe'), pathStatus: 'needs-elevation' as const }],
    );
    expect(c).toEqual({ ...bare(1480, 'svchost.exe'), pathStatus: 'needs-elevation' });
  });
});
