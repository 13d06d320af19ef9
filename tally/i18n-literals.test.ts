// Issue 14, "one catalogue for all text", for the tally: no text for people is written in the
// tally's code. Its server answers, command line, dashboard and blocklists page take their words
// from shared/i18n (tally.* keys). This fails on a "Vietnamese / English" literal in tally/
// production code, on any Vietnamese literal outside the appendix report, and on text written
// into the dashboard's HTML instead of a data-t key.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasText } from '../shared/i18n';
import { fillPageText } from './server/page-text';

const root = join(__dirname, '..');
const VI = 'àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ';
// The pattern of the issue: a quoted string with a Vietnamese letter, then " / " and an English word.
const bilingualLiteral = new RegExp(`['"\`][^'"\`]*[${VI}][^'"\`]* / [A-Za-z]`, 'i');
const literal = new RegExp(`(['"\`])[^'"\`]*[${VI}][^'"\`]*\\1?`, 'i');

/**
 * The appendix report (tally/report/) reproduces the official Vietnamese form of the campaign
 * letter (Phụ lục, Decree 30/2020 layout): a document in Vietnamese by law, not interface text.
 */
const VIETNAMESE_DOCUMENT = /^tally\/report\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Lines of code with their number, comments left out (they may quote the words they explain). */
function codeLines(text: string): { n: number; line: string }[] {
  let inBlock = false;
  return text.split('\n').flatMap((raw, i) => {
    let line = raw;
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) return [];
      inBlock = false;
      line = line.slice(end + 2);
    }
    if (/^\s*\/\*/.test(line) && !line.includes('*/')) {
      inBlock = true;
      return [];
    }
    line = line.replace(/\/\*.*?\*\//g, '').replace(/(^|\s)\/\/.*$/, '');
    return line.trim() === '' ? [] : [{ n: i + 1, line }];
  });
}

/** Every line of tally/ production code that `pattern` finds, as "file:line: text". */
function offenders(pattern: RegExp, skip?: RegExp): string[] {
  return sources(join(root, 'tally')).flatMap((file) => {
    const rel = relative(root, file).replaceAll('\\', '/');
    if (skip?.test(rel)) return [];
    return codeLines(readFileSync(file, 'utf8'))
      .filter(({ line }) => pattern.test(line))
      .map(({ n, line }) => `${rel}:${n}: ${line.trim()}`);
  });
}

describe('tally text comes from the catalogue', () => {
  it('the check finds what it looks for (a bilingual literal, a Vietnamese one), not comments', () => {
    expect(bilingualLiteral.test(`throw new Error('Không đọc được / cannot read');`)).toBe(true);
    expect(bilingualLiteral.test('`${f}: tệp rỗng / empty file`')).toBe(true);
    expect(bilingualLiteral.test(`say('tally.cli.seeHelp')`)).toBe(false);
    expect(literal.test(`el('td', 'Chưa gửi')`)).toBe(true);
    expect(codeLines('// "Đắk Lắk, ngày 02 tháng 12"\n/**\n * Tên đơn vị\n */\nconst x = 1;')).toEqual([
      { n: 5, line: 'const x = 1;' },
    ]);
  });

  it('has no "Vietnamese / English" literal in tally/ production code', () => {
    expect(offenders(bilingualLiteral)).toEqual([]);
  });

  it('has no Vietnamese literal in tally/ production code outside the appendix report', () => {
    expect(offenders(literal, VIETNAMESE_DOCUMENT)).toEqual([]);
  });

  it('writes no text into the dashboard HTML: every word is a data-t key of the catalogue', () => {
    const html = readFileSync(join(root, 'tally', 'dashboard', 'index.html'), 'utf8');
    const text = html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    // Only the "no figure yet" dashes of the summary cards stay in the page itself.
    expect(text.replace(/[–\s]/g, '')).toBe('');
    const keys = [...html.matchAll(/data-t(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !hasText(k))).toEqual([]);
  });
});

describe('the dashboard page in each language', () => {
  const html = readFileSync(join(root, 'tally', 'dashboard', 'index.html'), 'utf8');
  it('is Vietnamese by default, with every key filled', () => {
    const vi = fillPageText(html, 'vi');
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('<h2 id="summary-title">Tổng hợp toàn tỉnh</h2>');
    expect(vi).toContain('placeholder="1234/STTTT-CNTT"');
    expect(vi).toContain('href="?lang=en"');
    expect(vi).not.toMatch(/data-t/);
  });
  it('is English with ?lang=en', () => {
    const en = fillPageText(html, 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h2 id="summary-title">Province summary</h2>');
    expect(en).not.toMatch(/Tổng hợp toàn tỉnh|data-t/);
  });
  it('refuses an element that has its own words beside a key, and a key it cannot fill', () => {
    expect(() => fillPageText('<p data-t="tally.page.login">Đăng nhập</p>', 'vi')).toThrow(/has text/);
    expect(() => fillPageText('<p data-t="tally.page.login"><b></b></p>', 'vi')).toThrow(/unfilled/);
    expect(fillPageText('<b title="x" data-t="tally.page.signIn"></b>', 'en')).toBe(
      '<b title="x">Sign in</b>',
    );
  });
});
