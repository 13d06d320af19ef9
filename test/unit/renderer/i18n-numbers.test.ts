import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/i18n';

describe('numbers inside texts', () => {
  it('are written 1.234 in Vietnamese and 1,234 in English, plurals still chosen by count', () => {
    const vi = createI18n('vi');
    expect(vi.t('check.warnings', { count: 1234 })).toContain('1.234');
    const en = createI18n('en');
    expect(en.t('check.warnings', { count: 1234 })).toContain('1,234');
    expect(en.t('check.warnings', { count: 1 })).not.toBe(en.t('check.warnings', { count: 2 }));
    expect(vi.t('hunt.read', { files: 2, lines: '1.234.567' })).toContain('1.234.567');
  });
});
