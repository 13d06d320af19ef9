// The build pins production feed keys (scripts/pin-feed-keys.ts): published test and sample keys
// are refused, a release needs a key, and the pinned key is what the built bundle trusts.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { generateKeyPairPem, parsePublicKey } from '../../node-shared/feed/keys';
import { agencyKeysDefine, pinFeedKeys } from '../../scripts/pin-feed-keys';
import { buildElectron } from '../../scripts/build-electron';
import { bundled, keyFixtures, repoRoot, tempDir } from '../../test/support/feed/feed-test-kit';

describe('pinning production feed keys at build time', () => {
  it('fails a release build that has no production key, before bundling anything', async () => {
    const out = await tempDir();
    await expect(pinFeedKeys({ root: repoRoot, env: {}, release: true })).rejects.toThrow(
      /release build needs the agency's production public key/,
    );
    await expect(buildElectron(join(out, 'app'), { release: true, env: {} })).rejects.toThrow(
      /release build/,
    );
    // A development build without one pins nothing (the app then says it trusts TEST-ONLY keys).
    expect(await pinFeedKeys({ root: repoRoot, env: {}, release: false })).toBeNull();
  });

  it('refuses every key whose private half is published here: TEST-ONLY agency keys and the sample key', async () => {
    for (const dir of [join(bundled.keysDir, 'test'), join(bundled.keysDir, 'sample'), keyFixtures])
      await expect(
        pinFeedKeys({ root: repoRoot, env: { SACHMADOC_FEED_KEYS_DIR: dir }, release: true }),
      ).rejects.toThrow(/TEST\/SAMPLE key whose private half is published/);
    const samplePem = await readFile(join(bundled.keysDir, 'sample', 'sample-2026.pub'), 'utf8');
    const fresh = generateKeyPairPem().publicPem;
    // One bad key among good ones fails the whole build.
    await expect(
      pinFeedKeys({ root: repoRoot, env: { SACHMADOC_FEED_KEYS: `${fresh}\n${samplePem}` }, release: true }),
    ).rejects.toThrow(/TEST\/SAMPLE key/);
  });

  it('pins two production keys from PEM text or a folder, and the built bundle trusts exactly them', async () => {
    const k1 = generateKeyPairPem().publicPem;
    const k2 = generateKeyPairPem().publicPem;
    const ids = [parsePublicKey(k1, 'a').keyId, parsePublicKey(k2, 'b').keyId];
    const fromEnv = await pinFeedKeys({
      root: repoRoot,
      env: { SACHMADOC_FEED_KEYS: `${k1}${k2}` },
      release: true,
    });
    expect(fromEnv?.keyIds).toEqual(ids);
    const dir = await tempDir();
    await mkdir(join(dir, 'keys'));
    await writeFile(join(dir, 'keys', 'agency-2026.pub'), k1);
    await writeFile(join(dir, 'keys', 'agency-2027.pub'), k2);
    const fromDir = await pinFeedKeys({
      root: repoRoot,
      env: { SACHMADOC_FEED_KEYS_DIR: join(dir, 'keys') },
      release: true,
    });
    expect(fromDir?.keyIds).toEqual(ids);

    // Bundle the key loader as build-electron does and run it: the test keys are gone.
    const entry = join(dir, 'entry.ts');
    await writeFile(
      entry,
      `import { loadPinnedKeys } from ${JSON.stringify(join(repoRoot, 'node-shared/feed/keys.ts'))};\n` +
        `loadPinnedKeys(${JSON.stringify(bundled.keysDir)}).then((k) => console.log(JSON.stringify(k.map((x) => [x.keyId, x.role, x.test ?? false]))));\n`,
    );
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: join(dir, 'out.cjs'),
      define: agencyKeysDefine(fromDir),
      logLevel: 'silent',
    });
    const printed = JSON.parse(
      execFileSync(process.execPath, [join(dir, 'out.cjs')], { encoding: 'utf8' }),
    ) as unknown;
    const sampleId = parsePublicKey(
      await readFile(join(bundled.keysDir, 'sample', 'sample-2026.pub')),
      'sample',
    ).keyId;
    expect(printed).toEqual([
      [ids[0], 'agency', false],
      [ids[1], 'agency', false],
      [sampleId, 'sample', false],
    ]);
  });
});
