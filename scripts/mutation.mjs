// `npm run test:mutation [-- module ...]`: StrykerJS on the core modules, one module at a time
// (concurrency 1 by default, incremental), then the mutation score of each module. Exits 1 when a
// module is below 85 %. Modules and their tests: scripts/mutation-modules.mjs; reviewed
// equivalent mutants: test/mutation-equivalents.md. Not part of `npm test`: minutes per module.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { MODULES } from './mutation-modules.mjs';

const THRESHOLD = 85;
const asked = process.argv.slice(2);
const unknown = asked.filter((m) => !(m in MODULES));
if (unknown.length > 0) {
  console.error(
    `Không có mô-đun / unknown module: ${unknown.join(', ')}. Chọn trong / one of: ${Object.keys(MODULES).join(', ')}`,
  );
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(MODULES);

/** Stryker's score: detected (killed + timeout) over valid mutants (detected + survived + no coverage). */
function scoreOf(report) {
  const n = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const file of Object.values(report.files))
    for (const m of file.mutants) {
      if (m.status === 'Killed') n.killed++;
      else if (m.status === 'Timeout') n.timeout++;
      else if (m.status === 'Survived') n.survived++;
      else if (m.status === 'NoCoverage') n.noCoverage++;
    }
  const valid = n.killed + n.timeout + n.survived + n.noCoverage;
  return { ...n, valid, score: valid === 0 ? 100 : (100 * (n.killed + n.timeout)) / valid };
}

const rows = [];
for (const name of names) {
  console.log(`\n==> ${name}: ${MODULES[name].mutate.join(' ')}`);
  const run = spawnSync('npx', ['stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: name },
    shell: process.platform === 'win32',
  });
  const file = `.reports/mutation/${name}.json`;
  if (run.status !== 0 || !existsSync(file)) {
    rows.push({ name, error: `stryker exited ${run.status}` });
    continue;
  }
  rows.push({ name, ...scoreOf(JSON.parse(readFileSync(file, 'utf8'))) });
}

console.log('\nMutation score per module / điểm đột biến theo mô-đun (≥ 85 %):');
console.log('module                score   killed  timeout  survived  no-cov');
for (const r of rows) {
  if (r.error) console.log(`${r.name.padEnd(20)}  ERROR  ${r.error}`);
  else
    console.log(
      `${r.name.padEnd(20)}  ${r.score.toFixed(1).padStart(5)}%  ${String(r.killed).padStart(6)}  ${String(r.timeout).padStart(7)}  ${String(r.survived).padStart(8)}  ${String(r.noCoverage).padStart(6)}`,
    );
}
process.exit(rows.some((r) => r.error || r.score < THRESHOLD) ? 1 : 0);
