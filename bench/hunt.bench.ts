// The log hunt at campaign scale: Windows Firewall lines (pfirewall.log) against a 1,000,000-
// indicator index (600k IPv4, 100k CIDR v4, 50k IPv6, 250k domains), one core, against an awk
// hash join on the same file in the same run (`awk 'NR==FNR{a[$1];next} ($6 in a)' ips.txt
// pfirewall.log`: exact IPv4 only, no CIDR, IPv6 or domains, so it is a floor of work). Then two
// files on two worker threads. Prints lines/s (of CPU time, wall beside), the ratio, peak RSS;
// PASS/MISS per target.
// Run: `npm run bench -- hunt`. LINES=N changes the file size (default 2,000,000 lines).
// `HUNT_GB=5 npm run bench -- hunt`: instead, a log of that many GB (10⁹ bytes) is written to the
// temporary folder as a stream, read once by the hunt against the same 1M index, its peak RSS and
// lines/s printed, and deleted (minutes: run it by hand, not in CI).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Indicator } from '../shared/domain';
import { IndicatorIndex } from '../shared/indicators/index';
import { formatIpv4 } from '../shared/net/ip';
import { huntFiles } from '../services/hunt/hunt-files';
import { huntInWorkers } from '../services/hunt/workers';
import type { LogFileEntry } from '../services/hunt/files';
import { prng } from './generate';

const TARGETS = { linesPerSecond: 1_000_000, overAwk: 3, peakRssMb: 300 };
const LINES = Number(process.env.LINES ?? 2_000_000);
const COUNTS = { ipv4: 600_000, cidr: 100_000, ipv6: 50_000, domains: 250_000 };
const HIT_RATE = 0.01;

let rnd = prng(16);
const u32 = (): number => Math.floor(rnd() * 4294967296);
/** A public-looking IPv4 address (first octet 1..223, not 10/127). */
const publicV4 = (): number => {
  for (;;) {
    const a = u32();
    const first = a >>> 24;
    if (first >= 1 && first <= 223 && first !== 10 && first !== 127) return a;
  }
};

const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-hunt-bench-'));
const listed: string[] = [];

/** The 1M indicators, the same on every call (own seed); the exact IPv4 ones are noted in `listed`. */
function* indicators(): Generator<Indicator> {
  rnd = prng(16);
  listed.length = 0;
  for (let i = 0; i < COUNTS.ipv4; i++) {
    const v = formatIpv4(publicV4());
    listed.push(v);
    yield { id: `ip:${v}`, kind: 'ip', value: v, source: 'bench' };
  }
  for (let i = 0; i < COUNTS.cidr; i++) {
    const prefix = 24 + Math.floor(rnd() * 9);
    const base = (publicV4() & (prefix === 32 ? 0xffffffff : ~(0xffffffff >>> prefix))) >>> 0;
    const v = `${formatIpv4(base)}/${prefix}`;
    yield { id: `cidr:${v}`, kind: 'cidr', value: v, source: 'bench' };
  }
  for (let i = 0; i < COUNTS.ipv6; i++) {
    const v = `2001:db8:${(u32() & 0xffff).toString(16)}:${(u32() & 0xffff).toString(16)}::${(u32() & 0xffff).toString(16)}`;
    yield { id: `ip:${v}`, kind: 'ip', value: v, source: 'bench' };
  }
  for (let i = 0; i < COUNTS.domains; i++) {
    const v = `d${u32().toString(36)}.example`;
    yield { id: `domain:${v}`, kind: 'domain', value: v, source: 'bench' };
  }
}

async function writeLog(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    '#Version: 1.5\r\n#Software: Microsoft Windows Firewall\r\n#Time Format: Local\r\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\r\n\r\n',
  );
  let buf = '';
  for (let i = 0; i < lines; i++) {
    const s = i % 86400;
    const time = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s / 60) % 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    const src = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255 || 1}`;
    const dst = rnd() < HIT_RATE ? listed[Math.floor(rnd() * listed.length)] : formatIpv4(publicV4());
    buf += `2026-11-23 ${time} ALLOW TCP ${src} ${dst} ${49152 + (i % 16000)} 443 0 - 0 0 0 - - - SEND ${1000 + (i % 5000)}\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}

/**
 * A big log as a campaign leaves it: 65,536 internal addresses (a /16) talking to random public
 * addresses, and 1% of lines from 256 infected devices to the 8 command-and-control addresses each
 * one beacons to (2,048 listed addresses). What is found is bounded, as in a real network, so the
 * RSS shows what reading the log costs, not a device list that grows with the file.
 */
