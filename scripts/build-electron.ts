// `npm run build:electron`: bundles the main process and the preload with esbuild into
// dist/app/main.cjs and dist/app/preload.cjs (CommonJS, Electron external), so the packaged app
// needs no node_modules. The sandboxed preload can only require('electron'), so it must be one file.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agencyKeysDefine, pinFeedKeys } from './pin-feed-keys';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds main.cjs and preload.cjs into `outDir` (dist/app by default), with the agency's production
 * feed keys pinned into main (scripts/pin-feed-keys.ts); `release` makes a missing key an error.
 */
export async function buildElectron(
  outDir = join(root, 'dist', 'app'),
  opts: { release?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<{ keyIds: string[] | null }> {
  const pinned = await pinFeedKeys({ root, env: opts.env ?? process.env, release: opts.release ?? false });
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
      define: {
        'import.meta.url': '__import_meta_url',
        ...agencyKeysDefine(pinned),
        // The agency's feed address (services/feed/default-url.ts); '' builds in none.
        __SACHMADOC_FEED_URL__: JSON.stringify((opts.env ?? process.env).SACHMADOC_FEED_URL ?? ''),
      },
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
  return { keyIds: pinned?.keyIds ?? null };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const release = process.argv.includes('--release') || process.env.SACHMADOC_RELEASE === '1';
  try {
    const { keyIds } = await buildElectron(undefined, { release });
    console.log('built dist/app/main.cjs and dist/app/preload.cjs');
    console.log(
      keyIds
        ? `feed keys pinned: ${keyIds.join(', ')}`
        : 'feed keys: none pinned; this DEVELOPMENT build trusts the TEST-ONLY keys of assets/keys/test (never give it to users)',
    );
  } catch (e) {
    console.error(`build:electron: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
