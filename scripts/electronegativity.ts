// `npm run electronegativity`: runs @doyensec/electronegativity on the app's sources (main, preload,
// renderer, shared; no tests, no node_modules), offline, with the project's TypeScript 5.9 instead
// of the 4.2 it ships (which cannot parse current syntax), and `-x AvailableSecurityFixesGlobalCheck`
// (that check downloads Electron's release list). The tool exits 0 whatever it finds, so this script
// reads its CSV (.reports/electronegativity.csv) and exits 1 on any finding, appending
// {"name":"electronegativity","ok":bool} to .reports/checks.json for the test summary.
//
// Lines reviewed by a person carry the tool's own `/* eng-disable CHECK */` annotation with the
// reason beside it (electron/main.ts: the preload and openExternal), so the CSV itself must be empty.
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
  for (const top of ['electron', 'node-shared', 'services', 'cli', 'harness', 'renderer', 'shared'])
    walk(top);
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
// Every row ends with the check's wiki URL, whose last segment names the check: read it from there,
// because the tool sometimes writes the version row with its first cells missing.
const checkOf = (r: string[]) => /\/wiki\/([A-Z0-9_]+)$/.exec(r.at(-1) ?? '')?.[1] ?? r[col('issue')];
const findings = rows
  .map((r) => ({
    check: checkOf(r),
    severity: r[col('severity')],
    file: r[col('filename')],
    location: r[col('location')],
    sample: r[col('sample')],
    description: r[col('description')],
  }))
  // The detected Electron version is an INFORMATIONAL row (it only names the version), not a finding.
  .filter((f) => f.check !== 'ELECTRON_VERSION_JSON_CHECK' && f.severity !== 'INFORMATIONAL');
for (const f of findings)
  console.log(`FINDING ${f.check} ${f.severity} ${f.file}:${f.location} ${f.sample} — ${f.description}`);
const ok = findings.length === 0;
console.log(
  `electronegativity: ${findings.length} finding(s), CSV at ${relative(root, csvPath)} → ${ok ? 'ok' : 'FAILED'}`,
);
record(ok);
process.exit(ok ? 0 : 1);
