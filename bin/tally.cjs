#!/usr/bin/env node
// `npm run tally -- …`: runs the compiled bundle dist/tally/cli.mjs (scripts/build-tally.mjs), no
// TypeScript at run time. The bundle is (re)built first when it is missing or older than the
// sources it is made from, so an edit is never run stale.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const sourceDirs = ['tally', 'node-shared', 'shared'];

/** Newest modification time (ms) of the TypeScript sources (tally/data and the like are not sources). */
function newestSourceTime() {
  let newest = 0;
  for (const dir of sourceDirs) {
    for (const e of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith('.ts')) continue;
      const t = statSync(join(e.parentPath, e.name)).mtimeMs;
      if (t > newest) newest = t;
    }
  }
  return newest;
}

async function start() {
  const bundle = join(root, 'dist', 'tally', 'cli.mjs');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (built < newestSourceTime()) {
    const builder = await import(pathToFileURL(join(root, 'scripts', 'build-tally.mjs')).href);
    await builder.buildTally(bundle);
  }
  await import(pathToFileURL(bundle).href); // runs the command (tally/cli.ts calls main itself)
}

start().catch((e) => {
  process.stderr.write(`tally: ${e && e.message ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
