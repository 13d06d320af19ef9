import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger';
import { createSettingsStore } from './settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts Vietnamese with sending off, and keeps changes across a restart', async () => {
    const file = join(dir, 'settings.json');
    const first = createSettingsStore({ file, logger: createLogger('test') });
    expect(await first.get()).toEqual({
      language: 'vi',
      feedUrl: '',
      tallyUrl: '',
      unitCode: '',
      sendResults: false,
    });
    await Promise.all([first.set({ language: 'en' }), first.set({ unitCode: 'SO-TTTT' })]);
    const second = createSettingsStore({ file, logger: createLogger('test') });
    expect(await second.get()).toMatchObject({ language: 'en', unitCode: 'SO-TTTT', sendResults: false });
  });

  it('falls back to defaults when the file is corrupt or hand-edited to something invalid', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, '{"language":"fr","sendResults":"yes"}');
    expect((await createSettingsStore({ file, logger: createLogger('test') }).get()).language).toBe('vi');
    await writeFile(file, '{not json');
    const store = createSettingsStore({ file, logger: createLogger('test') });
    expect((await store.get()).sendResults).toBe(false);
    await store.set({ sendResults: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ sendResults: true });
  });
});
