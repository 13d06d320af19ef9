// The browser harness's transport: calls are POSTed to the loopback bridge of harness/dev-web.ts and
// pushes arrive as server-sent events. Only used when no preload provided window.api (so never in
// Electron, whose CSP forbids these requests anyway).
import type { IpcResult, Transport } from '../shared/ipc/api';

// The bridge puts this run's token in the page it serves; every call carries it back.
const runToken = (): string =>
  document.querySelector<HTMLMetaElement>('meta[name="sachmadoc-harness-token"]')?.content ?? '';

/** A transport over `fetch` and `EventSource` to the page's own origin. */
export function createHarnessTransport(): Transport {
  let events: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const source = () => {
    if (events) return events;
    events = new EventSource(`/ipc/events?token=${encodeURIComponent(runToken())}`);
    return events;
  };
  return {
    async invoke(channel, request) {
      try {
        const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-sachmadoc-harness-token': runToken() },
          body: JSON.stringify(request ?? {}),
        });
        return (await res.json()) as IpcResult<unknown>;
      } catch (error) {
        return {
          ok: false,
          error: { code: 'failed', message: `harness bridge unreachable: ${String(error)}` },
        };
      }
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        const fresh = new Set<(payload: unknown) => void>();
        listeners.set(channel, fresh);
        source().addEventListener(channel, (e) => {
          const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
          for (const l of fresh) l(payload);
        });
        set = fresh;
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
