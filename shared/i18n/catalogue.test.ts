// The catalogue check of the test command: both languages have every key, every key has a translator
// note, every key is used somewhere in the code, and every key the code names exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynamicKeys } from './dynamic-keys';
import { glossaryRules } from './glossary';
import en from './en.json';
import notes from './notes.json';
import vi from './vi.json';
import { bilingual, translate, word } from './index';

const root = join(__dirname, '..', '..');
type Tree = { [k: string]: string | Tree };

/** Flattened keys, plural suffixes folded (languages differ in plural forms). */
function keys(tree: Tree, prefix = ''): string[] {
  const out = Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k.replace(/_(one|other)$/, '')}`] : keys(v, `${prefix}${k}.`),
  );
  return [...new Set(out)].sort();
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(path);
    if (!/\.(ts|tsx|mjs|cjs|html)$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) return [];
    return path.endsWith('dynamic-keys.ts') ? [] : [path];
  });
}

const code = ['renderer', 'electron', 'services', 'node-shared', 'cli', 'harness', 'shared', 'tally', 'bin']
  .flatMap((d) => sources(join(root, d)))
  .map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }));
const literals = new Map<string, string>(); // literal → first file naming it
for (const { file, text } of code)
  for (const m of text.matchAll(/(['"`])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g))
    if (!literals.has(m[2])) literals.set(m[2], file);

const viKeys = keys(vi);
const sections = new Set(Object.keys(vi));
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[\\w-]+')}$`);

describe('the catalogue', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keys(en as Tree)).toEqual(viKeys);
  });

  it('has a translator note for every key, and no note without a key', () => {
    const noted = keys(notes as unknown as Tree).filter((k) => k !== '_about');
    expect(viKeys.filter((k) => !noted.includes(k))).toEqual([]);
    expect(noted.filter((k) => !viKeys.includes(k))).toEqual([]);
    const empty = noted.filter((k) => {
      const note = k
        .split('.')
        .reduce<Tree | string | undefined>((n, p) => (n as Tree | undefined)?.[p], notes as unknown as Tree);
      return typeof note !== 'string' || note.trim().length < 10;
    });
    expect(empty).toEqual([]);
  });

  it('has no key the code does not use (keys built at run time are declared in dynamic-keys.ts)', () => {
    const dynamic = dynamicKeys.map((d) => glob(d.keys));
    const unused = viKeys.filter((k) => !literals.has(k) && !dynamic.some((re) => re.test(k)));
    expect(unused).toEqual([]);
  });

  it('every run-time template declared in dynamic-keys.ts is still in the code', () => {
    const missing = dynamicKeys.filter((d) => !code.some(({ text }) => text.includes(`\`${d.template}\${`)));
    expect(missing).toEqual([]);
  });

  it('names no key that is missing', () => {
    const missing = [...literals]
      .filter(([k]) => sections.has(k.split('.')[0]) && !viKeys.includes(k))
      .filter(([k]) => !/\.(json|ts|js|lock|sqlite)$/.test(k)) // file names such as settings.json
      .filter(([k]) => !viKeys.some((key) => key.startsWith(`${k}.`))) // a section passed on, as t(`${prefix}.x`)
      .map(([k, file]) => `${file}: ${k}`);
    expect(missing).toEqual([]);
  });

  it('uses the campaign wording of the official letters', () => {
    expect(vi.campaign.title).toBe('Chiến dịch làm sạch mã độc trên không gian mạng');
    expect(vi.campaign.ask1).toContain('phần mềm bẻ khóa, không bản quyền');
    expect(vi.check.button).toBe('Kiểm tra ngay');
    expect(en.check.button).toBe('Check now');
  });
});

describe('the glossary', () => {
  const texts = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : texts(v, `${prefix}${k}.`),
    );
  it('has its terms in the catalogue, and no text uses a wording the glossary rules out', () => {
    const all = { vi: texts(vi), en: texts(en) };
    const broken = glossaryRules.flatMap((rule) => {
      expect(viKeys).toContain(rule.term);
      return rule.avoid.flatMap(({ language, pattern }) =>
        all[language]
          .filter(([key]) => !key.startsWith('glossary.'))
          .filter(([key]) => !(rule.allowedIn ?? []).some((p) => key.startsWith(p)))
          .filter(([, text]) => pattern.test(text))
          .map(([key, text]) => `${rule.term} (${language}) ${key}: ${text}`),
      );
    });
    expect(broken).toEqual([]);
  });
});

describe('wording a message', () => {
  it('fills parameters, writes numbers in the reader’s form and picks the plural', () => {
    expect(translate('vi', 'check.flagged', { count: 1234 })).toContain('1.234');
    expect(translate('en', 'check.flagged', { count: 1234 })).toContain('1,234');
    expect(translate('en', 'check.flagged', { count: 1 })).not.toBe(
      translate('en', 'check.flagged', { count: 2 }),
    );
  });
  it('says both languages when asked, once when they agree, and the key when it is unknown', () => {
    expect(bilingual('check.button')).toBe('Kiểm tra ngay / Check now');
    expect(word({ code: 'app.name' }, 'both')).toBe('Sạch Mã Độc');
    expect(translate('vi', 'no.such.key')).toBe('no.such.key');
  });
});
