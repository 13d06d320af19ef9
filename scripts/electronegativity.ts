// `npm run electronegativity`: runs @doyensec/electronegativity on the app's sources (main, preload,
// renderer, shared; no tests, no node_modules), offline, with the project's TypeScript 5.9 instead
// of the 4.2 it ships (which cannot parse current syntax), and `-x AvailableSecurityFixesGlobalCheck`
// (that check downloads Electron's release list). The tool exits 0 whatever it finds, so this script
// reads its CSV (.reports/electronegativity.csv) and exits 1 on any finding, appending
// {"name":"electronegativity","ok":bool} to .reports/checks.json for the test summary.
//
// Two findings are "manual review" items that every Electron app with a preload and an external
// link has; they are listed in REVIEWED with what was reviewed. Each entry must match the exact
// file and code the tool quotes, so any new or changed occurrence fails again, and an entry that
// no longer matches anything fails too (the list cannot rot).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const reports = join(root, '.reports');
const csvPath = join(reports, 'electronegativity.csv');

const REVIEWED: { check: string; file: string; sample: string; why: string }[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main.ts',
    sample: "preload: join(appDir, 'dist', 'app', 'preload.cjs'),",
    why: 'The preload is ours, bundled, sandboxed and context-isolated; it exposes one frozen window.api derived from the IPC contract, with no ipcRenderer and no generic send (electron/preload.ts).',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'await shell.openExternal(url);',
    why: 'The URL is never from the page: main takes it from the signed feed (infoUrl/cleanupToolUrl) and opens it only if isAllowedExternal() accepts it (https, no credentials, host on the feed allow-list), checked in the handler and again right before this call.',
  },
];

/** Copies the app's own sources (no tests) into a staging folder the tool can walk. */
function stage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const child = join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (/\.(ts|tsx|html)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        mkdirSync(join(dir, rel), { recursive: true });
        cpSync(join(root, child), join(dir, child));
      }
    }
  };
  for (const top of ['electron', 'renderer', 'shared']) walk(top);
  // Makes the tool's `require('typescript')` load the project's TypeScript 5.9.
  writeFileSync(
    join(dir, '.use-project-typescript.cjs'),
    `const M = require('module'); const ts = ${JSON.stringify(require.resolve('typescript'))};
const orig = M._resolveFilename;
M._resolveFilename = function (request, ...rest) { return request === 'typescript' ? ts : orig.call(this, request, ...rest); };\n`,
  );
  return dir;
}

/** Minimal RFC 4180 reader (the tool quotes samples that contain commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) {
    endCell();
    rows.push(row);
  }
  return rows.map((r) => r.map((s) => s.trim()));
}

function record(ok: boolean): void {
  const file = join(reports, 'checks.json');
  const list: unknown[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
  list.push({ name: 'electronegativity', ok });
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
}

mkdirSync(reports, { recursive: true });
rmSync(csvPath, { force: true });
const staged = stage();
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const run = spawnSync(
  process.execPath,
  [
    '--require',
    join(staged, '.use-project-typescript.cjs'),
    cli,
    '-i',
    staged,
    '-o',
    csvPath,
    '-r',
    '-x',
    'AvailableSecurityFixesGlobalCheck',
  ],
  { encoding: 'utf8', timeout: 300_000 },
);
rmSync(staged, { recursive: true, force: true });
if (run.status !== 0 || !existsSync(csvPath)) {
  console.error(`electronegativity did not run (exit ${run.status ?? run.signal}):\n${run.stderr}`);
  record(false);
  process.exit(2);
}

const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8')).filter((r) => r.length > 1);
const col = (name: string) => header.findIndex((h) => h === name);
const findings = rows
  .map((r) => ({
    check: r[col('issue')],
    severity: r[col('severity')],
    file: r[col('filename')],
    location: r[col('location')],
    sample: r[col('sample')],
    description: r[col('description')],
  }))
  // The detected Electron version is reported as an INFORMATIONAL row, not a finding.
  .filter((f) => f.severity !== 'INFORMATIONAL');
const isReviewed = (f: (typeof findings)[number]) =>
  REVIEWED.some((r) => r.check === f.check && r.file === f.file && r.sample === f.sample);
const open = findings.filter((f) => !isReviewed(f));
const stale = REVIEWED.filter(
  (r) => !findings.some((f) => r.check === f.check && r.file === f.file && r.sample === f.sample),
);

for (const f of findings)
  console.log(
    `${isReviewed(f) ? 'reviewed' : 'FINDING '} ${f.check} ${f.severity} ${f.file}:${f.location} ${f.sample} — ${f.description}`,
  );
for (const r of stale)
  console.log(`STALE review entry (matches nothing now, remove it): ${r.check} ${r.file} ${r.sample}`);
const ok = open.length === 0 && stale.length === 0;
console.log(
  `electronegativity: ${open.length} finding(s), ${findings.length - open.length} reviewed, CSV at ${relative(root, csvPath)} → ${ok ? 'ok' : 'FAILED'}`,
);
record(ok);
process.exit(ok ? 0 : 1);
