// Issue 14: a refusal or failure of the tally's API carries the catalogue message it says
// ({code, params}) beside the stable `error` and the bilingual `message` older clients read, so a
// client words it in its reader's language (the routes themselves: api.test.ts).
import { describe, expect, it } from 'vitest';
import { setProcessWording } from '../../shared/i18n';
import { errorAnswer } from './answer';

describe('errorAnswer', () => {
  it('words the key in both languages, keeps the parameters and puts the raw detail after the words', () => {
    const a = errorAnswer('unknown-unit', 'tally.server.unknownUnit', { unit: 'SO-X' }, 'line 2');
    expect(a).toEqual({
      error: 'unknown-unit',
      code: 'tally.server.unknownUnit',
      params: { unit: 'SO-X' },
      message: 'Không có đơn vị "SO-X". / No unit "SO-X".\nline 2',
    });
  });
  it('stays in both languages when the process speaks one (serve --lang en)', () => {
    setProcessWording('en');
    try {
      expect(errorAnswer('rate-limited', 'tally.server.rateLimited').message).toBe(
        'Gửi quá nhanh; hãy thử lại sau. / Too many requests; try again later.',
      );
    } finally {
      setProcessWording('both');
    }
  });
});
