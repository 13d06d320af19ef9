// The whole `sachmadoc scan` process, as a person runs it, against `node -e 0` (the floor of any
// Node command) and the old way (the TypeScript sources through tsx), interleaved in one run so the
// machine's load affects all alike. Goal (issue: speed): the compiled CLI ≤ 4× `node -e 0`.
// The tally command's start-up likewise (issue 18: ≤ 4× `node -e 0`): `npm run tally` with no
// command loads every module, then prints its usage (exit 2), bundle against tsx.
// `npm run bench -- cli-startup`; SACHMADOC_BENCH_RUNS sets the number of runs (default 15).
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.SACHMADOC_BENCH_RUNS ?? 15);

interface Subject {
  name: string;
  cmd: string;
  args: string[];
  ms: number[];
}

function time(s: Subject): void {
  const t = performance.now();
  const r = spawnSync(s.cmd, s.args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1 && r.status !== 2)
    throw new Error(`${s.name} exited ${r.status}: ${String(r.stderr)}`);
  s.ms.push(performance.now() - t);
}

const median = (ms: number[]): number => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];

// Build the bundle first (bin/sachmadoc.cjs would do it on the first run otherwise).
execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
execFileSync(process.execPath, [join(root, 'scripts', 'build-tally.mjs')], { cwd: root });
const node = process.execPath;
const subjects: Subject[] = [
  { name: 'node -e 0 (floor)', cmd: node, args: ['-e', '0'], ms: [] },
  { name: 'sachmadoc --help (bundle)', cmd: node, args: ['bin/sachmadoc.cjs', '--help'], ms: [] },
  {
    name: 'sachmadoc scan --json (bundle)',
    cmd: node,
    args: ['bin/sachmadoc.cjs', 'scan', '--json'],
    ms: [],
  },
  {
    name: 'scan --json through tsx (before)',
    cmd: node,
    args: ['--import', 'tsx', 'cli/main.ts', 'scan', '--json'],
    ms: [],
  },
  { name: 'tally start-up (bundle)', cmd: node, args: ['bin/tally.cjs'], ms: [] },
  {
    name: 'tally start-up through tsx (before)',
    cmd: node,
    args: ['--import', 'tsx', 'tally/cli.ts'],
    ms: [],
  },
];
if (process.platform === 'linux') subjects.push({ name: 'ss -tunap', cmd: 'ss', args: ['-tunap'], ms: [] });

for (const s of subjects) time(s); // warm the file cache
for (let i = 0; i < runs; i++) for (const s of subjects) time(s);

const floor = median(subjects[0].ms);
console.log(`cli-startup: ${runs} interleaved runs each, whole processes (wall time)`);
for (const s of subjects) {
  const m = median(s.ms);
  console.log(
    `  ${s.name.padEnd(36)} median ${m.toFixed(1).padStart(7)} ms  ${(m / floor).toFixed(2)}× node -e 0`,
  );
}
