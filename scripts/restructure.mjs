#!/usr/bin/env node
// The folder restructure of issue 14 as a codemod, so it can be re-run on a tree where others kept
// adding files at the old paths: `node scripts/restructure.mjs [--dry-run]`.
//
// 1. Computes old → new paths by rules (below): directory prefixes, a few explicit files, and the unit
//    tests of test/unit/<topic>/, which go beside the module they test (see `subjectOf`).
// 2. Rewrites, in every text file of the repository (tracked or not, ignored ones excepted), every
//    relative string that names a file or folder (import/export/require/import()/vi.mock specifiers,
//    and paths such as `new URL('../../fixtures/x', import.meta.url)`): it is resolved against the
//    tree before the move, mapped, and re-relativised from the file's new place. Repository-root paths
//    (`electron/cli/main.ts` in package.json, configs, scripts, README, comments) are mapped too, and
//    lists of top-level folders (`{shared,electron,…}`, `["electron", "shared", …]`) gain the new ones.
// 3. `git mv`s the files, then writes the rewritten texts.
// It is idempotent: a second run finds nothing to move and nothing to rewrite, and says so.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const dryRun = process.argv.includes('--dry-run');
const SELF = 'scripts/restructure.mjs';
// Its test writes a tree in the old layout on purpose: its paths are data, not references.
const SELF_TEST = 'test/ci/restructure.test.ts';

// ---------------------------------------------------------------------------------------------- rules
/** Files that stay although a prefix rule below covers their folder: the Electron glue. */
const KEEP = new Set(['electron/ipc/register.ts', 'electron/ipc/register.test.ts']);
/** Single files that move on their own (checked before the prefixes). */
const FILE_MOVES = {
  'electron/app-services.ts': 'services/app-services.ts',
  'electron/app-services.test.ts': 'services/app-services.test.ts',
  // The browser harness: the loopback bridge and the server that runs it.
  'electron/ipc/http-bridge.ts': 'harness/http-bridge.ts',
  'electron/ipc/http-bridge.test.ts': 'harness/http-bridge.test.ts',
  'scripts/dev-web.ts': 'harness/dev-web.ts',
  // Test-only code out of the production folders.
  'shared/indicators/linear-index.ts': 'test/support/linear-index.ts',
  'shared/ipc/mock-api.ts': 'test/support/mock-api.ts',
  'shared/ipc/connection.fixture.ts': 'test/support/connection.fixture.ts',
  // Node code both the desktop services and the tally use (the tally never imports desktop code).
  // Keyed by the path after the folder moves below, so a tree moved by an earlier run follows too.
  'services/feed/keys.ts': 'node-shared/feed/keys.ts',
  'services/feed/keys.test.ts': 'node-shared/feed/keys.test.ts',
  'services/feed/verify-feed.ts': 'node-shared/feed/verify-feed.ts',
  'services/feed/atomic-write.ts': 'node-shared/atomic-write.ts',
  'services/input-file.ts': 'node-shared/input-file.ts',
  'electron/services/input-file.ts': 'node-shared/input-file.ts',
};
/** Folder moves, first match wins. */
const PREFIX_MOVES = [
  ['electron/services/', 'services/'],
  ['electron/settings/', 'services/settings/'],
  ['electron/cli/', 'cli/'],
  // The IPC handler table is used by main and by the harness: a service; registration stays in electron/.
  ['electron/ipc/', 'services/ipc/'],
  ['shared/feed/', 'shared/campaign-feed/'],
  ['shared/feeds/', 'shared/indicator-formats/'],
];
/** New top-level folders, added to lists of top-level folders that name `electron`. */
const NEW_TOP = ['services', 'cli', 'harness', 'node-shared'];
const UNIT = 'test/unit/';

const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEXT =
  /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md|yml|yaml|sh|html|css|txt|cmd)$|(^|\/)(run|\.gitattributes|\.prettierignore|\.gitignore)$/;
