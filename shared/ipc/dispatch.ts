// Calling a handler from the table: validate the request, call, validate the answer, and turn any
// failure into a tagged error. Electron's ipcMain registration and the harness bridge both call this,
// so the two cannot disagree about validation or error shapes.
import { UserError } from '../errors';
import type { IpcResult } from './api';
import type {
  HandlerResponseOf,
  InvokeChannel,
  IpcError,
  ParsedRequestOf,
  PayloadOf,
  PushChannel,
} from './contract';
import { contract, isChannel } from './contract';
import { bilingual } from '../i18n';

/** The implementation of every invoke channel; the compiler insists on all of them. */
export type Handlers = {
  [C in InvokeChannel]: (request: ParsedRequestOf<C>) => Promise<HandlerResponseOf<C>> | HandlerResponseOf<C>;
};

/** Sends a push event to the page(s). */
export type Emit = <C extends PushChannel>(channel: C, payload: PayloadOf<C>) => void;

/** Where unexpected failures are reported (the scoped logger in main and the harness). */
export type FailureSink = (channel: string, error: unknown) => void;

const fail = (
  code: IpcError['code'],
  message: string,
  hint?: string,
  worded: Pick<IpcError, 'text' | 'hintText' | 'detail'> = {},
): IpcResult<never> => ({
  ok: false,
  error: {
    code,
    message,
    ...(hint ? { hint } : {}),
    ...(worded.text ? { text: worded.text } : {}),
    ...(worded.hintText ? { hintText: worded.hintText } : {}),
    ...(worded.detail ? { detail: worded.detail } : {}),
  },
});

const describe = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`)
    .join('; ');

/** Validates and runs one call; never throws. */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
  onFailure: FailureSink = () => {},
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel) || contract[channel].kind !== 'invoke')
    return fail('unknown-channel', bilingual('msg.ipc.unknownChannel', { channel }));
  const invokeChannel = channel as InvokeChannel;
  const def = contract[invokeChannel];
  const parsed = def.request.safeParse(payload ?? {});
  if (!parsed.success)
    return fail(
      'invalid-request',
      bilingual('msg.ipc.invalidRequest', { channel, problem: describe(parsed.error.issues) }),
    );
  try {
    const handler = handlers[invokeChannel] as (request: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = def.response.safeParse(value);
    if (!checked.success) {
      onFailure(
        channel,
        new Error(`response does not match the contract: ${describe(checked.error.issues)}`),
      );
      return fail('failed', bilingual('msg.ipc.internalError', { channel }));
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof UserError)
      return fail('user-error', error.message, error.hint, {
        text: error.text,
        hintText: error.hintText,
        detail: error.detail,
      });
    onFailure(channel, error);
    const detail = error instanceof Error ? error.message : String(error);
    return fail('failed', `${channel}: ${detail}`);
  }
}

/** Wraps a raw sender so every push payload is checked against the table before it leaves main. */
export function createEmit(
  send: (channel: PushChannel, payload: unknown) => void,
  onFailure: FailureSink = () => {},
): Emit {
  return (channel, payload) => {
    const checked = contract[channel].payload.safeParse(payload);
    if (!checked.success) {
      onFailure(
        channel,
        new Error(`push payload does not match the contract: ${describe(checked.error.issues)}`),
      );
      return;
    }
    send(channel, checked.data);
  };
}
