// The consent text explains every field the anonymized result sends (issue 15): a field added to
// the result's schema without a meaning in both catalogues fails here.
import { describe, expect, it } from 'vitest';
import en from '../shared/i18n/en.json';
import vi from '../shared/i18n/vi.json';
import { RESULT_FIELDS } from '../shared/tally/result-fields';

const lookup = (catalogue: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalogue);

describe('consent field list', () => {
  it('lists every leaf of the anonymized result, nested objects as dotted paths', () => {
    expect(RESULT_FIELDS).toContain('installId');
    expect(RESULT_FIELDS).toContain('os.family');
    expect(RESULT_FIELDS).toContain('counts.findings.domain');
    expect(RESULT_FIELDS).not.toContain('counts');
    expect(RESULT_FIELDS).toHaveLength(16);
  });

  it.each([
    ['vi', vi],
    ['en', en],
  ])('has a meaning for every field in %s', (_lang, catalogue) => {
    for (const path of RESULT_FIELDS) {
      const text = lookup(catalogue, `consent.field.${path}`);
      expect(typeof text, path).toBe('string');
      expect((text as string).length, path).toBeGreaterThan(10);
    }
  });

  it('says what the install id is: random, per campaign, not linked to the person', () => {
    expect(lookup(vi, 'consent.field.installId')).toMatch(
      /ngẫu nhiên.*mỗi Chiến dịch.*không gắn với người dùng/,
    );
    expect(lookup(en, 'consent.field.installId')).toMatch(/random.*each campaign.*not linked to the person/);
  });
});
