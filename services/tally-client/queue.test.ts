// The refused list on disk: records written by older apps carry only the tally's bilingual `reason`
// and must still load (and resend, delete); newer ones carry the catalogue message beside it.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeResult } from '../../test/support/tally/helpers';
import { refusalText } from './client';
import { openQueue } from './queue';

const clock = () => new Date('2026-11-20T08:00:00Z');

describe('tally queue: refused records', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-queue-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a refused record written before refusals had a code (reason only), and resends it', async () => {
    const result = makeResult();
    const name = `001795000000000-${result.submissionId}.json`;
    mkdirSync(join(dir, 'rejected'), { recursive: true });
    // The shape an app before {code, params} wrote (queue.ts, JSON.stringify(record, null, 2)).
    const reason =
      'Ngày của kết quả (2099-01-01) ở tương lai theo đồng hồ máy chủ; hãy chỉnh ngày giờ của máy tính rồi kiểm tra lại. / The result\u2019s day (2099-01-01) is in the future by the server\u2019s clock; fix the computer\u2019s date and check again.';
    writeFileSync(
      join(dir, 'rejected', name),
      JSON.stringify({ result, status: 422, reason, rejectedAt: '2026-11-19T03:04:05.000Z' }, null, 2),
    );
    const q = openQueue(dir, clock);
    const [record] = await q.rejected();
    expect(record).toEqual({
      result,
      status: 422,
      reason,
      rejectedAt: '2026-11-19T03:04:05.000Z',
      submissionId: result.submissionId,
    });
    expect('text' in record).toBe(false);
    expect(await q.unreject(result.submissionId)).toBe(true);
    expect((await q.list()).map((i) => i.result)).toEqual([result]);
  });

  it('keeps the catalogue message beside the reason, and drops a malformed one instead of showing it', async () => {
    const q = openQueue(dir, clock);
    const a = makeResult();
    const b = makeResult();
    await q.add(a);
    await q.add(b);
    const items = await q.list();
    const ia = items.find((i) => i.submissionId === a.submissionId)!;
    const ib = items.find((i) => i.submissionId === b.submissionId)!;
    const text = { code: 'msg.tally.refusal.unknown-unit', params: { unit: 'SO-XYZ' } };
    await q.reject(ia, 422, 'Đơn vị … / Unit …', text);
    await q.reject(ib, 422, 'raw');
    const file = readdirSync(join(dir, 'rejected')).find((n) => n.endsWith(`${b.submissionId}.json`))!;
    const saved = JSON.parse(readFileSync(join(dir, 'rejected', file), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'rejected', file), JSON.stringify({ ...saved, text: { code: 42 } }));
    const records = await q.rejected();
    expect(records.find((r) => r.submissionId === a.submissionId)?.text).toEqual(text);
    expect(records.find((r) => r.submissionId === b.submissionId)).not.toHaveProperty('text');
  });
});

describe('refusalText: which refusal codes the app words itself', () => {
  it('takes a known msg.tally.refusal key with its parameters', () => {
    expect(
      refusalText({
        error: 'future-day',
        code: 'msg.tally.refusal.future-day',
        params: { day: '2099-01-01' },
      }),
    ).toEqual({ code: 'msg.tally.refusal.future-day', params: { day: '2099-01-01' } });
  });

  it.each([
    ['an older tally (message only)', { error: 'unknown-unit', message: 'Đơn vị … / Unit …' }],
    ['a key outside the tally refusals', { error: 'x', code: 'errors.internal', message: 'm' }],
    [
      'a refusal this app does not know',
      { error: 'x', code: 'msg.tally.refusal.from-the-future', message: 'm' },
    ],
    ['params that are not text or numbers', { code: 'msg.tally.refusal.future-day', params: { day: [1] } }],
  ])('keeps only the raw text for %s', (_what, body) => {
    expect(refusalText(body)).toBeUndefined();
  });
});
