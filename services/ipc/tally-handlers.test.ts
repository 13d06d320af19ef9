// The outbox channels through the real dispatcher and settings store: resend only with consent and
// an address (checked in main), ids validated at the boundary, and background retries started at app
// start only with consent, their changes pushed to the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../shared/ipc/dispatch';
import type { TallyQueueStatus } from '../../shared/ipc/schemas';
import { createLogger } from '../../shared/logger';
import type { AppServices } from '../app-services';
import { createSettingsStore } from '../settings/settings-store';
import { createTallyHandlers, startTallyRetries } from './tally-handlers';

const ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const status = (pending: number): TallyQueueStatus => ({
  pending,
  problem: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  refused: [],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-handlers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const calls: string[] = [];
  const settings = createSettingsStore({ file: join(dir, 'settings.json'), logger: createLogger('t') });
  const services = {
    tallyQueue: (url: string) => (calls.push(`queue ${url}`), Promise.resolve(status(2))),
    tallyResend: (url: string, id: string) => (calls.push(`resend ${url} ${id}`), Promise.resolve(status(1))),
    tallyDeleteRefused: (url: string, id: string) => (
      calls.push(`delete ${url} ${id}`),
      Promise.resolve(status(0))
    ),
    tallyRetries: (url: string, onChange: (s: TallyQueueStatus) => void) => {
      calls.push(`retries ${url}`);
      onChange(status(3));
      return Promise.resolve();
    },
  } as Pick<AppServices, 'tallyQueue' | 'tallyResend' | 'tallyDeleteRefused' | 'tallyRetries'>;
  const handlers = createTallyHandlers({ services: services as AppServices, settings });
  return {
    calls,
    settings,
    services: services as AppServices,
    call: (c: string, p: unknown = {}) => dispatch(handlers as Handlers, c, p),
  };
}

describe('tally outbox handlers', () => {
  it('resends only with consent and an address; validates the id; deletes without consent', async () => {
    const h = setup();
    expect(await h.call('tally:resend', { submissionId: ID })).toMatchObject({
      ok: false,
      error: { code: 'user-error', message: expect.stringContaining('Sending is not agreed to') as unknown },
    });
    await h.settings.set({ sendResults: true });
    expect(await h.call('tally:resend', { submissionId: ID })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('There is no tally address') as unknown },
    });
    expect(await h.call('tally:resend', { submissionId: 'not-an-id' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    await h.settings.set({ tallyUrl: 'https://tally.example.gov.vn' });
    expect(await h.call('tally:resend', { submissionId: ID })).toEqual({ ok: true, value: status(1) });
    await h.settings.set({ sendResults: false });
    expect(await h.call('tally:delete', { submissionId: ID })).toEqual({ ok: true, value: status(0) });
    expect(await h.call('tally:queue')).toEqual({ ok: true, value: status(2) });
    expect(h.calls).toEqual([
      `resend https://tally.example.gov.vn ${ID}`,
      `delete https://tally.example.gov.vn ${ID}`,
      'queue https://tally.example.gov.vn',
    ]);
  });

  it('starts the background retries at app start only with consent, and pushes their changes', async () => {
    const h = setup();
    const pushed: unknown[] = [];
    const emit = (channel: string, payload: unknown) => pushed.push([channel, payload]);
    await h.settings.set({ tallyUrl: 'https://tally.example.gov.vn' });
    await startTallyRetries({ services: h.services, settings: h.settings, emit }, createLogger('t'));
    await h.settings.set({ sendResults: true });
    await startTallyRetries({ services: h.services, settings: h.settings, emit }, createLogger('t'));
    expect(h.calls).toEqual(['retries ', 'retries https://tally.example.gov.vn']);
    expect(pushed).toEqual([
      ['tally:queue-changed', status(3)],
      ['tally:queue-changed', status(3)],
    ]);
  });
});