const SKIP = [/^test\/fixtures\//, /^package-lock\.json$/, /^assets\//, /(^|\/)node_modules\//, /^dist\//];
const RESOLVE_EXT = [
  '',
  '.ts',
  '.tsx',
  '.mts',
  '.js',
  '.mjs',
  '.cjs',
  '.json',
  '/index.ts',
  '/index.tsx',
  '/index.js',
];

// ------------------------------------------------------------------------------------------ the tree
const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\0')
  .filter((f) => f && existsSync(join(root, f)));
const files = new Set(listed);
const tracked = new Set(
  execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: root, encoding: 'utf8' }).split('\0'),
);
const dirs = new Set();
for (const f of files) for (let d = posix.dirname(f); d !== '.'; d = posix.dirname(d)) dirs.add(d);

/** The rule-based new path of a path (file or not), or the path itself. */
function mapByRules(p) {
  if (KEEP.has(p)) return p;
  if (FILE_MOVES[p]) return FILE_MOVES[p];
  for (const [from, to] of PREFIX_MOVES) {
    if (p.startsWith(from)) {
      const q = to + p.slice(from.length);
      return FILE_MOVES[q] ?? q;
    }
  }
  return p;
}

const dirCache = new Map();
/** The new path of a folder, or null when its files go to different places. */
function mapDir(d) {
  if (!dirCache.has(d)) dirCache.set(d, mapDirUncached(d));
  return dirCache.get(d);
}
function mapDirUncached(d) {
  if (d === '') return '';
  for (const [from, to] of PREFIX_MOVES) {
    if (d === from.slice(0, -1)) return to.slice(0, -1);
    if (d.startsWith(from)) return to + d.slice(from.length);
  }
  const under = [...files].filter((f) => f.startsWith(`${d}/`));
  if (under.some((f) => moves.get(f) !== undefined && moves.get(f) !== f)) return null;
  return d;
}

