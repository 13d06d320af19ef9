// Bundles the tally command line (tally/cli.ts) with esbuild into dist/tally/cli.mjs, so
// `npm run tally` runs compiled JavaScript: no tsx, no TypeScript at run time (issue 18: start-up
// ≤ 4× `node -e 0`). Packages stay external (better-sqlite3 and pg load their native parts from
// node_modules as before). Files found at run time (the SQLite writer worker, the migrations, the
// dashboard) are still found beside their sources: each module's `import.meta.url` is rewritten to
// its source file's URL, computed from the bundle's own place.
// bin/tally.cjs calls buildTally() when the bundle is missing or older than the sources.
import { build } from 'esbuild';
import { readFile, renameSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const tallyBundlePath = join(root, 'dist', 'tally', 'cli.mjs');
const read = promisify(readFile);

/** Builds the bundle (written beside, then renamed: concurrent callers never read half a file). */
export async function buildTally(out = tallyBundlePath) {
  const tmp = `${out}.${process.pid}.tmp`;
  const outDir = dirname(out);
  await build({
    absWorkingDir: root,
    entryPoints: ['tally/cli.ts'],
    outfile: tmp,
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
  renameSync(tmp, out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildTally();
  console.log(`built ${tallyBundlePath}`);
}
