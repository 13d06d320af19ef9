// What `feed build` and `feed inspect` say about URL indicators and catch-all entries: the
// indicators taken from URL hosts, the shared-platform hosts left out, and the catch-all entries
// that stop a build (issue 10.1, issue 12 "Breadth guard").
import { campaignFeedSchema } from '../shared/campaign-feed/campaign-feed';
import type { FeedParseResult, SharedPlatformDrop } from '../shared/indicator-formats/types';
import { broadAllowReason, broadReason } from '../shared/indicators/breadth';
import type { BroadReason } from '../shared/indicators/breadth';
import { PLATFORM_CATEGORY_NAMES } from '../shared/indicators/shared-platforms';
import type { BroadEntry } from '../services/feed/feed-build';
import { bilingual, bilingualPair } from '../shared/i18n';
import type { CliIo } from './io';

/** Prints the indicators taken from URL hosts and the shared-platform hosts left out (stdout: a report). */
export function reportUrlHosts(
  io: CliIo,
  derived: readonly { file: string; line: number; type: string; value: string; fromUrl: string }[],
  drops: readonly (SharedPlatformDrop & { file: string })[],
): void {
  if (derived.length > 0) {
    io.stdout(`${bilingual('msg.cli.feed.derived', { count: derived.length })}:\n`);
    for (const d of derived) io.stdout(`  ${d.file}:${d.line}: ${d.type} ${d.value} ← ${d.fromUrl}\n`);
  }
  if (drops.length > 0) {
    io.stdout(`${bilingual('msg.cli.feed.sharedLeftOut', { count: drops.length })}:\n`);
    for (const d of drops) {
      const name = PLATFORM_CATEGORY_NAMES[d.category];
      io.stdout(
        `  ${d.file}:${d.line}: ${d.host} (${d.platform}: ${bilingualPair(name)})${d.url ? ` ← ${d.url}` : ''}\n`,
      );
    }
  }
}

/** Reports catch-all entries on stderr; true when the build must stop (exit 2, nothing written). */
export function refuseBroad(io: CliIo, broad: readonly BroadEntry[], allowBroad: boolean): boolean {
  const where = (b: BroadEntry) =>
    b.list === 'allowList' ? `${b.file}: allowList[${b.line}]` : `${b.file}:${b.line}`;
  for (const b of broad) io.stderr(`${where(b)}: ${b.type} ${b.value}: ${bilingualPair(b.reason)}\n`);
  const allow = broad.filter((b) => b.list === 'allowList').length;
  const indicators = broad.length - allow;
  if (allow > 0) {
    io.stderr(`feed build: ${bilingual('msg.cli.feed.broadAllow', { count: allow })}\n`);
    return true;
  }
  if (indicators > 0 && !allowBroad) {
    io.stderr(`feed build: ${bilingual('msg.cli.feed.broadIndicators', { count: indicators })}\n`);
    return true;
  }
  return false;
}

/** A catch-all entry as `feed inspect` lists it. */
export interface CatchAll {
  line: number;
  type: string;
  value: string;
  reason: BroadReason;
}

/**
 * The catch-all indicators of a parsed file, and of its allow-list when it is a campaign feed.
 * `found`: the catch-all indicators already picked out while the file was parsed (a streamed
 * parse, whose result holds no indicators).
 */
export function catchAllOf(
  result: FeedParseResult,
  bytes: Uint8Array,
  found?: readonly CatchAll[],
): CatchAll[] {
  const broad: CatchAll[] = found ? [...found] : [];
  for (const i of found ? [] : result.indicators) {
    const reason = broadReason(i.kind, i.value);
    if (reason !== null) broad.push({ line: i.line, type: i.kind, value: i.value, reason });
  }
  if (result.format !== 'campaign') return broad;
  // A campaign feed's allow-list is checked too: an entry like "vn" would hide every finding.
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return broad;
  }
  const feed = campaignFeedSchema.safeParse(json);
  const lines = text.split('\n');
  (feed.success ? feed.data.allowList : []).forEach((a, i) => {
    const reason = broadAllowReason(a.type, a.value);
    const at = lines.findIndex((l) => l.includes(JSON.stringify(a.value))) + 1;
    if (reason !== null) broad.push({ line: at, type: `allowList[${i}] ${a.type}`, value: a.value, reason });
  });
  return broad;
}
