// Network answers are read as a stream and abandoned at a byte cap, never read whole first: a
// captive portal, a proxy's error page or a wrong address can send anything, of any length.
import { UserError, userError } from '../shared/errors';

/** The part of a fetch response this needs: node-fetch's Node stream, or only text(). */
export interface CappedBodySource {
  body?: AsyncIterable<Uint8Array | string> | null;
  text(): Promise<string>;
}

/** Thrown when an answer is longer than its cap; the stream is dropped at the cap. */
export class BodyTooLargeError extends UserError {
  constructor(
    readonly url: string,
    readonly maxBytes: number,
  ) {
    const e = userError('msg.app.answerTooLarge', {
      params: { url, max: maxBytes },
      hint: 'msg.app.answerTooLargeHint',
    });
    super(e.message, e.hint, e.text, e.hintText);
  }
}

/** Reads at most `maxBytes` of a response body as UTF-8; past the cap it stops reading and throws. */
export async function readBodyCapped(res: CappedBodySource, url: string, maxBytes: number): Promise<string> {
  if (
    !res.body ||
    typeof (res.body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function'
  ) {
    // A fetch without a stream (a test double): the text is already in memory, so check it whole.
    const text = await res.text();
    if (Buffer.byteLength(text) > maxBytes) throw new BodyTooLargeError(url, maxBytes);
    return text;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const iterator: AsyncIterator<Uint8Array | string> = res.body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done) break;
      const value = step.value;
      const chunk = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
      received += chunk.byteLength;
      if (received > maxBytes) throw new BodyTooLargeError(url, maxBytes);
      chunks.push(chunk);
    }
  } finally {
    // Stops the download (destroys the socket stream) when we leave early.
    if (received > maxBytes) await iterator.return?.();
  }
  return Buffer.concat(chunks).toString('utf8');
}
