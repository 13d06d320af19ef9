import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';

describe('numbers inside texts', () => {
  it('are written 1.234 in Vietnamese and 1,234 in English, plurals still chosen by count', () => {
    const vi = createI18n('vi');
    expect(vi.t('check.warnings', { count: 1234 })).toContain('1.234');
    const en = createI18n('en');
    expect(en.t('check.warnings', { count: 1234 })).toContain('1,234');
    expect(en.t('check.warnings', { count: 1 })).not.toBe(en.t('check.warnings', { count: 2 }));
    // Ids are not quantities: a PID or a port keeps its digits.
    expect(vi.t('check.program', { name: 'a.exe', pid: 4242, remote: '203.0.113.9:8080' })).toBe(
      'a.exe (PID 4242) → 203.0.113.9:8080',
    );
  });
});
