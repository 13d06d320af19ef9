// Every input the command line reads, at its worst: a FIFO, a directory, a device, a 300 MB
// capture, a UTF-16 capture cut short, control characters in captures and feeds, a reader that goes
// away (`scan --json | head`), and a --watch stopped early. Real files, real processes.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { runCli } from './main';
import { sha256File } from '../services/cleanup/evidence';
import { readInputFile } from '../node-shared/input-file';
import type { Connection } from '../shared/domain';
import { cliIn } from '../test/support/cli';

const repo = fileURLToPath(new URL('../', import.meta.url));
const fixtures = join(repo, 'test', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const netstatText = readFileSync(join(fixtures, 'netstat/ano-en-htb.txt'), 'utf8');
const feed = join(dir, 'feed.txt');
writeFileSync(feed, '10.10.14.0/24\n');
const fifo = join(dir, 'netstat.fifo');
execFileSync('mkfifo', [fifo]);

const run = cliIn(dir);
const oneLine = (r: { code: number; err: string }) => {
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
  return r.err;
};

describe('regular files only, with a cap', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const line = oneLine(await run('scan', '--netstat', fifo, '--feed', feed));
    expect(line).toContain(`${fifo}: tệp lưu kết quả lệnh là ống FIFO`);
    expect(line).toContain('is a FIFO, not a regular file');
  });

  it('refuses a directory and a device', async () => {
    expect(oneLine(await run('scan', '--netstat', dir, '--feed', feed))).toContain(
      'is a directory, not a regular file',
    );
    expect(oneLine(await run('scan', '--netstat', '/dev/zero', '--feed', feed))).toContain(
      'is a device, not a regular file',
    );
    expect(
      oneLine(
        await run('scan', '--netstat', join(fixtures, 'netstat/ano-en-htb.txt'), '--feed', '/dev/urandom'),
      ),
    ).toContain('/dev/urandom: danh sách địa chỉ độc hại là thiết bị');
  });

  it('refuses a 300 MB capture in under a second', async () => {
    const big = join(dir, 'big-netstat.txt');
    writeFileSync(big, netstatText);
    truncateSync(big, 300 * 1024 * 1024); // sparse: the size a person's wrong file would have
    const t0 = performance.now();
    const line = oneLine(await run('scan', '--netstat', big, '--feed', feed));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(line).toContain('too large (300 MB), at most 64 MB');
    rmSync(big);
  });

  it('feed verify and evidence hashing refuse a FIFO too; a regular file still reads and hashes', async () => {
    const verify = await run('feed', 'verify', fifo);
    expect(verify.code).toBe(2);
    expect(verify.err).toContain('is a FIFO, not a regular file');
    await expect(sha256File(fifo)).rejects.toThrow(/is a FIFO, not a regular file/);
    expect(await sha256File(feed)).toBe(createHash('sha256').update('10.10.14.0/24\n').digest('hex'));
    expect(Buffer.from(await readInputFile(feed, 'feed')).toString()).toBe('10.10.14.0/24\n');
  });
});

describe('truncated UTF-16 captures', () => {
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  it('warns when a UTF-16 capture is cut at an odd byte', async () => {
    const bytes = utf16(netstatText);
    const cut = join(dir, 'odd.txt');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3));
    const r = await run('scan', '--json', '--netstat', cut, '--feed', feed);
    expect(r.err).toMatch(/odd\.txt:\d+: .*cut at an odd byte: it is truncated/);
  });

  it('warns when the rows stop mid-line, and not for a whole capture', async () => {
    const bytes = utf16(netstatText);
    const mid = join(dir, 'mid.txt');
    writeFileSync(mid, bytes.subarray(0, bytes.length - 20));
    expect((await run('scan', '--json', '--netstat', mid, '--feed', feed)).err).toContain(
      'the last row stops mid-line: the file is truncated',
    );
    const whole = join(dir, 'whole.txt');
    writeFileSync(whole, bytes);
    expect((await run('scan', '--json', '--netstat', whole, '--feed', feed)).err).not.toContain('truncated');
  });
});

