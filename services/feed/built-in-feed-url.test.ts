// The agency's feed address is built into the app (issue 15): `SACHMADOC_FEED_URL` at build time
// becomes a constant in main's bundle, which the feed store uses when Settings has no address.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron';
import { tempDir } from '../../test/support/feed/feed-test-kit';

describe('built-in feed address', () => {
  it('is the build environment’s SACHMADOC_FEED_URL, and nothing when unset', async () => {
    const url = 'https://tally.sotttt.gov.vn/feed/latest.json';
    const withUrl = join(await tempDir(), 'app');
    await buildElectron(withUrl, { env: { SACHMADOC_FEED_URL: url } });
    const main = await readFile(join(withUrl, 'main.cjs'), 'utf8');
    expect(main).toContain(JSON.stringify(url));
    expect(main).not.toContain('__SACHMADOC_FEED_URL__');

    const without = join(await tempDir(), 'app');
    await buildElectron(without, { env: {} });
    expect(await readFile(join(without, 'main.cjs'), 'utf8')).not.toContain('tally.sotttt.gov.vn');
  }, 120_000);
});
