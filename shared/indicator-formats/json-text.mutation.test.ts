// The JSON feed helpers (issue 19, mutation testing of json-text.ts): the line of a character, the
// forward search for a value's line, the line of a JSON syntax error from V8's words, and the
// narrowing helpers, each at its edges.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors';
import { isObject, jsonErrorLine, jsonInner, LineLocator, parseJsonOrThrow, str } from './json-text';

describe('LineLocator.lineAt', () => {
  it('gives the 1-based line of every character, the newline itself on its own line', () => {
    const text = 'ab\ncd\n\nef';
    const at = new LineLocator(text);
    expect([...text].map((_, i) => at.lineAt(i))).toEqual([1, 1, 1, 2, 2, 2, 3, 4, 4]);
    expect(at.lineAt(text.length)).toBe(4);
    expect(at.lineAt(1000)).toBe(4);
    expect(new LineLocator('').lineAt(0)).toBe(1);
    expect(new LineLocator('one line').lineAt(5)).toBe(1);
  });

  it('finds the right line among many (the binary search at every boundary)', () => {
    const lines = Array.from({ length: 37 }, (_, i) => 'x'.repeat(i % 5));
    const text = lines.join('\n');
    const at = new LineLocator(text);
    let offset = 0;
    lines.forEach((line, i) => {
      expect(at.lineAt(offset), `start of ${i + 1}`).toBe(i + 1);
      expect(at.lineAt(offset + line.length), `end of ${i + 1}`).toBe(i + 1);
      offset += line.length + 1;
    });
  });
});

describe('LineLocator.find', () => {
  it('searches forward from just after the last hit, so equal values get their own lines', () => {
    const text = '{\n "a": "x",\n "b": "x",\n "c": "x"\n}';
    const at = new LineLocator(text);
    expect([at.find('"x"'), at.find('"x"'), at.find('"x"')]).toEqual([2, 3, 4]);
    // Past the last one: from the start again.
    expect(at.find('"x"')).toBe(2);
  });

  it('a hit at the very start moves the cursor past it', () => {
    const at = new LineLocator('xx\nx');
    expect([at.find('x'), at.find('x'), at.find('x'), at.find('x')]).toEqual([1, 1, 2, 1]);
  });

  it('tries the needles in order, skips empty ones, and gives line 1 when none is found', () => {
    const at = new LineLocator('first\nsecond\nthird');
    expect(at.find('', 'third', 'second')).toBe(3);
    expect(at.find('second')).toBe(2);
    expect(at.find('nowhere', '')).toBe(1);
    expect(at.find()).toBe(1);
    // The failed searches did not move the cursor: "third" is still ahead of "second".
    expect(at.find('third')).toBe(3);
  });

  it('a needle found only before the cursor is found from the start', () => {
    const at = new LineLocator('a\nb\nc');
    expect(at.find('c')).toBe(3);
    expect(at.find('b', 'c')).toBe(2);
  });
});

describe('JSON helpers', () => {
  it('jsonInner: the string as JSON writes it, without its quotes', () => {
    expect(jsonInner('a"b\\c\n')).toBe('a\\"b\\\\c\\n');
    expect(jsonInner('')).toBe('');
    expect(jsonInner('"')).toBe('\\"');
  });

  it('jsonErrorLine: from "line N", else "position N", else 1', () => {
    const text = '{\n  "a": 1,\n  "b": oops\n}';
    expect(jsonErrorLine(text, 'Unexpected token (line 7 column 2)')).toBe(7);
    expect(
      jsonErrorLine(text, `Unexpected token 'o', ... is not valid JSON at position ${text.indexOf('oops')}`),
    ).toBe(3);
    expect(jsonErrorLine(text, 'position 0')).toBe(1);
    expect(jsonErrorLine(text, 'Unexpected end of JSON input')).toBe(1);
    expect(jsonErrorLine(text, 'at line 12, position 3')).toBe(12);
  });

  it('parseJsonOrThrow: the value, or a ParseError at the line of the break with V8 words', () => {
    expect(parseJsonOrThrow('{"a":[1,2]}', 'f.json')).toEqual({ a: [1, 2] });
    const text = '{\n  "objects": [\n    {"type": "indicator",}\n  ]\n}';
    let e: unknown = null;
    try {
      parseJsonOrThrow(text, 'f.json');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).file).toBe('f.json');
    expect((e as ParseError).line).toBe(3);
    expect((e as ParseError).message).toMatch(/not valid JSON.*\(.*JSON.*\)|not valid JSON/s);
    expect((e as ParseError).message).toContain('position');
  });

  it('isObject and str', () => {
    expect([
      isObject({}),
      isObject([]),
      isObject(null),
      isObject('x'),
      isObject(1),
      isObject(undefined),
    ]).toEqual([true, false, false, false, false, false]);
    expect(str({ a: 'x', b: 1, c: null }, 'a')).toBe('x');
    expect(str({ a: 'x', b: 1, c: null }, 'b')).toBeUndefined();
    expect(str({ a: 'x', b: 1, c: null }, 'c')).toBeUndefined();
    expect(str({ a: '' }, 'a')).toBe('');
  });
});
