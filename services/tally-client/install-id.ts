// The install id counts machines, not people: random, new for each campaign, kept only on this
// machine (install-ids.json in the tally directory) so a machine's re-scans count once.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { campaignIdSchema } from '../../shared/tally/result';
import { PRIVATE, writeFileAtomic } from '../../node-shared/atomic-write';

/** Returns this machine's install id for a campaign, creating and storing it on first use. */
export async function getInstallId(
  dir: string,
  campaignId: string,
  newId: () => string = randomUUID,
): Promise<string> {
  campaignIdSchema.parse(campaignId);
  const file = join(dir, 'install-ids.json');
  let ids: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object') ids = parsed as Record<string, string>;
  } catch {
    // First use, or an unreadable file: a new id only means this machine counts again once.
  }
  const known = ids[campaignId];
  if (typeof known === 'string' && /^[0-9a-f-]{36}$/.test(known)) return known;
  const id = newId();
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ ...ids, [campaignId]: id }, null, 2), PRIVATE);
  return id;
}
