// Crash safety of the one file write (issue 14): a process killed with SIGKILL in the middle of
// rewriting a file leaves the old content or the new one, whole, never a torn or empty file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SIZE = 8 * 1024 * 1024;
// Each case starts Node with tsx; on a loaded 2-core machine that can take seconds.
const SLOW = 120_000;

/** Starts the writer and SIGKILLs it when `killWhen` matches a line it printed; resolves on exit. */
function runAndKill(
  file: string,
  mode: 'loop' | 'pause',
  killWhen: (line: string) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(here, '..', 'test', 'support', 'fs', 'atomic-writer-child.ts'),
        file,
        mode,
        String(SIZE),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      if (lines.some(killWhen)) child.kill('SIGKILL');
    });
    child.once('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited on its own: ${err}`)),
    );
  });
}

/** The file is one of the two whole contents the writer alternates. */
function expectWhole(file: string): void {
  const bytes = readFileSync(file);
  expect(bytes.length).toBe(SIZE);
  const first = bytes[0];
  expect([0x41, 0x42]).toContain(first);
  expect(bytes.every((b) => b === first)).toBe(true);
}

describe('writeFileAtomic under kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'killed between the durable temp file and the rename: the old file is intact',
    { timeout: SLOW },
    async () => {
      const file = join(dir, 'paused.bin');
      await runAndKill(file, 'pause', (l) => l === 'paused');
      const bytes = readFileSync(file);
      expect(bytes.length).toBe(SIZE);
      expect(bytes.every((b) => b === 0x41)).toBe(true);
      // The new content reached its temp file beside the target, and only there.
      const temps = readdirSync(dir).filter((n) => n.startsWith('.paused.bin.') && n.endsWith('.tmp'));
      expect(temps).toHaveLength(1);
      expect(readFileSync(join(dir, temps[0])).every((b) => b === 0x42)).toBe(true);
    },
  );

  it(
    'killed at the start of a rewrite, many times: always a whole old or new file',
    { timeout: SLOW },
    async () => {
      const file = join(dir, 'loop.bin');
      // Kill as the 2nd, 3rd… write starts: the file exists, and the kill lands during that write.
      for (const n of [1, 2, 3, 5, 8]) {
        await runAndKill(file, 'loop', (l) => l === `write ${n}`);
        expectWhole(file);
      }
    },
  );
});