// ------------------------------------------------------------------------------- reading specifiers
const STRING = /(['"`])((?:\.\.?\/)[^'"`\n$]*?)\1/g;
const TEMPLATE_DIR = /`(\.\.?\/[^`$\n]*\/)\$\{/g;
const SEGMENTS =
  /(dirname\(fileURLToPath\(import\.meta\.url\)\)|__dirname|import\.meta\.dirname)((?:\s*,\s*'[^'/\n]*')+)/g;
const IMPORT_FORMS = [
  /\b(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s+(['"])([^'"]+)\3/g,
  /\bimport\s+(['"])([^'"]+)\1/g,
  /\b(?:import|require|vi\.mock|vi\.importActual|vi\.doMock)\(\s*(['"])([^'"]+)\1/g,
];

/** A relative specifier resolved against the tree before the move: {path, suffix} or null. */
function resolveFrom(fromDir, spec) {
  const base = posix.normalize(posix.join(fromDir, spec)).replace(/\/$/, '');
  if (base.startsWith('..')) return null;
  if (base === '.') return { target: '', suffix: '', dir: true }; // the repository's root
  for (const ext of RESOLVE_EXT) {
    const c = base + ext;
    if (files.has(c)) return { target: c, suffix: ext, dir: false };
    // A file already moved by an earlier run (an import written by someone who did not see it move).
    const m = planned(c);
    if (m !== c && files.has(m)) return { target: c, suffix: ext, dir: false, moved: m };
  }
  if (/\.js$/.test(base) && files.has(base.replace(/\.js$/, '.ts')))
    return { target: base.replace(/\.js$/, '.ts'), suffix: '', jsForTs: true, dir: false };
  if (dirs.has(base)) return { target: base, suffix: '', dir: true };
  const md = mapDir(base);
  if (md && md !== base && dirs.has(md)) return { target: base, suffix: '', dir: true, moved: md };
  return null;
}

/** Relative imports of a code file, resolved, in order: [{target, type}] (type: `import type`). */
function importsOf(file, text) {
  const out = [];
  for (const re of IMPORT_FORMS) {
    for (const m of text.matchAll(re)) {
      const type = re === IMPORT_FORMS[0] && Boolean(m[2]) && /^import/.test(m[1]);
      const spec = re === IMPORT_FORMS[0] ? m[4] : m[2];
      if (!spec.startsWith('.')) continue;
      const r = resolveFrom(posix.dirname(file), spec);
      if (r && !r.dir) out.push({ index: m.index, target: r.moved ?? r.target, type });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

// --------------------------------------------------------------------------------- the move plan
const moves = new Map();
/** The planned new path of an existing or hypothetical path. */
function planned(p) {
  return moves.get(p) ?? mapByRules(p);
}
for (const f of files) {
  if (f === SELF) continue;
  const to = mapByRules(f);
  if (to !== f) moves.set(f, to);
}

const stemOf = (f) => posix.basename(f).replace(/(\.windows)?(\.property)?\.test\.tsx?$/, '');
const isProduction = (p) => !p.startsWith('test/') && !planned(p).startsWith('test/') && CODE.test(p);

const DESKTOP = ['services', 'cli', 'electron', 'harness', 'renderer'];
const TOPS = new Set([...files].map((f) => planned(f).split('/')[0]));
/**
 * The folder of the module a unit test in test/unit/<topic>/ tests (its new place), or null when the
 * test imports no production value (it drives a program through its process) or imports both the
 * tally and desktop code (a cross-product test): those stay in test/<topic>/.
 * Looked at: the production modules it imports, itself or through the test helpers it imports, all
 * within the product `<topic>` names when it names one (test/unit/tally/ → tally/).
 * 1. the module of the test's name (`guard.test.ts` → `guard.ts`, `CheckScreen.test.tsx` →
 *    `CheckScreen.tsx`, or a folder's `index.ts`) in those products, when there is one;
 * 2. else the imported folder named like the topic (`test/unit/cleanup/` → `services/cleanup/`);
 * 3. else the folder it imports most values from (type-only imports do not count), the first on a tie.
 */
function subjectDirOf(test, topic) {
  const own = importsOf(test, readFileSync(join(root, test), 'utf8'));
  const viaHelpers = own
    .filter((i) => i.target.startsWith('test/') && CODE.test(i.target) && !/\.test\.tsx?$/.test(i.target))
    .flatMap((i) => importsOf(i.target, readFileSync(join(root, i.target), 'utf8')));
  const isProduct = TOPS.has(topic) && topic !== 'test';
  const inProduct = (p) => !isProduct || planned(p).split('/')[0] === topic;
  const values = [...own, ...viaHelpers].filter((i) => !i.type && isProduction(i.target));
  if (values.length === 0) return null;
  // A test of the desktop side against the tally (or the reverse) is a cross-product test: test/.
  const tops = new Set(values.map((i) => planned(i.target).split('/')[0]));
  if (tops.has('tally') && DESKTOP.some((t) => tops.has(t))) return null;
  const scoped = values.some((i) => inProduct(i.target)) ? values.filter((i) => inProduct(i.target)) : values;
  const stem = stemOf(test);
  const products = new Set(scoped.map((i) => planned(i.target).split('/')[0]));
  const named = [...files]
    .filter((p) => isProduction(p) && !/\.test\.tsx?$/.test(p) && products.has(planned(p).split('/')[0]))
    .filter(
      (p) =>
        posix.basename(p).replace(/\.(ts|tsx|mjs|js|cjs)$/, '') === stem ||
        (/\/index\.tsx?$/.test(p) && posix.basename(posix.dirname(p)) === stem),
    );
  if (named.length === 1) return posix.dirname(planned(named[0]));
  const topicNames = new Set([topic]);
  for (const [from, to] of PREFIX_MOVES)
    if (posix.basename(from.slice(0, -1)) === topic) topicNames.add(posix.basename(to.slice(0, -1)));
  const dirsOf = scoped.map((i) => posix.dirname(planned(i.target)));
  const topical = dirsOf.find((d) => topicNames.has(posix.basename(d)));
  if (topical) return topical;
  const counts = new Map();
  for (const d of dirsOf) counts.set(d, (counts.get(d) ?? 0) + 1);
  let best = dirsOf[0];
  for (const d of dirsOf) if (counts.get(d) > counts.get(best)) best = d;
  return best;
}

const taken = new Set([...files].filter((f) => !moves.has(f)));
for (const m of moves.values()) taken.add(m);
for (const f of [...files].sort()) {
  if (!f.startsWith(UNIT) || f === SELF) continue;
  const rest = f.slice(UNIT.length);
  const topic = rest.split('/')[0];
  const name = posix.basename(f);
  let to;
  if (/\.test\.tsx?$/.test(f)) {
    const dir = subjectDirOf(f, topic) ?? `test/${topic}`;
    to = `${dir}/${name}`;
    if (taken.has(to))
      to = `${dir}/${name.replace(/((\.windows)?(\.property)?\.test\.tsx?)$/, `.${topic}$1`)}`;
  } else {
    to = `test/support/${rest}`;
  }
  taken.add(to);
  moves.set(f, to);
}

// ----------------------------------------------------------------------------------- rewriting
const warnings = [];

/** A relative string in a code file, rewritten for the target's and the file's new places. */
function rewriteRelative(file, newFile, spec) {
  const r = resolveFrom(posix.dirname(file), spec);
  if (!r) return spec;
  const newTarget = r.moved ?? (r.dir ? mapDir(r.target) : planned(r.target));
  if (newTarget === null) {
    warnings.push(`${file}: '${spec}' names a folder whose files move to different places; left as is`);
    return spec;
  }
  if (newFile === file && newTarget === r.target) return spec;
  if (r.suffix && !newTarget.endsWith(r.suffix)) return spec;
  // The specifier's own form is kept: no extension stays no extension, a folder stays a folder.
  let rel =
    posix.relative(posix.dirname(newFile), newTarget.slice(0, newTarget.length - r.suffix.length)) || '.';
  if (r.jsForTs) rel = rel.replace(/\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  if (spec.endsWith('/') && !rel.endsWith('/')) rel += '/';
  return rel;
}

/** A repository-root path (`electron/cli/main.ts`, `electron/services/`, a glob), mapped. */
function rewriteRootPath(token) {
  const trail = /[.,:;)]+$/.exec(token)?.[0] ?? '';
  const p = token.slice(0, token.length - trail.length);
  const bare = p.replace(/\/$/, '');
  if (!bare) return token;
  let mapped;
  if (files.has(bare)) mapped = planned(bare);
  else if (dirs.has(bare)) mapped = mapDir(bare);
  else mapped = mapByRules(bare);
  if (mapped === null || mapped === bare) {
    if (mapped === null && !/[*{]/.test(bare) && bare.split('/').length > 1)
      warnings.push(`'${bare}' names a folder whose files move to different places; left as is`);
    return token;
  }
  return mapped + (p.endsWith('/') ? '/' : '') + trail;
}

const ROOT_TOKEN = /(^|[^\w./@-])((?:electron|services|shared|scripts|test)\/[\w./*@{},-]*)/g;
const ROOT_TOKEN_TEXT =
  /(^|[^\w./@-]|(?<![\w.])\.\/)((?:electron|services|shared|scripts|test)\/[\w./*@{},-]*)/g;

/** Adds the new top-level folders to a list of top-level folders that names `electron`. */
function widenTopLists(text) {
  let out = text.replace(/\{([a-z,]+)\}/g, (all, inner) => {
    const items = inner.split(',');
    if (!items.includes('electron') || !items.includes('shared')) return all;
    const add = NEW_TOP.filter((t) => !items.includes(t));
    if (add.length === 0) return all;
    items.splice(items.indexOf('electron') + 1, 0, ...add);
    return `{${items.join(',')}}`;
  });
  out = out.replace(/\[[^\]\n]*\]/g, (all) => {
    const q = /(['"])electron\1/.exec(all);
    if (!q || !new RegExp(`${q[1]}shared${q[1]}`).test(all)) return all;
    const add = NEW_TOP.filter((t) => !all.includes(`${q[1]}${t}${q[1]}`));
    if (add.length === 0) return all;
    return all.replace(q[0], [q[0], ...add.map((t) => `${q[1]}${t}${q[1]}`)].join(', '));
  });
  return out;
}

const writes = [];
for (const file of [...files].sort()) {
  if (file === SELF || file === SELF_TEST || !TEXT.test(file) || SKIP.some((re) => re.test(file))) continue;
  const newFile = planned(file);
  const before = readFileSync(join(root, file), 'utf8');
  let text = before;
  if (CODE.test(file)) {
    text = text.replace(STRING, (all, q, spec) => `${q}${rewriteRelative(file, newFile, spec)}${q}`);
    // `../../fixtures/${name}`: the folder before the first substitution.
    text = text.replace(TEMPLATE_DIR, (all, spec) => `\`${rewriteRelative(file, newFile, spec)}\${`);
    // join(dirname(fileURLToPath(import.meta.url)), '..', '..'): the segments, as one path.
    text = text.replace(SEGMENTS, (all, base, segs) => {
      const parts = [...segs.matchAll(/'([^'/]*)'/g)].map((m) => m[1]);
      if (parts[0] !== '..' && parts[0] !== '.') return all;
      const spec = parts.join('/');
      const next = rewriteRelative(file, newFile, spec.startsWith('.') ? spec : `./${spec}`);
      if (next === spec) return all;
      const out = next.split('/').filter((p, i) => p !== '' && !(p === '.' && i === 0 && next !== '.'));
      return `${base}${out.map((p) => `, '${p}'`).join('')}`;
    });
    text = text.replace(ROOT_TOKEN, (all, pre, token) => pre + rewriteRootPath(token));
  } else {
    text = text.replace(ROOT_TOKEN_TEXT, (all, pre, token) => pre + rewriteRootPath(token));
  }
  if (!/\.md$/.test(file)) text = widenTopLists(text);
  if (text !== before) writes.push({ file, newFile, text, lines: countChanged(before, text) });
}

function countChanged(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  let n = 0;
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) n++;
  return n;
}

// ------------------------------------------------------------------------------------ applying
const moveList = [...moves].filter(([from, to]) => from !== to).sort(([a], [b]) => a.localeCompare(b));
for (const [from, to] of moveList) {
  if (files.has(to)) throw new Error(`${from} → ${to}: the target exists already; move it by hand first`);
}
console.log(
  `restructure: ${moveList.length} files to move, ${writes.length} files to rewrite${dryRun ? ' (dry run)' : ''}`,
);
for (const [from, to] of moveList) {
  console.log(`  mv ${from} → ${to}`);
  if (dryRun) continue;
  mkdirSync(dirname(join(root, to)), { recursive: true });
  if (tracked.has(from)) execFileSync('git', ['mv', from, to], { cwd: root });
  else renameSync(join(root, from), join(root, to));
}
// Folders the moves emptied (git does not keep them) are removed, deepest first.
if (!dryRun) {
  const emptied = [...new Set(moveList.map(([from]) => posix.dirname(from)))].sort(
    (a, b) => b.length - a.length,
  );
  for (let d of emptied) {
    while (d !== '.' && existsSync(join(root, d)) && readdirSync(join(root, d)).length === 0) {
      rmdirSync(join(root, d));
      d = posix.dirname(d);
    }
  }
}
for (const w of writes) {
  console.log(`  edit ${w.newFile} (${w.lines} line${w.lines === 1 ? '' : 's'})`);
  if (!dryRun) writeFileSync(join(root, w.newFile), w.text);
}
// Shorter or longer paths change line lengths: the edited files are formatted as `npm run lint` wants.
const prettier = join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
if (!dryRun && writes.length > 0 && existsSync(prettier)) {
  execFileSync(
    process.execPath,
    [prettier, '--write', '--ignore-unknown', '--log-level', 'warn', ...writes.map((w) => w.newFile)],
    { cwd: root, stdio: 'inherit' },
  );
  console.log(`  prettier --write on the ${writes.length} edited files`);
}
for (const w of [...new Set(warnings)]) console.log(`  warning: ${w}`);
if (moveList.length === 0 && writes.length === 0)
  console.log('  nothing to do: the tree is already restructured');
