// Bundles the `sachmadoc` command line (cli/main.ts) with esbuild into
// dist/cli/sachmadoc.mjs, so the command runs compiled JavaScript: no tsx, no TypeScript at run time.
// bin/sachmadoc.cjs calls buildCli() when the bundle is missing or older than the sources (it checks
// that itself, so a normal run never loads esbuild).
import { build } from 'esbuild';
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = join(root, 'dist', 'cli', 'sachmadoc.mjs');
/** Builds the bundle (written beside, then renamed: concurrent callers never read half a file). */
export async function buildCli(out = bundlePath) {
  // The log hunt's worker thread (services/hunt/hunt-worker.ts) beside the command, where
  // services/hunt/workers.ts looks for it: several files are read on several cores.
  const worker = join(dirname(out), 'hunt-worker.mjs');
  await Promise.all([bundle('cli/main.ts', out), bundle('services/hunt/hunt-worker.ts', worker)]);
  return out;
}

async function bundle(entry, out) {
  const tmp = `${out}.${process.pid}.tmp`;
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies written in CommonJS call require(): give the ES module bundle one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    legalComments: 'none',
    // Smaller text to parse at every start; names are kept for readable error messages.
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  });
  renameSync(tmp, out);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildCli();
  console.log(`built ${bundlePath}`);
}