describe('control characters from captures and feeds never reach the terminal', () => {
  it('escapes ESC and BEL in the table, the warnings and the errors', async () => {
    const tasklist = join(dir, 'tasklist.csv');
    writeFileSync(
      tasklist,
      '"\u001b[2J\u001b[Hsvchost.exe\u0007","972","Services","0","12,300 K","Unknown","N/A","0:00:01","N/A"\r\n',
    );
    const badFeed = join(dir, 'bad-feed.txt');
    writeFileSync(
      badFeed,
      '10.10.14.0/24\n192.0.2.1\n198.51.100.7\nevil.example\n203.0.113.0/24\n\u001b]0;owned\u0007not an indicator\u001b[31m\n',
    );
    const table = await run(
      'scan',
      '--netstat',
      join(fixtures, 'netstat/ano-en-htb.txt'),
      '--tasklist',
      tasklist,
      '--feed',
      badFeed,
    );
    expect(table.code).toBe(1);
    for (const text of [table.out, table.err]) {
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(table.out).toContain('\\u001b[2J\\u001b[Hsvchost.exe\\u0007');
    expect(table.err).toContain('bad-feed.txt:6:');

    const json = await run(
      'scan',
      '--json',
      '--netstat',
      join(fixtures, 'netstat/ano-en-htb.txt'),
      '--tasklist',
      tasklist,
      '--feed',
      badFeed,
    );
    const report = JSON.parse(json.out) as { connections: Connection[] };
    // Still the same JSON value: the escape is JSON's own.
    expect(report.connections.some((c) => c.processName === '\u001b[2J\u001b[Hsvchost.exe\u0007')).toBe(true);

    const err = await run('scan', '--netstat', '/no/such/\u001b[31mfile', '--feed', feed);
    expect(err.err).toContain('\\u001b[31mfile');
    expect(err.err).not.toContain('\u001b');
  });
});

describe('scan --json | head', () => {
  it('exits quietly when the reader goes away (EPIPE), without a stack trace', async () => {
    const child = spawn(
      process.execPath,
      [
        'bin/sachmadoc.cjs',
        'scan',
        '--json',
        '--netstat',
        join(fixtures, 'netstat/ano-en-htb.txt'),
        '--feed',
        feed,
      ],
      {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SACHMADOC_DATA_DIR: join(dir, 'data') },
      },
    );
    child.stdout.destroy(); // `head` has read what it wanted and left
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(err).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(1); // the scan's own status: findings
  }, 60_000);
});

describe('--watch stopped early', () => {
  it('reports the seconds it really ran, not the seconds asked for', async () => {
    writeFileSync(join(dir, 'w-feed.txt'), '203.0.113.9\n');
    const stop = new AbortController();
    let t = 0;
    let n = 0;
    const io = memoryIo({ cwd: dir });
    await runCli(['scan', '--watch', '60', '--json', '--feed', 'w-feed.txt'], io, {
      platform: 'linux',
      readFile: (p) =>
        p === '/etc/hosts'
          ? Promise.reject(Object.assign(new Error('no hosts'), { code: 'ENOENT' }))
          : readFile(p),
      connections: {
        list: () => {
          // Ctrl+C during the 13th sample, 3 s in.
          if (++n === 13) stop.abort();
          return Promise.resolve({ connections: [], warnings: [] });
        },
      },
      now: () => t,
      sleep: (ms) => {
        t += ms;
        return Promise.resolve();
      },
      signal: stop.signal,
    });
    const report = JSON.parse(io.out.join('')) as { watch: Record<string, unknown> };
    expect(report.watch).toEqual({
      seconds: 3,
      samples: 13,
      maxGapMs: 250,
      requestedSeconds: 60,
      stoppedEarly: true,
    });
    expect(io.err.join('')).toContain('Stopped early after 3 s (of 60 s requested)');
  });
});
