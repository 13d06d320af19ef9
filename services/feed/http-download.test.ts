// The downloader's last word after its retries, in each language the command line speaks: what went
// wrong the last time, said as final (no "will retry"), and how many attempts were made.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { setProcessWording, type Wording } from '../../shared/i18n';
import type { HttpResponse } from '../http-fetch';
import { DEFAULT_HTTP_OPTIONS, DownloadError, download } from './http-download';

const URL = 'https://feed.example.gov.vn/feed.json';
const options = { ...DEFAULT_HTTP_OPTIONS, retries: 2 };
const answer = (status: number, body: string[] = [], length?: number): HttpResponse => ({
  status,
  redirected: false,
  headers: { get: (name) => (name === 'content-length' && length !== undefined ? String(length) : null) },
  body: Readable.from(body),
  text: () => Promise.resolve(body.join('')),
});

/** The error `download` throws after its retries, with `fetch` answering every attempt. */
async function lastError(wording: Wording, fetch: () => Promise<HttpResponse>): Promise<DownloadError> {
  setProcessWording(wording);
  const error = await download(URL, {}, options, { fetch, sleep: () => Promise.resolve() }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

afterEach(() => setProcessWording('both'));

describe('download: the message after the last retry', () => {
  const http503 = () => Promise.resolve(answer(503));

  it('in English alone (--lang en)', async () => {
    const e = await lastError('en', http503);
    expect(e.message).toBe(
      `The server answered HTTP 503 for ${URL}. Gave up after 3 attempts; try again later.`,
    );
    expect(e).toMatchObject({ code: 'http-status', retryable: false, status: 503, attempts: 3 });
  });

  it('in Vietnamese alone (--lang vi)', async () => {
    expect((await lastError('vi', http503)).message).toBe(
      `Máy chủ trả lời HTTP 503 cho ${URL}. Đã thử 3 lần, dừng lại; hãy thử lại sau.`,
    );
  });

  it('in both, Vietnamese first, as before', async () => {
    expect((await lastError('both', http503)).message).toBe(
      `Máy chủ trả lời HTTP 503 cho ${URL}. Đã thử 3 lần, dừng lại; hãy thử lại sau. / ` +
        `The server answered HTTP 503 for ${URL}. Gave up after 3 attempts; try again later.`,
    );
  });

  it('for a cut-off body and a network failure too, with the technical detail kept', async () => {
    const cut = await lastError('en', () => Promise.resolve(answer(200, ['abc'], 10)));
    expect(cut.message).toBe(
      `The download of ${URL} was cut off (3/10 bytes). Gave up after 3 attempts; try again later.`,
    );
    const refused = await lastError('vi', () =>
      Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443 / x')),
    );
    expect(refused.message).toBe(
      `Không kết nối được tới ${URL}: connect ECONNREFUSED 10.0.0.1:443 / x. Kiểm tra mạng, proxy (HTTPS_PROXY/NO_PROXY). Đã thử 3 lần, dừng lại; hãy thử lại sau.`,
    );
  });

  it('keeps a first answer that is not retried as it is, with no attempt count', async () => {
    const e = await lastError('en', () => Promise.resolve(answer(404)));
    expect(e.message).toBe(`The server answered HTTP 404 for ${URL}; check the feed URL.`);
    expect(e.attempts).toBeUndefined();
  });
});
