// scripts/restructure.mjs on a small tree in the old layout, in a throwaway git repository: the files
// move by the rules, every relative path and root path follows, a second run changes nothing, and a
// file a colleague adds at an old path afterwards (importing old paths) is moved and fixed too.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/restructure.mjs', import.meta.url));
const repo = mkdtempSync(join(tmpdir(), 'restructure-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const run = () =>
  execFileSync(process.execPath, ['scripts/restructure.mjs'], { cwd: repo, encoding: 'utf8' });

describe('scripts/restructure.mjs', () => {
  it('moves the old layout, rewrites every path, and a second run does nothing', () => {
    git('init', '-q');
    write(
      'electron/main.ts',
      "import { createAppServices } from './app-services';\nexport { createAppServices };\n",
    );
    write(
      'electron/app-services.ts',
      "import { x } from './services/scan/scan-service';\nexport const createAppServices = () => x;\n",
    );
    write('electron/ipc/register.ts', 'export const register = 1;\n');
    write('electron/ipc/handlers.ts', "import { register } from './register';\nexport const h = register;\n");
    write(
      'electron/services/scan/scan-service.ts',
      "import { f } from '../../../shared/feeds';\nexport const x = f;\n",
    );
    write(
      'electron/services/feed/paths.ts',
      "import { resolve } from 'node:path';\nexport const assets = (here: string) => resolve(here, '../../../assets');\n",
    );
    write(
      'electron/cli/main.ts',
      "import { x } from '../services/scan/scan-service';\nexport const y = x;\n",
    );
    write(
      'shared/feeds/index.ts',
      "import { schema } from '../feed/campaign-feed';\nexport const f = schema;\n",
    );
    write('shared/feed/campaign-feed.ts', 'export const schema = 1;\n');
    write('shared/ipc/mock-api.ts', 'export const mock = 1;\n');
    write('assets/feed/sample.json', '{}\n');
    write('test/fixtures/a.txt', 'a\n');
    write(
      'test/unit/scan/scan-service.test.ts',
      "import { x } from '../../../electron/services/scan/scan-service';\nimport { helper } from './helper';\n" +
        "const fx = new URL('../../fixtures/a.txt', import.meta.url);\nconst tpl = (n: string) => new URL(`../../fixtures/${n}`, import.meta.url);\nexport { x, helper, fx, tpl };\n",
    );
    write(
      'test/unit/scan/helper.ts',
      "import { mock } from '../../../shared/ipc/mock-api';\nexport const helper = mock;\n",
    );
    write(
      'test/unit/cli/bin.test.ts',
      "const repo = new URL('../../../', import.meta.url);\nexport { repo };\n",
    );
    write('package.json', '{ "scripts": { "scan": "tsx electron/cli/main.ts" } }\n');
    write('tsconfig.json', '{ "include": ["electron", "shared", "test"] }\n');
    write(
      'README.md',
      'Paths: `electron/services/feed/paths.ts`, the schema `shared/feed/campaign-feed.ts`.\n',
    );
    mkdirSync(join(repo, 'scripts'));
    copyFileSync(script, join(repo, 'scripts/restructure.mjs'));
    git('add', '-A');
    git('commit', '-qm', 'old layout');

    const first = run();
    expect(first).toContain('mv electron/cli/main.ts → cli/main.ts');
    // The Electron glue stays; the handler table, the services and the CLI leave electron/.
    expect(read('electron/main.ts')).toContain("from '../services/app-services'");
    expect(read('services/ipc/handlers.ts')).toContain("from '../../electron/ipc/register'");
    expect(read('services/app-services.ts')).toContain("from './scan/scan-service'");
    expect(read('services/scan/scan-service.ts')).toContain("from '../../shared/indicator-formats'");
    expect(read('services/feed/paths.ts')).toContain("resolve(here, '../../assets')");
    expect(read('cli/main.ts')).toContain("from '../services/scan/scan-service'");
    expect(read('shared/indicator-formats/index.ts')).toContain("from '../campaign-feed/campaign-feed'");
    // Test-only code out of shared/; the unit test beside the module of its name; helpers to support/.
    expect(read('test/support/scan/helper.ts')).toContain("from '../mock-api'");
    const test = read('services/scan/scan-service.test.ts');
    expect(test).toContain("from './scan-service'");
    expect(test).toContain("from '../../test/support/scan/helper'");
    expect(test).toContain("new URL('../../test/fixtures/a.txt', import.meta.url)");
    expect(test).toContain('new URL(`../../test/fixtures/${n}`, import.meta.url)');
    // A test that imports nothing of the product stays in test/, its root path still the root.
    expect(read('test/cli/bin.test.ts')).toContain("new URL('../../', import.meta.url)");
    expect(read('package.json')).toContain('tsx cli/main.ts');
    expect(read('tsconfig.json')).toContain(
      '"electron", "services", "cli", "harness", "node-shared", "shared"',
    );
    expect(read('README.md')).toBe(
      'Paths: `services/feed/paths.ts`, the schema `shared/campaign-feed/campaign-feed.ts`.\n',
    );
    expect(existsSync(join(repo, 'test/unit'))).toBe(false);
    git('add', '-A');
    git('commit', '-qm', 'restructured');

    expect(run()).toContain('nothing to do');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('has nothing to do on this repository: nothing sits at an old path', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const out = execFileSync(process.execPath, [script, '--dry-run'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('nothing to do');
  });

  it('moves and fixes a file added at an old path after the move, importing old paths', () => {
    write(
      'test/unit/scan/late.test.ts',
      "import { x } from '../../../electron/services/scan/scan-service';\nimport { schema } from '../../../shared/feed/campaign-feed';\nexport { x, schema };\n",
    );
    write(
      'electron/services/scan/extra.ts',
      "import { f } from '../../../shared/feeds';\nexport const e = f;\n",
    );
    git('add', '-A');
    git('commit', '-qm', 'a colleague works at the old paths');
    const out = run();
    expect(out).toContain('mv electron/services/scan/extra.ts → services/scan/extra.ts');
    expect(read('services/scan/late.test.ts')).toContain("from './scan-service'");
    expect(read('services/scan/late.test.ts')).toContain("from '../../shared/campaign-feed/campaign-feed'");
    expect(read('services/scan/extra.ts')).toContain("from '../../shared/indicator-formats'");
    git('add', '-A');
    git('commit', '-qm', 'again');
    expect(run()).toContain('nothing to do');
  });
});
