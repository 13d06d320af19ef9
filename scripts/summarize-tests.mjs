// Reads the JSON reports of vitest, Playwright and the extra checks, and prints the one line CI
// reads: "N passed, N failed" (", N skipped" when any). Exits 1 on any failure or a missing report.
import { readFileSync, existsSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestPath, playwrightPath, checksPath] = process.argv.slice(2);

function load(path, what) {
  if (!path || !existsSync(path)) {
    console.error(`${what}: no report at ${path ?? '(none)'}: the run did not finish`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

const v = load(vitestPath, 'vitest');
if (v) {
  passed += v.numPassedTests;
  // A test file that fails to load (syntax error, missing import) has no failed test of its own:
  // vitest marks the file failed with a message and zero assertions. Count each such file as one
  // failure, or the line would read "N passed, 0 failed" on a broken suite.
  const brokenFiles = (v.testResults ?? []).filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  );
  for (const f of brokenFiles) console.error(`vitest: ${f.name} failed: ${(f.message ?? '').split('\n')[0]}`);
  failed += v.numFailedTests + brokenFiles.length;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (v.numTotalTests === 0) {
    console.error('vitest ran no test');
    failed += 1;
  }
}
const p = load(playwrightPath, 'playwright');
if (p) {
  passed += p.stats.expected + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected + (p.errors?.length ?? 0);
  skipped += p.stats.skipped;
  if (p.stats.expected + p.stats.unexpected === 0) {
    console.error('playwright ran no test');
    failed += 1;
  }
}
if (checksPath && existsSync(checksPath)) {
  // Non-test checks (electronegativity, typecheck...) append {"name", "ok"} records here.
  for (const c of JSON.parse(readFileSync(checksPath, 'utf8'))) {
    if (c.ok) passed += 1;
    else {
      failed += 1;
      console.error(`check failed: ${c.name}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
