// What this install remembers about a campaign across restarts (campaign-findings.json in the
// tally directory): that one of its checks found a campaign connection. The next check without one
// is then sent as a clean re-scan, whether the machine was cleaned with the guided cleanup, the
// official tool or a reinstall. The tally decides "cleaned" from its own records (machine-rules.ts);
// this only keeps the result's `cleanRescan` truthful for the people who read it.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { campaignIdSchema } from '../../shared/tally/result';
import { PRIVATE, writeFileAtomic } from '../../node-shared/atomic-write';

const FILE = 'campaign-findings.json';

async function load(dir: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, FILE), 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, string>;
  } catch {
    // Never written yet, or unreadable: nothing remembered (the result then says null, not a guess).
  }
  return {};
}

/** True when a check of this install found a campaign connection in `campaignId`. */
export async function hadFindings(dir: string, campaignId: string): Promise<boolean> {
  return typeof (await load(dir))[campaignIdSchema.parse(campaignId)] === 'string';
}

/** Records (once, with the first time) that a check in `campaignId` found a campaign connection. */
export async function rememberFindings(dir: string, campaignId: string, now: Date): Promise<void> {
  const known = await load(dir);
  if (typeof known[campaignIdSchema.parse(campaignId)] === 'string') return;
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(
    join(dir, FILE),
    JSON.stringify({ ...known, [campaignId]: now.toISOString() }, null, 2),
    PRIVATE,
  );
}

/**
 * The `cleanRescan` a result carries: the guided cleanup's own re-scan when one ran (information
 * beside the check's findings; the tally never counts a result with findings as clean); otherwise
 * true when this install had findings earlier in the campaign and this check has none.
 */
export function cleanRescanFor(had: boolean, hasNow: boolean, fromCleanup: boolean | null): boolean | null {
  if (fromCleanup !== null) return fromCleanup;
  return had && !hasNow ? true : null;
}
