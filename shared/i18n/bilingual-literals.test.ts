// The check that production code words no text for people as a literal "Vietnamese / English"
// string: such text belongs in the catalogue (shared/i18n/{vi,en,notes}.json) and is worded where
// it is shown (`bilingual`, `translate`, `userError`). Comments are not code; tests may assert the
// words; `{vi, en}` objects of data are one bilingual-text schema, not a literal pair.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The production folders checked. One list, so a folder joins the check by one line. */
const CHECKED_FOLDERS = ['cli', 'services', 'node-shared', 'shared', 'electron', 'harness', 'tally'];

const VIETNAMESE = 'àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ';
/** A quote, then Vietnamese, then " / " and a Latin letter, with no quote between: "Tệp / File". */
const PAIR = new RegExp(`['\`"][^'\`"\\n]*[${VIETNAMESE}][^'\`"\\n]* / [A-Za-z]`, 'i');

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(path);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const isText = (n: ts.Node): boolean =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n);
const isPlus = (n: ts.Node): n is ts.BinaryExpression =>
  ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken;

/** The operands of a `a + b + c` chain, left to right. */
function operands(n: ts.Node): ts.Node[] {
  const inner = ts.isParenthesizedExpression(n) ? n.expression : n;
  return isPlus(inner) ? [...operands(inner.left), ...operands(inner.right)] : [inner];
}

/**
 * Every literal pair in `code`: each string or template literal, and each `'…' + '…'` chain read
 * as one string (a pair split over two lines is still a pair), tested line by line as `grep` would.
 */
function literalPairs(file: string, code: string): string[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (text: string, at: ts.Node): void => {
    for (const line of text.split('\n'))
      if (PAIR.test(line)) {
        const { line: n } = sf.getLineAndCharacterOfPosition(at.getStart(sf));
        found.push(`${file}:${n + 1}: ${line.trim().slice(0, 120)}`);
        return;
      }
  };
  const visit = (node: ts.Node): void => {
    if (isText(node)) check(node.getText(sf), node);
    if (isPlus(node) && !(node.parent && isPlus(node.parent))) {
      const parts = operands(node);
      if (parts.filter(isText).length > 1) {
        // Quotes dropped where two literals meet, so the pair reads across the `+`.
        const joined = parts.map((p) => (isText(p) ? p.getText(sf).slice(1, -1) : '${…}')).join('');
        check(`'${joined}'`, node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...new Set(found)];
}

describe('no literal "Vietnamese / English" text in production code', () => {
  it('finds none in the checked folders (move the text to shared/i18n and word it there)', () => {
    const found = CHECKED_FOLDERS.flatMap((d) => sources(join(root, d))).flatMap((path) =>
      literalPairs(relative(root, path), readFileSync(path, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('sees a pair in a string, a template and a chain split over lines, not in comments or data', () => {
    const code = [
      "const a = 'Không đọc được / cannot read';",
      'const b = `${x}: tệp rỗng / the file is empty`;',
      "const c = 'Đã ký xong, kiểm tra lại. / ' +\n  'Signed, check it again.';",
      '// Một chú thích / a comment',
      '/* Khối chú thích / a block comment */',
      "const d = { vi: 'Tệp rỗng', en: 'The file is empty' };",
      "const e = bilingual('msg.capture.empty');",
    ].join('\n');
    const found = literalPairs('example.ts', code);
    expect(found.map((f) => f.split(':')[1])).toEqual(['1', '2', '3']);
  });
});
