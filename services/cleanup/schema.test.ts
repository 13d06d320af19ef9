import { describe, expect, it } from 'vitest';
import { createCleanupSession } from '.';
import { createReplayRunner } from '../command-runner';
import {
  actionLogEntrySchema,
  confirmationTokenSchema,
  stepRequestSchema,
  stepResultSchema,
} from '../../shared/licensing/cleanup-schema';

describe('cleanup payload schemas (for the cleanup:* IPC channels)', () => {
  it('accept what the session produces: tokens, results and log entries', async () => {
    const s = createCleanupSession({
      runner: createReplayRunner({}),
      platform: 'win32',
      systemRoot: 'C:\\Windows',
      backupDir: 'C:\\B',
      self: { pid: 7000, ppid: 6990 },
      lookupProcessName: () => Promise.resolve('a.exe'),
      cleanupToolUrl: 'https://khonggianmang.vn/tool',
    });
    const p = s.propose(stepRequestSchema.parse({ step: 'terminate', pid: 1432, name: 'a.exe' }));
    if (!p.ok) throw new Error('refused');
    expect(confirmationTokenSchema.safeParse(p.value.token).success).toBe(true);
    const results = [await s.confirm(p.value.token), await s.confirm(p.value.token)];
    const tool = s.propose({ step: 'open-cleanup-tool' });
    if (tool.ok) results.push(await s.confirm(tool.value.token));
    for (const r of results) expect(stepResultSchema.parse(r)).toEqual(r);
    for (const e of s.log()) expect(actionLogEntrySchema.parse(e)).toEqual(e);
    expect(s.log()).toHaveLength(5);
  });

  it('reject what the renderer must not send', () => {
    const bad = [
      { step: 'terminate', pid: -1, name: 'a.exe' },
      { step: 'terminate', pid: 1.5, name: 'a.exe' },
      { step: 'terminate', pid: 10, name: 'a.exe', force: true },
      { step: 'block-address', ip: 'x'.repeat(65) },
      { step: 'remove-persistence', entry: { type: 'registry-anything', key: 'HKLM' } },
      { step: 'format-disk' },
    ];
    for (const b of bad) expect(stepRequestSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});
