#!/usr/bin/env node
// The `sachmadoc` command (package.json "bin"). Runs a prebuilt bundle when one exists
// (dist/cli/sachmadoc.mjs, for installs without dev tools), else the TypeScript sources through
// tsx's API, so `npx sachmadoc scan` works straight from a checkout.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

async function start() {
  const bundle = join(__dirname, '..', 'dist', 'cli', 'sachmadoc.mjs');
  let cli;
  if (existsSync(bundle)) {
    cli = await import(pathToFileURL(bundle).href);
  } else {
    // The ESM build of tsx's API: its CommonJS build cannot load ESM modules with top-level await.
    const { tsImport } = await import('tsx/esm/api');
    cli = await tsImport(pathToFileURL(join(__dirname, '..', 'electron', 'cli', 'main.ts')).href, __filename);
  }
  await cli.main(process.argv.slice(2));
}

start().catch((e) => {
  // One line, no stack: the same contract as the commands themselves (exit 2 on error).
  process.stderr.write(`sachmadoc: ${e && e.message ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
