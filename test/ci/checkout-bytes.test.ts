// Issue 19: the Windows workflow checks out with core.autocrlf=true. Without `-text` in
// .gitattributes, git would rewrite LF to CRLF there: the bundled feed's detached signature would
// fail and the byte-level fixtures (LF, CRLF, UTF-16 captures) would no longer be what they say.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

describe('checkout keeps the bytes of signed feeds and fixtures on every platform', () => {
  it('no end-of-line conversion for assets/ and test/fixtures/, whatever core.autocrlf says', () => {
    const files = git('ls-files', '-z', '--', 'assets', 'test/fixtures').split('\0').filter(Boolean);
    expect(files).toContain('assets/feed/sample-feed.json');
    expect(files.length).toBeGreaterThan(80);
    const attrs = git('-c', 'core.autocrlf=true', 'check-attr', '-z', 'text', 'eol', '--', ...files).split(
      '\0',
    );
    // -z output: path, attribute, value triples.
    const converted: string[] = [];
    for (let i = 0; i + 2 < attrs.length; i += 3) {
      const [path, attr, value] = [attrs[i], attrs[i + 1], attrs[i + 2]];
      if ((attr === 'text' && value !== 'unset') || (attr === 'eol' && value !== 'unspecified'))
        converted.push(`${path}: ${attr}=${value}`);
    }
    expect(converted).toEqual([]);
  });
});
