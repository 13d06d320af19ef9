// `npm run dev:web -- --port N [--feed FILE] [--data DIR]`: the browser harness. The real renderer
// (dist/renderer, built if needed) runs in any browser against the real Node services, through the
// SAME handler table as Electron's main, served by the loopback bridge in harness/http-bridge.ts.
// --data keeps settings and the feed cache between runs (default: a fresh temporary folder).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppServices } from '../services/app-services';
import { createHandlers, updateFeedAtStart } from '../services/ipc/handlers';
import { startTallyRetries } from '../services/ipc/tally-handlers';
import { createHttpBridge } from './http-bridge';
import { createSettingsStore } from '../services/settings/settings-store';
import { createLastCheckStore } from '../services/scan/last-check';
import { createLogger, setLogSink } from '../shared/logger';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = join(root, 'dist', 'renderer');
const log = createLogger('dev-web');
setLogSink((r) => process.stderr.write(`${JSON.stringify(r)}\n`), 'info');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when dist/renderer is missing or older than its sources. */
function buildIfNeeded(): void {
  const index = join(rendererDir, 'index.html');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  process.stderr.write('Building the renderer (vite)…\n');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0)
    throw new Error(
      `renderer build failed (exit ${r.status ?? r.signal}); run "npm run build:renderer" to see why`,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5317' },
      feed: { type: 'string' },
      data: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${values.port}"`);
  buildIfNeeded();

  const dataDir = values.data ? resolve(values.data) : await mkdtemp(join(tmpdir(), 'sachmadoc-web-'));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const services = await createAppServices({
    appVersion: pkg.version,
    dataDir,
    assetsDir: join(root, 'assets'),
    ...(values.feed ? { feedFile: values.feed } : {}),
    logger: createLogger('services'),
  });
  const bridge = createHttpBridge({ rendererDir, logger: log });
  const settings = createSettingsStore({
    file: join(dataDir, 'settings.json'),
    logger: createLogger('settings'),
  });
  const handlers = createHandlers({
    version: pkg.version,
    platform: process.platform,
    services,
    settings,
    lastCheck: createLastCheckStore({ file: join(dataDir, 'last-check.json'), logger: createLogger('scan') }),
    emit: bridge.emit,
    glue: {
      runtime: 'harness',
      // The harness does not launch a browser on the server's machine: the page shows the URL instead.
      openInBrowser: () => Promise.resolve(false),
      copyText: () => Promise.resolve(false),
      saveExport: (file) => Promise.resolve({ kind: 'download', ...file }),
    },
  });

  const origin = await bridge.listen(handlers, port);
  updateFeedAtStart(handlers, createLogger('feed'));
  void startTallyRetries({ services, settings, emit: bridge.emit }, createLogger('tally'));
  console.log(`Sạch Mã Độc web harness: ${origin}/`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`dev:web: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