async function writeBigLog(
  path: string,
  targetBytes: number,
  c2: string[],
  index: IndicatorIndex,
): Promise<number> {
  const out = createWriteStream(path);
  out.write(
    '#Version: 1.5\r\n#Software: Microsoft Windows Firewall\r\n#Time Format: Local\r\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\r\n\r\n',
  );
  let written = 0;
  let lines = 0;
  let buf = '';
  while (written + buf.length < targetBytes) {
    const i = lines++;
    const s = Math.floor(i / 1000) % 86400;
    const time = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s / 60) % 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    let src: string;
    let dst: string;
    if (rnd() < HIT_RATE) {
      const d = Math.floor(rnd() * 256);
      src = `10.20.${d}.${(d * 7) % 254 || 1}`;
      dst = c2[(d * 8 + Math.floor(rnd() * 8)) % c2.length];
    } else {
      src = `10.30.${(i >> 8) & 255}.${i & 255 || 1}`;
      // Other traffic goes to addresses on no indicator (a random address falls in one of the
      // 100,000 listed blocks about once in 450 lines, which would make every one of the 65,536
      // addresses a device).
      let d = publicV4();
      while (index.mayMatchV4(d)) d = publicV4();
      dst = formatIpv4(d);
    }
    buf += `2026-11-23 ${time} ALLOW TCP ${src} ${dst} ${49152 + (i % 16000)} 443 0 - 0 0 0 - - - SEND ${1000 + (i % 5000)}\r\n`;
    if (buf.length > 1 << 20) {
      written += buf.length;
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
  return lines;
}

/** HUNT_GB mode: one hunt over a log of that size on disk; peak RSS and lines/s. */
async function bigRun(gb: number): Promise<void> {
  const index = IndicatorIndex.build(indicators());
  const c2 = listed.slice(0, 2048);
  listed.length = 0;
  rnd = prng(18);
  const log = join(dir, 'pfirewall-big.log');
  const tGen = performance.now();
  const lines = await writeBigLog(log, gb * 1e9, c2, index);
  const size = statSync(log).size;
  console.log(
    `log: ${lines.toLocaleString('en')} lines, ${(size / 1e9).toFixed(2)} GB written in ${((performance.now() - tGen) / 1000).toFixed(0)} s`,
  );
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const tenths: number[] = [];
  const t = performance.now();
  const c = process.cpuUsage();
  const hunt = await huntFiles(index, [{ path: log, size, mtimeMs: Date.now() }], {
    offsetMinutes: 420,
    onProgress: (bytes) => {
      if (bytes >= ((tenths.length + 1) / 10) * size) tenths.push(process.memoryUsage().rss);
    },
  });
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(c);
  clearInterval(sampler);
  const p = hunt.partial();
  const read = p.files.reduce((n, f) => n + f.lines, 0);
  const hits = p.devices.reduce((n, d) => n + d.count, 0);
  const peakMb = Math.round(rssPeak / 1048576);
  console.log(
    `hunt: ${read.toLocaleString('en')} lines in ${wall.toFixed(0)} s wall, ${Math.round(read / wall).toLocaleString('en')} lines/s wall, ${Math.round(read / ((used.user + used.system) / 1e6)).toLocaleString('en')} lines/s of CPU time; ${p.devices.length} devices, ${hits.toLocaleString('en')} hits`,
  );
  console.log(
    `RSS: ${Math.round(rssBefore / 1048576)} MB before (Node and the 1M index), ${peakMb} MB peak during the hunt, process peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (index build included) — target ≤ ${TARGETS.peakRssMb} MB: ${verdict(peakMb <= TARGETS.peakRssMb)}`,
  );
  console.log(`RSS at each tenth of the read: ${tenths.map((r) => Math.round(r / 1048576)).join(' / ')} MB`);
  globalThis.gc?.();
  const heap = process.memoryUsage();
  console.log(
    `after the hunt (GC): heap ${Math.round(heap.heapUsed / 1048576)} MB used, ${Math.round(heap.arrayBuffers / 1048576)} MB in array buffers (the index's tables), RSS ${Math.round(heap.rss / 1048576)} MB`,
  );
}

const mb = (kb: number): number => Math.round(kb / 1024);
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

const BIG_GB = Number(process.env.HUNT_GB ?? 0);
try {
  if (BIG_GB > 0) {
    await bigRun(BIG_GB);
    // The standard run below is skipped (the log is deleted first: exit skips `finally`).
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  const t0 = performance.now();
  // Built straight from the generator, as a feed is streamed into it: the million indicator
  // objects are never all alive at once, so the RSS below is the index's, not this bench's input.
  const index = IndicatorIndex.build(indicators());
  rnd = prng(17);
  console.log(
    `index: ${index.size.toLocaleString('en')} indicators built in ${((performance.now() - t0) / 1000).toFixed(2)} s (generation included), numeric tables ${(index.stats.tableBytes / 1048576).toFixed(0)} MB`,
  );
  const ips = join(dir, 'ips.txt');
  writeFileSync(ips, `${listed.join('\n')}\n`);
  const log = join(dir, 'pfirewall.log');
  await writeLog(log, LINES);
  const size = statSync(log).size;
  console.log(`log: ${LINES.toLocaleString('en')} lines, ${(size / 1e6).toFixed(0)} MB`);
  const entry: LogFileEntry = { path: log, size, mtimeMs: Date.now() };
  // The bench's own list of addresses (for ips.txt and the log's hits) is not the hunt's memory.
  listed.length = 0;

  // One core: the hunt (read, parse, look up both sides, aggregate), index already built. RSS is
  // sampled during the runs: what the hunt adds on top of the index must not grow with the file.
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  let best = Infinity;
  let bestCpu = Infinity;
  let found = 0;
  // RSS at each quarter of the first read: flat means memory does not grow with the log.
  const quarters: number[] = [];
  const onProgress = (bytes: number): void => {
    if (bytes >= ((quarters.length + 1) / 4) * size) quarters.push(process.memoryUsage().rss);
  };
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const hunt = await huntFiles(index, [entry], {
      offsetMinutes: 420,
      onProgress: run === 0 ? onProgress : undefined,
    });
    best = Math.min(best, performance.now() - t);
    const used = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
    found = hunt.partial().devices.reduce((n, d) => n + d.count, 0);
  }
  clearInterval(sampler);
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  // Lines per second of CPU time (user + system, every thread of this process): on a machine
  // shared with other work the wall clock measures the neighbours too. Wall time is printed beside.
  const ours = LINES / (bestCpu / 1000);
  const oursWall = LINES / (best / 1000);

  // awk: the join's total, minus loading ips.txt alone, so both sides are timed on the log only;
  // its CPU time from /usr/bin/time, as for the hunt.
  const awkRun = (args: string[]): number => {
    const out = join(dir, 'awk.time');
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', out, 'awk', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`awk exited with ${r.status}`);
    const [u, sys] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    return (u + sys) * 1000;
  };
  let awkBest = Infinity;
  let loadBest = Infinity;
  for (let run = 0; run < 3; run++) {
    awkBest = Math.min(awkBest, awkRun(['NR==FNR{a[$1];next} ($6 in a)', ips, log]));
    loadBest = Math.min(loadBest, awkRun(['{a[$1]}', ips]));
  }
  const awkLines = LINES / (Math.max(1, awkBest - loadBest) / 1000);
  const ratio = ours / awkLines;
  console.log(
    `one core: ${Math.round(ours).toLocaleString('en')} lines/s of CPU time (best of 3, ${found.toLocaleString('en')} hits; wall ${Math.round(oursWall).toLocaleString('en')} lines/s) — target ≥ ${TARGETS.linesPerSecond.toLocaleString('en')}: ${verdict(ours >= TARGETS.linesPerSecond)}`,
  );
  console.log(
    `awk (${spawnSync('readlink', ['-f', '/usr/bin/awk'], { encoding: 'utf8' }).stdout.trim()}): ${Math.round(awkLines).toLocaleString('en')} lines/s of CPU time (join ${(awkBest / 1000).toFixed(2)} s − loading ips.txt ${(loadBest / 1000).toFixed(2)} s)`,
  );
  console.log(
    `ratio: ${ratio.toFixed(2)}× awk — target ≥ ${TARGETS.overAwk}×: ${verdict(ratio >= TARGETS.overAwk)}`,
  );
  const peakMb = Math.round(rssPeak / 1048576);
  console.log(
    `live heap after the hunt (after GC): +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB over the index (the devices found, not the log)`,
  );
  console.log(
    `RSS during the hunt: ${Math.round(rssBefore / 1048576)} MB before (Node and the 1M index), ${peakMb} MB peak, +${Math.round((rssPeak - rssBefore) / 1048576)} MB for reading ${(size / 1e6).toFixed(0)} MB of log — target ≤ ${TARGETS.peakRssMb} MB: ${verdict(peakMb <= TARGETS.peakRssMb)}`,
  );

  console.log(
    `RSS at 25/50/75/100 % of the first read: ${quarters.map((r) => Math.round(r / 1048576)).join(' / ')} MB (index ${Math.round(rssBefore / 1048576)} MB before)`,
  );

  // Two files, two worker threads, both reading the index built above: share() moves its tables
  // into SharedArrayBuffers once, and each worker wraps the same memory (nothing rebuilt or copied).
  // Against the single file on one core above (best wall time of its 3 runs), in the same run.
  const tShare = performance.now();
  index.share();
  const shareMs = performance.now() - tShare;
  // One file on one worker thread first: the same thread start-up and cold code as below, so the
  // ratio of the two is what the second core adds.
  // Each run also notes its first progress message (the threads have started: modules loaded and
  // compiled) so the reading rate after start-up is printed beside the rate that includes it.
  const steady = () => {
    const s = { at: 0, lines: 0 };
    return {
      s,
      onProgress: (_bytes: number, lines: number) => {
        if (s.at === 0 && lines > 0) Object.assign(s, { at: performance.now(), lines });
      },
      rate: (total: number, end: number) => (total - s.lines) / ((end - s.at) / 1000),
    };
  };
  const st1 = steady();
  const t1 = performance.now();
  const single = await huntInWorkers([[entry]], index, { offsetMinutes: 420 }, st1.onProgress);
  const end1 = performance.now();
  const wall1 = (end1 - t1) / 1000;
  const lines1 = single.files.reduce((n, f) => n + f.lines, 0);
  const steady1 = st1.rate(lines1, end1);
  console.log(
    `one file on one worker thread: ${Math.round(lines1 / wall1).toLocaleString('en')} lines/s of wall time over ${wall1.toFixed(2)} s (thread start-up included); after start-up (${((st1.s.at - t1) / 1000).toFixed(2)} s): ${Math.round(steady1).toLocaleString('en')} lines/s, ${(steady1 / oursWall).toFixed(2)}× one file on the main thread`,
  );
  let rssWorkers = process.memoryUsage().rss;
  const workerSampler = setInterval(() => {
    rssWorkers = Math.max(rssWorkers, process.memoryUsage().rss);
  }, 20);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  // The first progress message: the workers have started (tsx loaded, modules compiled).
  const st2 = steady();
  const partial = await huntInWorkers(
    [[entry], [{ ...entry }]],
    index,
    { offsetMinutes: 420 },
    st2.onProgress,
  );
  const end2 = performance.now();
  const firstProgress = st2.s.at;
  const wall = (end2 - t2) / 1000;
  const cpu2 = process.cpuUsage(c2);
  clearInterval(workerSampler);
  const lines2 = partial.files.reduce((n, f) => n + f.lines, 0);
  const found2 = partial.devices.reduce((n, d) => n + d.count, 0);
  const twoWall = lines2 / wall;
  console.log(
    `two files on two workers (one shared index, moved into shared memory in ${shareMs.toFixed(0)} ms): ${Math.round(twoWall).toLocaleString('en')} lines/s of wall time over ${wall.toFixed(2)} s (worker start-up included; ${found2.toLocaleString('en')} hits, ${found2 === 2 * found ? 'twice' : 'NOT twice'} the one-file hunt's), against one file on one core ${Math.round(oursWall).toLocaleString('en')} lines/s wall: ${(twoWall / oursWall).toFixed(2)}×, against one file on one worker: ${(twoWall / (lines1 / wall1)).toFixed(2)}×`,
  );
  console.log(
    `RSS while the two workers read: ${Math.round(rssWorkers / 1048576)} MB peak (one index for both); process peak ${mb(process.resourceUsage().maxRSS)} MB`,
  );
  console.log(
    `two workers: first progress after ${((firstProgress - t2) / 1000).toFixed(2)} s (thread start-up); ${Math.round(lines2 / ((cpu2.user + cpu2.system) / 1e6)).toLocaleString('en')} lines/s of CPU time over all threads (one core above: ${Math.round(ours).toLocaleString('en')})`,
  );
  const steady2 = st2.rate(lines2, end2);
  console.log(
    `after start-up: two workers ${Math.round(steady2).toLocaleString('en')} lines/s of wall time, ${(steady2 / steady1).toFixed(2)}× one worker, ${(steady2 / oursWall).toFixed(2)}× one file on the main thread`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
