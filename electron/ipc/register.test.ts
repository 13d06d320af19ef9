import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../../shared/ipc/contract';
import type { Handlers } from '../../shared/ipc/dispatch';
import { createLogger } from '../../shared/logger';
import { externalHosts, isAllowedExternal } from '../../services/ipc/external';
import type { IpcMainLike, SenderEvent } from './register';
import { isAppUrl, registerIpcHandlers } from './register';

function fakeIpcMain() {
  const table = new Map<string, (e: SenderEvent, p: unknown) => Promise<unknown>>();
  const ipc: IpcMainLike = {
    handle: (c, l) => void table.set(c, l),
    removeHandler: (c) => void table.delete(c),
  };
  return { ipc, table };
}

const settings = { language: 'vi', feedUrl: '', tallyUrl: '', unitCode: '', sendResults: false };

describe('registerIpcHandlers', () => {
  it('registers exactly the invoke channels of the contract, and removes them', () => {
    const { ipc, table } = fakeIpcMain();
    const off = registerIpcHandlers(ipc, {} as Handlers, {
      appOrigin: 'app://sachmadoc',
      logger: createLogger('t'),
    });
    expect([...table.keys()].sort()).toEqual([...invokeChannels].sort());
    off();
    expect(table.size).toBe(0);
  });

  it('answers our own page, and refuses other frames before looking at the payload', async () => {
    const { ipc, table } = fakeIpcMain();
    let calls = 0;
    const handlers = { 'settings:get': () => (calls++, settings) } as unknown as Handlers;
    registerIpcHandlers(ipc, handlers, { appOrigin: 'app://sachmadoc', logger: createLogger('t') });
    const call = table.get('settings:get')!;
    expect(await call({ senderFrame: { url: 'app://sachmadoc/index.html#/check' } }, {})).toEqual({
      ok: true,
      value: settings,
    });
    for (const url of ['https://evil.example/', 'file:///C:/x.html', 'app://sachmadoc.evil/', ''])
      expect(await call({ senderFrame: { url } }, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    expect(await call({ senderFrame: null }, {})).toMatchObject({ ok: false });
    expect(calls).toBe(1);
  });

  it('validates payloads from our own page', async () => {
    const { ipc, table } = fakeIpcMain();
    registerIpcHandlers(ipc, {} as Handlers, { appOrigin: 'app://sachmadoc', logger: createLogger('t') });
    const r = await table.get('export:connections')!(
      { senderFrame: { url: 'app://sachmadoc/' } },
      { format: 'exe' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('app URL and external allow-list', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://sachmadoc/index.html', 'app://sachmadoc')).toBe(true);
    expect(isAppUrl('not a url', 'app://sachmadoc')).toBe(false);
  });

  it('opens only https pages on the feed hosts', () => {
    const hosts = externalHosts({
      infoUrl: 'https://khonggianmang.vn/chiendichmadoc2022',
      cleanupToolUrl: 'https://khonggianmang.vn/cong-cu',
    });
    expect(isAllowedExternal('https://khonggianmang.vn/chiendichmadoc2022', hosts)).toBe(true);
    expect(isAllowedExternal('http://khonggianmang.vn/', hosts)).toBe(false);
    expect(isAllowedExternal('https://khonggianmang.vn.evil.example/', hosts)).toBe(false);
    expect(isAllowedExternal('https://user:pw@khonggianmang.vn/', hosts)).toBe(false);
    expect(isAllowedExternal('file:///C:/Windows/System32/calc.exe', hosts)).toBe(false);
  });
});
