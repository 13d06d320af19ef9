#!/usr/bin/env node
// The `sachmadoc` command (package.json "bin", npm run scan / feed). Runs the compiled bundle
// dist/cli/sachmadoc.mjs (scripts/build-cli.mjs): no TypeScript at run time. In a checkout the
// bundle is (re)built first when it is missing or older than the sources, so an edit is never
// run stale; an install without the sources runs the bundle it ships.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
/** What the bundle is made from: a change to any of these makes it stale. */
const sourceDirs = ['cli', 'services', 'node-shared', 'shared', join('assets', 'signatures')];

/** Newest modification time (ms) of the CLI's sources. */
function newestSourceTime() {
  let newest = 0;
  for (const dir of sourceDirs) {
    for (const e of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const t = statSync(join(e.parentPath, e.name)).mtimeMs;
      if (t > newest) newest = t;
    }
  }
  return newest;
}

async function start() {
  const bundle = join(root, 'dist', 'cli', 'sachmadoc.mjs');
  if (existsSync(join(root, 'cli', 'main.ts'))) {
    const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
    if (built < newestSourceTime()) {
      const builder = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
      await builder.buildCli(bundle);
    }
  }
  // The bundle no longer sits where the services compute their assets folder from.
  if (!process.env.SACHMADOC_ASSETS_DIR) process.env.SACHMADOC_ASSETS_DIR = join(root, 'assets');
  const cli = await import(pathToFileURL(bundle).href);
  await cli.main(process.argv.slice(2));
}

start().catch((e) => {
  // One line, no stack: the same contract as the commands themselves (exit 2 on error).
  process.stderr.write(`sachmadoc: ${e && e.message ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
