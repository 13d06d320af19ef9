import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/en.json';
import vi from '../../../shared/i18n/vi.json';

// Flattened keys without translator notes and without plural suffixes (languages differ in forms).
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    if (k === '_comment' || k.endsWith('_comment')) return [];
    const key = `${prefix}${k.replace(/_(one|other)$/, '')}`;
    return typeof v === 'object' && v !== null ? keys(v as object, `${key}.`) : [key];
  });
}

describe('catalogues', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(vi))].sort());
  });

  it('use the campaign wording of the official letters', () => {
    expect(vi.campaign.title).toBe('Chiến dịch làm sạch mã độc trên không gian mạng');
    expect(vi.campaign.ask1).toContain('phần mềm bẻ khóa, không bản quyền');
    expect(vi.check.button).toBe('Kiểm tra ngay');
    expect(en.check.button).toBe('Check now');
  });
});
