// `npm run build:electron`: bundles the main process and the preload with esbuild into
// dist/app/main.cjs and dist/app/preload.cjs (CommonJS, Electron external), so the packaged app
// needs no node_modules. The sandboxed preload can only require('electron'), so it must be one file.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds main.cjs and preload.cjs into `outDir` (dist/app by default). */
export async function buildElectron(outDir = join(root, 'dist', 'app')): Promise<void> {
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    // Electron 45 runs Node 22 and Chromium 142.
    target: 'node22',
    external: ['electron'],
    sourcemap: false,
    legalComments: 'inline' as const,
    logLevel: 'warning' as const,
    absWorkingDir: root,
  };
  await Promise.all([
    build({
      ...common,
      // Services written as ES modules read import.meta.url; in CJS it is rebuilt from __filename.
      banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__import_meta_url' },
      entryPoints: ['electron/main.ts'],
      outfile: join(outDir, 'main.cjs'),
    }),
    // The preload is parsed at every page load: minified (it carries the contract's zod schemas).
    build({
      ...common,
      minify: true,
      entryPoints: ['electron/preload.ts'],
      outfile: join(outDir, 'preload.cjs'),
    }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildElectron();
  console.log('built dist/app/main.cjs and dist/app/preload.cjs');
}
