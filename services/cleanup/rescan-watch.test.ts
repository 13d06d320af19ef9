// The guided re-scan watches (issue 10, point 8), on the Windows path the app uses: `netstat -ano`
// each sample and `tasklist` at the start and end (createWindowsWatchSampler), with a fake clock so
// 15 seconds of watching take no time. The machine's state changes with the clock, as a restarted
// beacon would change it.
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../command-runner';
import { commandKey } from '../command-runner';
import { createCleanupSession, watchRescan } from '.';
import type { RescanProgress } from '.';
import { WINDOWS_COMMANDS } from '../connections';
import { createWindowsWatchSampler } from '../scan/windows-watch';
import type { DnsRecord } from '../../shared/domain';
import { parseIpconfigDisplayDns } from '../../shared/parsers/dns-cache';

const C2 = '203.0.113.9';
const HEAD =
  'Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n';
const row = (local: string, remote: string, state: string, pid: number) =>
  `  TCP    ${local.padEnd(22)} ${remote.padEnd(22)} ${state.padEnd(15)} ${pid}\r\n`;
const idle =
  row('0.0.0.0:135', '0.0.0.0:0', 'LISTENING', 840) +
  row('10.0.0.5:50001', '93.184.216.34:443', 'ESTABLISHED', 6120);
/** What netstat prints after the flagged process (4242) was killed: its socket in TIME_WAIT, PID 0. */
const afterKill = HEAD + idle + row('10.0.0.5:50412', `${C2}:8080`, 'TIME_WAIT', 0);
const withPid = (pid: number, port = 50420) =>
  afterKill + row(`10.0.0.5:${port}`, `${C2}:8080`, 'ESTABLISHED', pid);
const tasklist = (extra = '') =>
  `"System Idle Process","0","Services","0","8 K"\r\n"svchost.exe","840","Services","0","9.120 K"\r\n"chrome.exe","6120","Console","1","210.400 K"\r\n${extra}`;

const displayDns = (ttl: number) => `Windows IP Configuration

    update.c2-example.net
    ----------------------------------------
    Record Name . . . . . : update.c2-example.net
    Record Type . . . . . : 1
    Time To Live  . . . . : ${ttl}
    Data Length . . . . . : 4
    Section . . . . . . . : Answer
    A (Host) Record . . . : ${C2}

`;

/**
 * A Windows machine over a fake clock: `netstat(t)` and `tasklist(t)` say what runs at time t (ms
 * since the watch began); every netstat takes 40 ms, every sleep advances the clock exactly.
 */
function machine(netstat: (t: number) => string, tasks: (t: number) => string = () => tasklist()) {
  let t = 0;
  const enc = (s: string): CommandResult => ({
    stdout: new TextEncoder().encode(s),
    stderr: new Uint8Array(),
    code: 0,
  });
  const runner = {
    run(file: string, args: readonly string[]) {
      const key = commandKey(file, args);
      if (key === commandKey(WINDOWS_COMMANDS.netstat.file, WINDOWS_COMMANDS.netstat.args)) {
        const out = netstat(t);
        t += 40;
        return Promise.resolve(enc(out));
      }
      return Promise.resolve(enc(key.includes('/svc') ? '' : tasks(t)));
    },
  };
  const sampler = createWindowsWatchSampler({ runner });
  return {
    now: () => t,
    sleep: (ms: number) => ((t += ms), Promise.resolve()),
    sample: async () => (await sampler.sample()).connections,
    processNames: async () => (await sampler.processes()).names,
  };
}

const target = { remoteAddress: C2, remotePort: 8080, pid: 4242 };

