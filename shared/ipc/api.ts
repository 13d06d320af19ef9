// The `window.api` shape, derived from the contract: `scan:run` becomes api.scan.run(),
// `app:open-official` api.app.openOfficial(), push `scan:progress` api.scan.onProgress(cb) → unsubscribe.
// One builder turns any transport (Electron IPC, the harness HTTP bridge, a test mock) into that object.
import type { Result } from '../errors';
import type {
  Channel,
  InvokeChannel,
  IpcError,
  PayloadOf,
  PushChannel,
  RequestOf,
  ResponseOf,
} from './contract';
import { contract, channels } from './contract';

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type ActionOf<C extends string> = C extends `${string}:${infer A}` ? A : never;

/** A call's answer: the value, or an error the page can show. */
export type IpcResult<T> = Result<T, IpcError>;

type InvokeFn<C extends InvokeChannel> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
type Listener<C extends PushChannel> = (payload: PayloadOf<C>) => void;

type DomainApi<D extends string> = {
  readonly [C in Extract<InvokeChannel, `${D}:${string}`> as Camel<ActionOf<C>>]: InvokeFn<C>;
} & {
  readonly [C in Extract<PushChannel, `${D}:${string}`> as `on${Capitalize<Camel<ActionOf<C>>>}`]: (
    listener: Listener<C>,
  ) => () => void;
};

/** The object the preload exposes as window.api. */
export type Api = { readonly [D in DomainOf<Channel>]: DomainApi<D> };

/** How calls travel: Electron IPC in the preload, fetch + server-sent events in the harness. */
export interface Transport {
  invoke(channel: InvokeChannel, request: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: PushChannel, listener: (payload: unknown) => void): () => void;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Where a channel lives on window.api: `app:open-official` → ["app", "openOfficial"]. */
export function apiPath(channel: Channel): [domain: string, key: string] {
  const [domain = '', action = ''] = channel.split(':');
  const name = camel(action);
  return contract[channel].kind === 'invoke'
    ? [domain, name]
    : [domain, `on${name.charAt(0).toUpperCase()}${name.slice(1)}`];
}

/** Builds the frozen api object over a transport: exactly the table's channels, nothing generic. */
export function buildApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channels) {
    const [domain, key] = apiPath(channel);
    const group = (api[domain] ??= {});
    group[key] =
      contract[channel].kind === 'invoke'
        ? (request?: unknown) => transport.invoke(channel as InvokeChannel, request ?? {})
        : (listener: (payload: unknown) => void) => transport.subscribe(channel as PushChannel, listener);
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as Api;
}
