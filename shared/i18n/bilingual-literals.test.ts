// The check that production code words no text for people in a literal: no "Vietnamese / English"
// string, no `{ vi: '…', en: '…' }` object of literals, no Vietnamese string at all, no conditional
// on the language that picks an English sentence written in code (`lang === 'vi' ? x : 'Open
// file'`). Such text belongs in the catalogue (shared/i18n/{vi,en,notes}.json) and is worded where
// it is shown (`bilingual`, `translate`, `textPair`, `userError`, the renderer's `t`). Comments are
// not code; tests may assert the words; a `{vi, en}` pair built from the catalogue (textPair) or
// read from data (a signed feed's campaign name) is fine. The few files that must keep Vietnamese
// literals are in ALLOWED, each with its reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The production folders checked. One list, so a folder joins the check by one line. */
const CHECKED_FOLDERS = [
  'cli',
  'services',
  'node-shared',
  'shared',
  'electron',
  'harness',
  'tally',
  'renderer',
];

const VIETNAMESE = 'àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ';
/** A quote, then Vietnamese, then " / " and a Latin letter, with no quote between: "Tệp / File". */
const PAIR = new RegExp(`['\`"][^'\`"\\n]*[${VIETNAMESE}][^'\`"\\n]* / [A-Za-z]`, 'i');

const root = join(__dirname, '..', '..');

/** Production files that may keep Vietnamese literals or `{vi, en}` literal objects, and why. */
const ALLOWED: Readonly<Record<string, string>> = {
  'tally/report/':
    "the appendix report (Phụ lục) is the agency's official Vietnamese form: its words are fixed by the letter, not translated",
  'shared/parsers/windows-languages.ts':
    'words Windows prints in other languages, with the real captures they come from: input data, never shown as our text',
};

/** The product's name is the same in every language (glossary), so it is not text to translate. */
const PRODUCT = /Sạch Mã Độc/g;
const VIETNAMESE_LETTER = new RegExp(`[${VIETNAMESE}]`, 'i');

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

/** The literal text of a string or template (its `${…}` holes left out). */
function literalText(n: ts.Node): string | null {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n))
    return [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('…');
  return null;
}

/** True when an expression names a language: `lang`, `language`, `locale`, `en`, `vi`, `'en'`, `'vi'`. */
function mentionsLanguage(n: ts.Node): boolean {
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) return /^(en|vi)$|lang|locale/i.test(n.text);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return /^(en|vi)$/i.test(n.text);
  return ts.forEachChild(n, (c) => (mentionsLanguage(c) ? true : undefined)) ?? false;
}

/** An English sentence in a literal: a word of letters and a space ("Open file", "`${n} items`"). */
const SENTENCE = /[A-Za-z]{2}/;
const isSentence = (n: ts.Expression): boolean => {
  const inner = ts.isParenthesizedExpression(n) ? n.expression : n;
  const text = literalText(inner);
  return text !== null && text.includes(' ') && SENTENCE.test(text);
};

/**
 * Every Vietnamese string or template literal in `code` (the product's name aside), every
 * `{ vi: …, en: … }` object whose either side is a literal with a letter in it, and every
 * conditional on a language (`lang === 'vi' ? x : 'Open file'`) with an English sentence literal
 * in a branch: one language's words chosen in code instead of the catalogue.
 */
function textLiterals(file: string, code: string): string[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) =>
    found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${what.slice(0, 100)}`);
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== null && VIETNAMESE_LETTER.test(text.replace(PRODUCT, ''))) at(node, text);
    if (ts.isObjectLiteralExpression(node)) {
      const side = (name: string) =>
        node.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === name,
        );
      const vi = side('vi');
      const en = side('en');
      const worded = (p: ts.PropertyAssignment | undefined) =>
        p !== undefined && /[A-Za-z]/.test(literalText(p.initializer) ?? '');
      if (vi && en && (worded(vi) || worded(en))) at(node, `{ vi, en } literal: ${node.getText(sf)}`);
    }
    if (
      ts.isConditionalExpression(node) &&
      mentionsLanguage(node.condition) &&
      (isSentence(node.whenTrue) || isSentence(node.whenFalse))
    )
      at(node, `language conditional: ${node.getText(sf)}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...new Set(found)];
}

const allowedFor = (path: string) => Object.keys(ALLOWED).find((a) => path === a || path.startsWith(a));

describe('no literal text for people in production code', () => {
  const files = CHECKED_FOLDERS.flatMap((d) => sources(join(root, d))).map((path) => relative(root, path));

  it('has no Vietnamese literal and no { vi, en } literal object outside the allow-list', () => {
    const found = files
      .filter((path) => allowedFor(path) === undefined)
      .flatMap((path) => textLiterals(path, readFileSync(join(root, path), 'utf8')));
    expect(found).toEqual([]);
  });

  it('allows only places that still need it, each with its reason', () => {
    const stale = Object.keys(ALLOWED).filter(
      (a) =>
        ALLOWED[a].length < 20 ||
        !files.some(
          (path) =>
            allowedFor(path) === a && textLiterals(path, readFileSync(join(root, path), 'utf8')).length > 0,
        ),
    );
    expect(stale).toEqual([]);
  });

  it('sees Vietnamese strings and templates and { vi, en } literals, not the product name or catalogue pairs', () => {
    const code = [
      "const a = 'Không đọc được tệp';",
      'const b = `${n} dòng`;',
      "const c = { vi: 'Tệp rỗng', en: 'The file is empty' };",
      "const d = { vi: 'x', en: `${y} items` };",
      "const e = 'Sạch Mã Độc';",
      "const f = textPair('msg.capture.empty');",
      "const g = { vi: '—', en: '—' };",
      'const h = { vi: pair.vi, en: pair.en };',
      '// Một chú thích',
    ].join('\n');
    expect(textLiterals('example.ts', code).map((f) => f.split(':')[1])).toEqual(['1', '2', '3', '3', '4']);
  });

  it('sees a conditional on the language with an English sentence in a branch, not other conditionals', () => {
    const code = [
      "const a = lang === 'vi' ? x : 'Open file';",
      "const b = en ? 'Open the file' : t('files.open');",
      "const c = language === 'en' ? `${n} items` : t('items', { n });",
      "const d = locale.startsWith('vi') ? t('a') : 'Try again later';",
      "const e = l === 'en' ? 'Open' : t('files.open');",
      "const f = ready ? 'Open file' : 'Wait a moment';",
      "const g = lang === 'vi' ? 'vi-VN' : 'en-GB';",
      "const h = lang === 'vi' ? t('a') : t('b');",
    ].join('\n');
    expect(textLiterals('example.ts', code).map((f) => f.split(':')[1])).toEqual(['1', '2', '3', '4']);
  });
});

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
