import { describe, expect, it } from 'vitest';
import { apiPath, buildApi } from './api';
import { channels, contract, invokeChannels, pushChannels } from './contract';
import { dispatch } from './dispatch';
import type { Handlers } from './dispatch';
import { createMockApi } from '../../test/support/mock-api';
import { UserError } from '../errors';

const settings = { language: 'vi', feedUrl: '', tallyUrl: '', unitCode: '', sendResults: false } as const;

describe('the IPC contract table', () => {
  it('names every channel domain:action and classifies each once', () => {
    for (const c of channels) expect(c).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    expect(invokeChannels.length + pushChannels.length).toBe(channels.length);
    expect(pushChannels).toContain('scan:progress');
  });

  it('derives a frozen window.api with exactly one function per channel and no generic send', () => {
    const api = buildApi({
      invoke: () => Promise.resolve({ ok: true, value: null }),
      subscribe: () => () => {},
    });
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.scan)).toBe(true);
    const names = Object.entries(api).flatMap(([d, g]) => Object.keys(g).map((k) => `${d}.${k}`));
    expect([...names].sort()).toEqual(channels.map((c) => apiPath(c).join('.')).sort());
    expect(names).toContain('app.openOfficial');
    expect(names).toContain('scan.onProgress');
    // Exactly the table's channels, each bound to its own: no room for a send(channel) or an ipcRenderer.
    expect(names).not.toContain('app.invoke');
  });
});

describe('dispatch (what main and the harness bridge run)', () => {
  const handlers = { 'settings:set': (patch: object) => ({ ...settings, ...patch }) } as unknown as Handlers;

  it('rejects a payload the schema refuses, naming the field, without calling the handler', async () => {
    let called = false;
    const h = { 'settings:set': () => ((called = true), settings) } as unknown as Handlers;
    const r = await dispatch(h, 'settings:set', { feedUrl: 'javascript:alert(1)' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message).toContain('feedUrl');
    }
    expect(called).toBe(false);
  });

  it('refuses channels that are not in the table and push channels', async () => {
    expect(await dispatch(handlers, 'fs:read', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatch(handlers, 'scan:progress', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false });
  });

  it('returns the validated value, and turns a UserError into a tagged error with its hint', async () => {
    expect(await dispatch(handlers, 'settings:set', { unitCode: ' SO-TTTT ' })).toEqual({
      ok: true,
      value: { ...settings, unitCode: 'SO-TTTT' },
    });
    const h = {
      'feed:update': () => {
        throw new UserError('Không tải được', 'Kiểm tra mạng');
      },
    } as unknown as Handlers;
    expect(await dispatch(h, 'feed:update', {})).toEqual({
      ok: false,
      error: { code: 'user-error', message: 'Không tải được', hint: 'Kiểm tra mạng' },
    });
  });

  it('never lets an answer that breaks the contract reach the page', async () => {
    const failures: string[] = [];
    const h = { 'settings:get': () => ({ language: 'fr' }) } as unknown as Handlers;
    const r = await dispatch(h, 'settings:get', {}, (c) => failures.push(c));
    expect(r).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(failures).toEqual(['settings:get']);
  });
});

describe('createMockApi', () => {
  it('runs overrides behind validation, fails unlisted channels loudly, and delivers pushes', async () => {
    const mock = createMockApi({ 'settings:get': () => settings });
    expect(await mock.api.settings.get()).toEqual({ ok: true, value: settings });
    const missing = await mock.api.scan.run();
    expect(missing.ok).toBe(false);
    const seen: number[] = [];
    const off = mock.api.scan.onProgress((p) => seen.push(p.fraction));
    mock.emit('scan:progress', { step: 'connections', fraction: 0.5 });
    off();
    mock.emit('scan:progress', { step: 'dns', fraction: 0.9 });
    expect(seen).toEqual([0.5]);
    expect(mock.listeners('scan:progress')).toBe(0);
    expect(mock.calls.map((c) => c.channel)).toEqual(['settings:get', 'scan:run']);
  });

  it('checks every table row has a request or payload schema', () => {
    for (const c of channels) {
      const def = contract[c];
      expect(def.kind === 'invoke' ? def.request : def.payload).toBeDefined();
    }
  });
});
