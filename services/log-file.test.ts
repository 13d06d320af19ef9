// main.log rotation by size, on real files.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../shared/logger';
import { openLogFile } from './log-file';

const dir = mkdtempSync(join(tmpdir(), 'log-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (n: number): LogRecord => ({
  time: `2026-12-02T07:00:${String(n % 60).padStart(2, '0')}.000Z`,
  level: 'info',
  scope: 'scan',
  message: `record ${n} ${'x'.repeat(60)}`,
});
const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
const numbers = (f: string) => lines(f).map((l) => Number(/record (\d+)/.exec(l)![1]));

describe('openLogFile', () => {
  it('rotates past the size limit, keeps three files in all, never splits a record, drops the oldest', async () => {
    const file = join(dir, 'logs', 'main.log');
    const log = openLogFile(file, { maxBytes: 1000, files: 3 });
    for (let n = 0; n < 100; n++) log.write(record(n));
    await log.flushed();
    for (const f of [file, `${file}.1`, `${file}.2`]) {
      expect(statSync(f).size).toBeLessThanOrEqual(1000);
      for (const l of lines(f)) expect(() => JSON.parse(l) as unknown).not.toThrow();
    }
    expect(existsSync(`${file}.3`)).toBe(false);
    // Newest in main.log, older in .1, older still in .2, each in order and contiguous.
    const all = [...numbers(`${file}.2`), ...numbers(`${file}.1`), ...numbers(file)];
    expect(all.at(-1)).toBe(99);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => 100 - all.length + i));
    expect(all.length).toBeLessThan(100);
  });

  it('counts what an earlier run left in the file', async () => {
    const file = join(dir, 'earlier.log');
    writeFileSync(file, `${'y'.repeat(950)}\n`);
    const log = openLogFile(file, { maxBytes: 1000 });
    log.write(record(1));
    await log.flushed();
    expect(readFileSync(`${file}.1`, 'utf8')).toBe(`${'y'.repeat(950)}\n`);
    expect(numbers(file)).toEqual([1]);
  });
});
