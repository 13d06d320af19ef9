// What the tally benchmarks share (tally.bench.ts, tally-pg.bench.ts): the campaign and result
// bodies, server processes, the load generator and the CPU readings from /proc.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..');
const seconds = Number(process.env.TALLY_BENCH_SECONDS ?? 10);

export const unitCode = (i: number) => `DV-${String(i).padStart(3, '0')}`;
/** The campaign the results are for: the server refuses results of an unpublished campaign. */
export const CAMPAIGN = {
  id: 'cd-2026',
  nameVi: 'Chiến dịch làm sạch mã độc 2026 (đo hiệu năng)',
  nameEn: 'Campaign 2026 (benchmark)',
  letter: '1298/CATTT-NCSC',
  startsOn: '2026-08-23',
  endsOn: '2026-12-31',
  reportDeadline: '2026-12-31',
  feedVersion: 1,
  feedPublishedAt: '2026-08-23T00:00:00Z',
  recordedAt: new Date().toISOString(),
};
export const body = (unit: string, installId = randomUUID()) =>
  JSON.stringify({
    schema: 1,
    submissionId: randomUUID(),
    installId,
    campaignId: 'cd-2026',
    unitCode: unit,
    day: '2026-11-23',
    appVersion: '0.1.0',
    os: { family: 'windows', major: '10' },
    counts: { connectionsChecked: 57, findings: { ip: 1, cidr: 0, domain: 0 }, crackedSoftwareSigns: 0 },
    cleanRescan: null,
    matchedIndicatorIds: ['ioc-0001'],
  });

/** Starts a server process and resolves with its port once it prints its listening line. */
export function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system, ms) the process has used so far; undefined where /proc is missing. */
export function cpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis.
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The process's peak resident memory (VmHWM), or n/a where /proc is missing. */
export function peakRssMb(pid: number | undefined): string {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? `${(Number(kb) / 1024).toFixed(0)} MB` : 'n/a';
  } catch {
    return 'n/a';
  }
}

// Throughput on a shared 2-core machine swings with whatever else runs; the server's own CPU time
// per answered request moves far less, so it is printed beside it to compare changes.
// Each unit's enrolment token (the results route answers 401 without one); the no-op server ignores it.
export const tokens = new Map<string, string>();

export async function load(
  port: number,
  units: string[],
  pid?: number,
  connections = 64,
  same?: () => string,
) {
  let n = 0;
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/results',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const unit = units[n++ % units.length];
          return {
            ...req,
            headers: { ...req.headers, authorization: `Bearer ${tokens.get(unit) ?? ''}` },
            body: same ? same() : body(unit),
          };
        },
      },
    ],
  });
  const cpuAfter = cpuMs(pid);
  const answered = result['2xx'] + result.non2xx;
  return {
    cpuPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || answered === 0
        ? 'n/a'
        : `${((1000 * (cpuAfter - cpuBefore)) / answered).toFixed(1)} µs`,
    answered,
    perSecond: result['2xx'] / (result.duration || seconds),
    twoXX: result['2xx'],
    non2xx: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/**
 * An open-loop load: one submission every 1/rate s, whether or not the earlier ones were answered
 * (autocannon's fixed rate fires all its connections on the same tick: bursts of 64). Latency from
 * sending to the end of the answer.
 */
export async function paced(port: number, units: string[], rate: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const total = Math.round(rate * seconds);
  const ms: number[] = [];
  let twoXX = 0;
  let non2xx = 0;
  const sent: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const unit = units[i % units.length];
    const text = body(unit);
    const start = performance.now();
    sent.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/v1/results',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens.get(unit) ?? ''}`,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              ms.push(performance.now() - start);
              if (res.statusCode !== undefined && res.statusCode < 300) twoXX += 1;
              else non2xx += 1;
              resolve();
            });
          },
        );
        req.on('error', () => {
          non2xx += 1;
          resolve();
        });
        req.end(text);
      }),
    );
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  ms.sort((a, b) => a - b);
  const at = (p: number) => Number(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(0));
  return { answered: ms.length, perSecond: twoXX / elapsed, twoXX, non2xx, p50: at(0.5), p99: at(0.99) };
}

/** Fields after the command name of /proc/PID/stat (state is [0], ppid [1], utime [11]); undefined if gone. */
function statFields(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) used so far by a PostgreSQL server on this machine, found from one of its
 * backends: the postmaster, its live children (checkpointer, WAL writer, backends) and the
 * children it has reaped (backends of closed connections, in its cutime/cstime).
 */
export function clusterCpuMs(backendPid: number | undefined): number | undefined {
  if (backendPid === undefined) return undefined;
  const postmaster = statFields(backendPid)?.[1];
  const pm = postmaster === undefined ? undefined : statFields(postmaster);
  if (!pm) return undefined;
  let ticks = Number(pm[11]) + Number(pm[12]) + Number(pm[13]) + Number(pm[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (f && f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks * 1000) / 100;
}

/** The whole machine's busy and total CPU time (ms, all cores) from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = f.slice(0, 8).map(Number);
    const total = n.reduce((a, x) => a + x, 0);
    return { busy: ((total - n[3] - n[4]) * 1000) / 100, total: (total * 1000) / 100 };
  } catch {
    return undefined;
  }
}

/**
 * Measures, over one stretch of load, how many milliseconds of CPU each process (or cluster)
 * spent per answered request, how busy the whole machine was and its load average: on a shared
 * 2-core machine that says who had the CPU.
 */
export function cpuMeter(readers: Record<string, () => number | undefined>) {
  const before = Object.fromEntries(Object.entries(readers).map(([k, r]) => [k, r()]));
  const self = process.cpuUsage();
  const m0 = machineCpuMs();
  return (answered: number): string => {
    const parts = Object.entries(readers).map(([k, r]) => {
      const a = before[k];
      const b = r();
      return `${k} ${a === undefined || b === undefined || answered === 0 ? 'n/a' : `${((1000 * (b - a)) / answered).toFixed(0)} µs`}`;
    });
    const own = process.cpuUsage(self);
    parts.push(`load generator ${((own.user + own.system) / Math.max(1, answered)).toFixed(0)} µs`);
    const m1 = machineCpuMs();
    const busy =
      m0 && m1 ? `${((100 * (m1.busy - m0.busy)) / Math.max(1, m1.total - m0.total)).toFixed(0)}%` : 'n/a';
    return `CPU per request: ${parts.join(', ')}; machine busy ${busy}, load average ${loadavg()[0].toFixed(1)}`;
  };
}
