// A window.api for tests, generated from the contract: handlers given as overrides run behind the
// same validation as in main (dispatch), channels not given answer a "not mocked" error, and push
// events are sent with `emit`. Every call is recorded.
import type { Api } from '../../shared/ipc/api';
import { buildApi } from '../../shared/ipc/api';
import type { InvokeChannel, PushChannel } from '../../shared/ipc/contract';
import { invokeChannels } from '../../shared/ipc/contract';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import { createEmit, dispatch } from '../../shared/ipc/dispatch';

export interface MockApi {
  api: Api;
  /** Sends a push event to the subscribed listeners (validated like main does). */
  emit: Emit;
  /** Calls in order: channel and the request as sent. */
  calls: { channel: InvokeChannel; request: unknown }[];
  /** How many listeners are subscribed to a push channel now (checks unsubscription). */
  listeners(channel: PushChannel): number;
}

/** Builds a mock window.api whose invoke channels run `overrides` (unlisted ones fail loudly). */
export function createMockApi(overrides: Partial<Handlers> = {}): MockApi {
  const handlers = Object.fromEntries(
    invokeChannels.map((c) => [
      c,
      overrides[c] ??
        (() => {
          throw new Error(`not mocked: ${c}`);
        }),
    ]),
  ) as unknown as Handlers;
  const subscribers = new Map<PushChannel, Set<(payload: unknown) => void>>();
  const calls: MockApi['calls'] = [];
  const api = buildApi({
    invoke(channel, request) {
      calls.push({ channel, request });
      return dispatch(handlers, channel, request);
    },
    subscribe(channel, listener) {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  const emit = createEmit((channel, payload) => {
    for (const listener of subscribers.get(channel) ?? []) listener(payload);
  });
  return { api, emit, calls, listeners: (c) => subscribers.get(c)?.size ?? 0 };
}
