// Bundles the tally command line (tally/cli.ts) with esbuild into dist/tally/cli.mjs, so
// `npm run tally` runs compiled JavaScript: no tsx, no TypeScript at run time (issue 18: start-up
// ≤ 4× `node -e 0`). Packages stay external (better-sqlite3 and pg load their native parts from
// node_modules as before). Files found at run time (the SQLite writer worker, the migrations, the
// dashboard) are still found beside their sources: each module's `import.meta.url` is rewritten to
// its source file's URL, computed from the bundle's own place.
// bin/tally.cjs calls buildTally() when the bundle is missing or older than the sources.
import { build } from 'esbuild';
import { mkdirSync, readFile, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const tallyBundlePath = join(root, 'dist', 'tally', 'cli.mjs');
const read = promisify(readFile);

/**
 * Builds the bundle: the entry `out` and, beside it, the chunks the verbs import when they run
 * (code splitting keeps Fastify, pg, better-sqlite3 and the report writers out of start-up).
 * Everything is written into a sibling directory at the same depth, then renamed file by file,
 * chunks first (their names carry a content hash): concurrent callers never read half a file.
 */
export async function buildTally(out = tallyBundlePath) {
  const outDir = dirname(out);
  const tmpDir = `${outDir}.${process.pid}.tmp`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      [basename(out, '.mjs')]: 'tally/cli.ts',
      // The SQLite store's thread, compiled too (no tsx loader in the thread at run time).
      'sqlite-writer-worker': 'tally/store/sqlite-writer-worker.ts',
    },
    define: {
      TALLY_BUNDLED_WORKER: JSON.stringify(
        relative(join(root, 'tally', 'store'), join(outDir, 'sqlite-writer-worker.mjs'))
          .split('\\')
          .join('/'),
      ),
    },
    outdir: tmpDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    legalComments: 'none',
    keepNames: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'source-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async (args) => {
            let contents = await read(args.path, 'utf8');
            if (contents.includes('import.meta.url')) {
              const rel = relative(outDir, args.path).split('\\').join('/');
              contents = contents.replaceAll(
                'import.meta.url',
                `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
              );
            }
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  const entry = `${basename(out)}`;
  // Chunks first, then the worker, the entry last.
  const built = new Set(readdirSync(tmpDir));
  const rank = (f) => (f === entry ? 2 : f.startsWith('chunk-') ? 0 : 1);
  for (const f of readdirSync(tmpDir).sort((a, b) => rank(a) - rank(b)))
    renameSync(join(tmpDir, f), join(outDir, f));
  rmSync(tmpDir, { recursive: true, force: true });
  // Chunks of earlier builds, once no process started from them can still be loading them.
  for (const f of readdirSync(outDir))
    if (f.startsWith('chunk-') && !built.has(f) && Date.now() - statSync(join(outDir, f)).mtimeMs > 600_000)
      rmSync(join(outDir, f), { force: true });
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildTally();
  console.log(`built ${tallyBundlePath}`);
}
