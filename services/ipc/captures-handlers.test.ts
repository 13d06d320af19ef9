// `captures:save` wired as the app wires it: the app services on "Windows" (a replay runner with
// recorded outputs), the folder under the captures folder, progress pushed per step, one save at a
// time, and a message a person can act on where there are no Windows commands.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Emit } from '../../shared/ipc/dispatch';
import { capturesProgressSchema, capturesSaveSchema } from '../../shared/ipc/hunt-schemas';
import { createLogger } from '../../shared/logger';
import { UserError } from '../../shared/errors';
import { createAppServices } from '../app-services';
import { commandKey, createReplayRunner } from '../command-runner';
import { createCaptureHandlers } from './captures-handlers';

const ROOT = resolve(__dirname, '../..');
const FIX = join(ROOT, 'test/fixtures');
const SYS = 'C:\\Windows\\System32';
const dir = mkdtempSync(join(tmpdir(), 'sachmadoc-captures-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function services(platform: NodeJS.Platform) {
  const netstat = readFileSync(join(FIX, 'netstat/ano-en-htb.txt'));
  return createAppServices({
    dataDir: join(dir, 'data'),
    assetsDir: join(ROOT, 'assets'),
    capturesDir: join(dir, 'Documents', 'SachMaDoc'),
    appVersion: '0.1.0',
    platform,
    env: { COMPUTERNAME: 'KETOAN-01', SystemRoot: 'C:\\Windows' },
    runner: createReplayRunner({ [commandKey(`${SYS}\\NETSTAT.EXE`, ['-ano'])]: new Uint8Array(netstat) }),
    logger: createLogger('test'),
  });
}

describe('captures:save', () => {
  it('saves under the captures folder, pushes each step, and a second press joins the running save', async () => {
    const s = await services('win32');
    const pushed: unknown[] = [];
    const emit: Emit = (channel, payload) => {
      expect(channel).toBe('captures:progress');
      pushed.push(capturesProgressSchema.parse(payload));
    };
    const h = createCaptureHandlers({ save: (p) => s.saveCaptures!(p), emit });
    const [a, b] = await Promise.all([h['captures:save']({}), h['captures:save']({})]);
    expect(b).toBe(a);
    const result = capturesSaveSchema.parse(a);
    expect(result.folder.startsWith(join(dir, 'Documents', 'SachMaDoc', 'KETOAN-01_'))).toBe(true);
    expect(readdirSync(join(dir, 'Documents', 'SachMaDoc'))).toHaveLength(1);
    // Only netstat was recorded on this "PC": it and computername.txt are saved, the rest named.
    expect(result.files.map((f) => f.name)).toEqual(['netstat.txt', 'computername.txt']);
    expect(result.failed.map((f) => f.name)).toEqual([
      'tasklist.csv',
      'svc.csv',
      'displaydns.txt',
      'hosts',
      'dli.txt',
      'uninstall.txt',
      'processes.csv',
      'codepage.txt',
    ]);
    expect(pushed).toHaveLength(10);
    expect(pushed.at(-1)).toEqual({ done: 10, total: 10, file: 'computername.txt' });
  });

  it('elsewhere than Windows: no save, a bilingual message and what to do', async () => {
    const s = await services('linux');
    expect('saveCaptures' in s).toBe(false);
    const h = createCaptureHandlers({ emit: () => {} });
    let error: unknown;
    try {
      await h['captures:save']({});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('Captures can only be saved on Windows');
    expect((error as UserError).hint).toContain('collect.cmd');
  });
});
