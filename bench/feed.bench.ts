// `feed build` and `feed inspect` on a 1,000,000-indicator list (IPv4, IPv6, CIDR blocks, domains,
// 2 % repeated), each run as a user runs it (`node bin/sachmadoc.cjs feed …`, stdout to a file),
// timed in CPU (user + system) with peak RSS from /usr/bin/time, against the verify floor measured
// in the same run: reading the built feed, checking its Ed25519 signature and JSON.parse, which
// no command that reads the feed can go below. `feed verify` itself is printed beside it.
// Goal (issue 18): build and inspect each ≤ 3× the floor, ≤ 500 MB.
// `npm run bench -- feed`; SACHMADOC_BENCH_FEED_SIZE sets the number of lines (default 1,000,000).
import { spawnSync } from 'node:child_process';
import { createPrivateKey, sign, verify, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './generate';

const size = Number(process.env.SACHMADOC_BENCH_FEED_SIZE ?? 1_000_000);
const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'bin', 'sachmadoc.cjs');
const TARGET = { ratio: 3, rssMb: 500 };

function sourceList(n: number): string {
  const rnd = prng(18);
  const byte = (): number => Math.floor(rnd() * 254) + 1;
  const word = (): string => Math.floor(rnd() * 65536).toString(16);
  const label = (): string => {
    let s = '';
    const len = 4 + Math.floor(rnd() * 10);
    for (let i = 0; i < len; i++) s += String.fromCharCode(97 + Math.floor(rnd() * 26));
    return s;
  };
  const lines: string[] = ['# bench list: one indicator a line'];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.02 && lines.length > 2) lines.push(lines[1 + Math.floor(rnd() * (lines.length - 1))]);
    else if (r < 0.6) lines.push(`${11 + (byte() % 200)}.${byte()}.${byte()}.${byte()}`);
    else if (r < 0.68) lines.push(`${11 + (byte() % 200)}.${byte()}.${byte()}.0/24`);
    else if (r < 0.73) lines.push(`2a0${Math.floor(rnd() * 9)}:${word()}:${word()}::${word()}`);
    else lines.push(`${label()}.${label()}.${['com', 'net', 'vn', 'xyz', 'top'][Math.floor(rnd() * 5)]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the CLI under /usr/bin/time: CPU seconds, peak RSS (MB), exit code. */
function timed(
  args: string[],
  stdoutFile: string,
): { cpu: number; wall: number; rssMb: number; code: number } {
  const t = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%U %S %M',
      '-o',
      `${stdoutFile}.time`,
      'sh',
      '-c',
      `exec "$0" "$@" > "${stdoutFile}"`,
      process.execPath,
      cli,
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wall = (performance.now() - t) / 1000;
  const [u, s, m] = readFileSync(`${stdoutFile}.time`, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  return { cpu: u + s, wall, rssMb: m / 1024, code: r.status ?? -1 };
}

const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-feed-bench-'));
try {
  const src = join(dir, 'list.txt');
  const feed = join(dir, 'feed.json');
  writeFileSync(src, sourceList(size));
  // Built once untimed: it also (re)builds the CLI bundle when the sources are newer.
  spawnSync(process.execPath, [cli, 'feed', 'build', '--from', src, '--out', feed], { stdio: 'ignore' });
  spawnSync(process.execPath, [cli, 'feed', 'keygen', '--out', join(dir, 'keys')], { stdio: 'ignore' });
  const priv = createPrivateKey(readFileSync(join(dir, 'keys', 'feed.key')));
  const pub = createPublicKey(priv);
  /** The floor, in this process: read + Ed25519 verify + JSON.parse, best of 3. */
  const measureFloor = (): number => {
    const floorRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const bytes = readFileSync(feed);
      const sig = sign(null, bytes, priv); // made outside the floor's meaning: verify needs one
      const u1 = process.cpuUsage();
      const again = readFileSync(feed);
      if (!verify(null, again, pub, sig)) throw new Error('signature check failed');
      const doc = JSON.parse(again.toString('utf8')) as { indicators: unknown[] };
      const d = process.cpuUsage(u1);
      floorRuns.push((d.user + d.system) / 1e6);
      if (doc.indicators.length === 0) throw new Error('empty feed');
    }
    return Math.min(...floorRuns);
  };
  // Measured before and after the commands: the two show how much the neighbours' load moved
  // while they ran; the ratios use their mean.
  const floorBefore = measureFloor();
  const build = timed(
    ['feed', 'build', '--allow-broad', '--from', src, '--out', feed],
    join(dir, 'build.out'),
  );
  const inspect = timed(['feed', 'inspect', src], join(dir, 'inspect.out'));
  spawnSync(process.execPath, [cli, 'feed', 'sign', '--key', join(dir, 'keys', 'feed.key'), feed], {
    stdio: 'ignore',
  });
  const verifyCli = timed(
    ['feed', 'verify', feed, '--key', join(dir, 'keys', 'feed.pub')],
    join(dir, 'verify.out'),
  );
  const floorAfter = measureFloor();
  const floor = (floorBefore + floorAfter) / 2;
  const built = JSON.parse(readFileSync(feed, 'utf8')) as { indicators: unknown[] };
  const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  const line = (
    name: string,
    r: { cpu: number; wall: number; rssMb: number; code: number },
    goal: boolean,
  ): void => {
    const ratio = r.cpu / floor;
    console.log(
      `  ${name.padEnd(14)} ${r.cpu.toFixed(2)} s CPU (wall ${r.wall.toFixed(2)} s), ${r.rssMb.toFixed(0)} MB, exit ${r.code}` +
        (goal
          ? `   ${ratio.toFixed(1)}× floor (≤ ${TARGET.ratio}×) ${mark(ratio <= TARGET.ratio)}, RSS ≤ ${TARGET.rssMb} MB ${mark(r.rssMb <= TARGET.rssMb)}`
          : `   ${ratio.toFixed(1)}× floor`),
    );
  };
  console.log(
    `feed: ${size.toLocaleString('en')} source lines, ${built.indicators.length.toLocaleString('en')} indicators built`,
  );
  console.log(
    `  verify floor   ${floor.toFixed(2)} s CPU (read + Ed25519 + JSON.parse, in-process, best of 3; before the commands ${floorBefore.toFixed(2)} s, after ${floorAfter.toFixed(2)} s)`,
  );
  line('feed build', build, true);
  line('feed inspect', inspect, true);
  line('feed verify', verifyCli, false);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
