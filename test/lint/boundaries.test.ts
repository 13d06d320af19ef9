// The layering of DESIGN.md is enforced by lint (eslint.config.js, eslint-plugin-boundaries): each
// forbidden direction, written as a real import from a real file of that folder, fails; the allowed
// directions pass. Only the layering rules run here (the type-aware rules need the whole program).
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/') || ruleId === 'no-restricted-imports',
});

/** The layering errors of `code` as the file `filePath` (a real file: the imports resolve from it). */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint enforces every direction between the products', () => {
  it.each([
    [
      'electron → renderer',
      'electron/main.ts',
      "import { App } from '../renderer/App';\nexport { App };\n",
      'glue',
    ],
    [
      'services → cli',
      'services/command-runner.ts',
      "import { runScanCommand } from '../cli/scan-command';\nexport { runScanCommand };\n",
      'never the CLI',
    ],
    [
      'services → electron',
      'services/command-runner.ts',
      "import { registerIpcHandlers } from '../electron/ipc/register';\nexport { registerIpcHandlers };\n",
      'never the CLI, Electron',
    ],
    [
      'tally → services (desktop code)',
      'tally/campaigns.ts',
      "import { commandKey } from '../services/command-runner';\nexport { commandKey };\n",
      'never the desktop code',
    ],
    [
      'tally → cli',
      'tally/campaigns.ts',
      "import { runScanCommand } from '../cli/scan-command';\nexport { runScanCommand };\n",
      'never the desktop code',
    ],
    [
      'renderer → services (Node)',
      'renderer/format.ts',
      "import { commandKey } from '../services/command-runner';\nexport { commandKey };\n",
      'window.api',
    ],
    [
      'shared → services',
      'shared/domain.ts',
      "import { commandKey } from '../services/command-runner';\nexport { commandKey };\n",
      'imports only shared/',
    ],
    [
      'shared → tally',
      'shared/domain.ts',
      "import { buildTallyApp } from '../tally/server/app';\nexport { buildTallyApp };\n",
      'imports only shared/',
    ],
    [
      'node-shared → services',
      'node-shared/atomic-write.ts',
      "import { commandKey } from '../services/command-runner';\nexport { commandKey };\n",
      'shared/ only',
    ],
    [
      'cli → electron',
      'cli/io.ts',
      "import { registerIpcHandlers } from '../electron/ipc/register';\nexport { registerIpcHandlers };\n",
      'cli/',
    ],
  ])('%s fails', async (_name, file, code, why) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^boundaries\/dependencies: /);
    expect(errors[0]).toContain(why);
  });

  it.each([
    [
      'cli → services, node-shared, shared',
      'cli/io.ts',
      "import { commandKey } from '../services/command-runner';\nimport { writeFileAtomic } from '../node-shared/atomic-write';\nimport { UserError } from '../shared/errors';\nexport { commandKey, writeFileAtomic, UserError };\n",
    ],
    [
      'electron → services and the shared catalogue',
      'electron/main.ts',
      "import { createAppServices } from '../services/app-services';\nimport vi from '../shared/i18n/vi.json';\nexport { createAppServices, vi };\n",
    ],
    [
      'tally → node-shared and shared',
      'tally/campaigns.ts',
      "import { verifyFeed } from '../node-shared/feed/verify-feed';\nimport { UserError } from '../shared/errors';\nexport { verifyFeed, UserError };\n",
    ],
    [
      'harness → services',
      'harness/http-bridge.ts',
      "import { createHandlers } from '../services/ipc/handlers';\nexport { createHandlers };\n",
    ],
  ])('%s passes', async (_name, file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });

  it('shared/ and the renderer never import Node', async () => {
    const shared = await layeringErrors(
      'shared/domain.ts',
      "import { readFile } from 'node:fs';\nexport { readFile };\n",
    );
    expect(shared).toHaveLength(1);
    expect(shared[0]).toContain('shared/ is pure TypeScript: no Node, no Electron.');
    const renderer = await layeringErrors(
      'renderer/format.ts',
      "import { readFile } from 'node:fs';\nexport { readFile };\n",
    );
    expect(renderer).toHaveLength(1);
    expect(renderer[0]).toContain('The renderer talks to main only through window.api.');
  });
});