describe('watched re-scan', () => {
  it('watches 15 s by default at ≥ 2 samples a second, with progress, and says gone when only the ended socket is left', async () => {
    const m = machine(() => afterKill);
    const progress: RescanProgress[] = [];
    const o = await watchRescan(m, target, (p) => progress.push(p));
    expect(o).toMatchObject({ gone: true, windowMs: 15_000, still: [], reappeared: [], lookups: [] });
    expect(o.samples).toBeGreaterThanOrEqual(30);
    expect(o.maxGapMs).toBeLessThanOrEqual(500);
    expect(m.now()).toBeGreaterThanOrEqual(15_000);
    // Progress comes with every sample and ends at the full window.
    expect(progress).toHaveLength(o.samples);
    expect(progress.at(-1)).toEqual({ elapsedMs: 15_000, totalMs: 15_000, samples: o.samples });
    expect(progress.map((p) => p.elapsedMs)).toEqual(
      [...progress.map((p) => p.elapsedMs)].sort((a, b) => a - b),
    );
  });

  it('names a process that connected again under another PID during the window (from the tasklist at the end)', async () => {
    const m = machine(
      (t) => (t >= 9_000 ? withPid(5151) : afterKill),
      (t) => tasklist(t >= 9_000 ? '"svch0st.exe","5151","Console","1","4.120 K"\r\n' : ''),
    );
    const o = await watchRescan(m, target);
    expect(o.gone).toBe(false);
    expect(o.reappeared).toEqual([
      { pid: 5151, name: 'svch0st.exe', localPort: 50420, remotePort: 8080, state: 'ESTABLISHED' },
    ]);
    expect(o.still).toEqual([]);
  });

  it('catches a beacon that is connected for only 300 ms between two ordinary scans', async () => {
    const m = machine((t) => (t >= 7_100 && t < 7_400 ? withPid(6006, 50999) : afterKill));
    const o = await watchRescan(m, target);
    expect(o).toMatchObject({ gone: false, reappeared: [{ pid: 6006, remotePort: 8080 }] });
  });

  it('is not gone while the flagged PID itself is still connected', async () => {
    const m = machine(() => withPid(4242));
    const o = await watchRescan(m, target);
    expect(o).toMatchObject({ gone: false, still: [{ pid: 4242 }], reappeared: [] });
  });

  it('is not gone when the DNS cache shows a new lookup of the indicator name, though no socket was seen', async () => {
    const m = machine(() => afterKill);
    const dns = (t: number): DnsRecord[] =>
      t >= 6_000 ? parseIpconfigDisplayDns(displayDns(300), 'ipconfig /displaydns').records : [];
    const o = await watchRescan(
      { ...m, dnsCache: () => Promise.resolve(dns(m.now())) },
      {
        ...target,
        domain: 'c2-example.net',
      },
    );
    expect(o.gone).toBe(false);
    expect(o.lookups.map((r) => [r.name, r.data])).toEqual([['update.c2-example.net', C2]]);
  });

  it('counts a cached record as a new lookup only if its TTL went up (looked up again), not as it counts down', async () => {
    const m = machine(() => afterKill);
    const start = m.now();
    const countingDown = () =>
      Promise.resolve(
        parseIpconfigDisplayDns(displayDns(300 - Math.floor((m.now() - start) / 1000)), 'x').records,
      );
    expect(
      (await watchRescan({ ...m, dnsCache: countingDown }, { ...target, domain: 'c2-example.net' })).gone,
    ).toBe(true);

    const m2 = machine(() => afterKill);
    const refreshed = () =>
      Promise.resolve(parseIpconfigDisplayDns(displayDns(m2.now() >= 8_000 ? 3600 : 12), 'x').records);
    const o = await watchRescan({ ...m2, dnsCache: refreshed }, target);
    expect(o).toMatchObject({ gone: false, lookups: [{ name: 'update.c2-example.net', ttl: 3600 }] });
  });

  it('keeps sampling at least twice a second when a sample is slow, and never faster than asked', async () => {
    let t = 0;
    const slow = {
      now: () => t,
      sleep: (ms: number) => ((t += ms), Promise.resolve()),
      sample: () => ((t += 450), Promise.resolve([])),
      intervalMs: 2_000, // asked for too slow a rate: clamped to 500 ms
    };
    const o = await watchRescan(slow, target);
    expect(o.maxGapMs).toBeLessThanOrEqual(500);
    expect(o.samples).toBeGreaterThanOrEqual(30);
  });
});

describe('the re-scan step of a cleanup session', () => {
  const session = (m: ReturnType<typeof machine>) =>
    createCleanupSession({
      runner: { run: () => Promise.reject(new Error('unused')) },
      platform: 'win32',
      backupDir: 'C:\\Users\\it\\AppData\\Roaming\\sachmadoc\\cleanup-backups',
      rescan: m.sample,
      rescanWatch: { now: m.now, sleep: m.sleep, processNames: m.processNames },
    });
  async function run(m: ReturnType<typeof machine>, onProgress?: (p: RescanProgress) => void) {
    const s = session(m);
    const p = s.propose({ step: 'rescan', target });
    if (!p.ok) throw new Error('refused');
    expect(p.value.summary.vi).toBe(`Quét lại: theo dõi 15 giây mọi kết nối tới ${C2}, với bất kỳ PID nào.`);
    return s.confirm(p.value.token, { onProgress });
  }

  it('says "kết nối xuất hiện lại từ PID N (name)" and keeps the finding (not gone)', async () => {
    const m = machine(
      (t) => (t >= 3_000 ? withPid(5151) : afterKill),
      (t) => tasklist(t >= 3_000 ? '"svch0st.exe","5151","Console","1","4.120 K"\r\n' : ''),
    );
    const r = await run(m);
    expect(r).toMatchObject({ step: 'rescan', outcome: 'failed', data: { gone: false } });
    expect(r.message.vi).toBe(
      `Quét lại (theo dõi 15 giây): kết nối xuất hiện lại từ PID 5151 (svch0st.exe) tới ${C2}.`,
    );
    expect(r.message.en).toBe(
      `Re-scan (watched for 15 s): the connection came back from PID 5151 (svch0st.exe) to ${C2}.`,
    );
  });

  it('says gone, with how long and how often it watched, and reports progress', async () => {
    const m = machine(() => afterKill);
    const progress: RescanProgress[] = [];
    const r = await run(m, (p) => progress.push(p));
    expect(r).toMatchObject({ outcome: 'ok', data: { gone: true, windowMs: 15_000 } });
    expect(r.message.vi).toMatch(
      new RegExp(
        `^Quét lại: kết nối tới ${C2.replace(/\./g, '\\.')}:8080 đã hết \\(theo dõi 15 giây, \\d+ lần lấy mẫu`,
      ),
    );
    expect(progress.length).toBeGreaterThanOrEqual(30);
  });
});

describe('what counts as connected during the watch', () => {
  it('only a known ended state is not a connection; an unknown state word, with or without an owner, is', async () => {
    const m = machine(() => afterKill + row('10.0.0.5:50430', `${C2}:8080`, 'TOT_STAND_GEB', 0));
    const o = await watchRescan(m, target);
    expect(o).toMatchObject({ gone: false, reappeared: [{ pid: 0, state: 'TOT_STAND_GEB' }] });
  });
});
