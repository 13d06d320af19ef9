import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenValues } from './seen-values';

describe('SeenValues', () => {
  it('answers as a Set of strings for values given as ranges of the text and as strings, past many growths', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'b', '.', '1', '-', 'đ'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { minLength: 1, maxLength: 3_000 }), (items) => {
        // The ranges: every value laid end to end in one text, as a list's lines are.
        const text = items.map(([v]) => v).join('');
        const seen = new SeenValues(text);
        const model = new Set<string>();
        let at = 0;
        for (const [v, asRange] of items) {
          const fresh = !model.has(v);
          model.add(v);
          expect(seen.has(v)).toBe(!fresh);
          expect(asRange ? seen.addRange(at, at + v.length) : seen.add(v)).toBe(fresh);
          expect(seen.has(v)).toBe(true);
          at += v.length;
        }
        expect(seen.size).toBe(model.size);
      }),
      { numRuns: 60 },
    );
  });
});
