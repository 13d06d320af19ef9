// Campaigns on the tally (issue 11): a campaign exists only when the agency publishes a signed feed
// to it. Publishing checks the signature (pinned keys, or one given key), refuses the sample feed
// and older versions, serves the feed as /feed/latest.json and records the campaign with the
// indicator ids the app may report. Every count, report and dashboard view is for one campaign:
// the one asked for, else the campaign of the feed the tally serves.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CampaignFeed } from '../shared/campaign-feed/campaign-feed';
import { feedToIndicators, validateFeedBytes } from '../shared/campaign-feed/validate-feed';
import { writeFileAtomic } from '../node-shared/atomic-write';
import { loadPinnedKeys, parsePublicKey } from '../node-shared/feed/keys';
import { verifyFeed } from '../node-shared/feed/verify-feed';
import { bilingual, word, type Message, type Wording } from '../shared/i18n';
import type { CampaignRecord, TallyStore } from './store/types';

/**
 * A refusal a person reads: what happened, where, and what to do, as catalogue messages (`text`,
 * `hint`) after the raw reason of a check that refused the feed (`detail`). `message` is worded
 * as the command line speaks (`--lang`); the admin API words it for its readers (worded()).
 */
export class CampaignError extends Error {
  constructor(
    readonly code:
      'unreadable' | 'refused-feed' | 'sample-feed' | 'older-version' | 'no-campaign' | 'unknown-campaign',
    readonly text: Message,
    readonly hint?: Message,
    readonly detail?: string,
  ) {
    super('');
    this.name = 'CampaignError';
    this.message = this.worded();
  }

  /** The refusal in one wording (default: the process's, as `bilingual`). */
  worded(wording?: Wording): string {
    const say = (m: Message) => (wording ? word(m, wording) : bilingual(m.code, m.params));
    const words = [say(this.text), ...(this.hint ? [say(this.hint)] : [])].join(' ');
    return this.detail ? `${this.detail}\n${words}` : words;
  }
}

/** The command that publishes a feed, as messages quote it. */
export const PUBLISH = 'npm run tally -- feed publish FEED.json';

/** Where the served feed lives in the data directory. */
export function servedFeedPaths(dataDir: string): { feed: string; sig: string } {
  const dir = join(dataDir, 'feed');
  return { feed: join(dir, 'latest.json'), sig: join(dir, 'latest.json.sig') };
}

/** The campaign record of a verified feed. */
export function campaignFromFeed(feed: CampaignFeed, now: Date): CampaignRecord {
  const c = feed.campaign;
  return {
    id: c.id,
    nameVi: c.name.vi,
    nameEn: c.name.en,
    letter: c.letter ?? '',
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    reportDeadline: c.reportDeadline,
    feedVersion: feed.version,
    feedPublishedAt: feed.publishedAt,
    recordedAt: now.toISOString(),
  };
}

/** The ids a result may list for this feed: exactly what the app derives (feedToIndicators). */
export function indicatorKeys(feed: CampaignFeed): string[] {
  return [...new Set(feedToIndicators(feed).map((i) => i.id))];
}

/** Reads an input of publishing; `unreadable` is the catalogue key that says which one could not be read. */
async function read(path: string, unreadable: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CampaignError('unreadable', { code: unreadable, params: { path, reason } });
  }
}

/** The feed the tally serves now (verified against nothing: it was verified when published). */
async function servedFeed(dataDir: string): Promise<CampaignFeed | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(servedFeedPaths(dataDir).feed);
  } catch {
    return undefined;
  }
  const v = validateFeedBytes(bytes, 'latest.json');
  return v.ok ? v.feed : undefined;
}

export interface PublishOptions {
  feedFile: string;
  /** A PEM public key to check against instead of the pinned keys. */
  keyFile?: string;
  /** The pinned keys (assets/keys). */
  keysDir: string;
  dataDir: string;
  store: TallyStore;
  now: Date;
}

/** Publishes a signed campaign feed (see the file comment); returns the recorded campaign. */
export async function publishFeed(
  o: PublishOptions,
): Promise<{ campaign: CampaignRecord; status: 'created' | 'updated'; indicators: number }> {
  const bytes = await read(o.feedFile, 'tally.campaign.unreadableFeed');
  const sig = await read(`${o.feedFile}.sig`, 'tally.campaign.unreadableSig');
  const keys = o.keyFile
    ? [parsePublicKey(await read(o.keyFile, 'tally.campaign.unreadableKey'), o.keyFile)]
    : await loadPinnedKeys(o.keysDir);
  const verified = verifyFeed(bytes, sig, keys, o.feedFile);
  if (!verified.ok)
    throw new CampaignError(
      'refused-feed',
      { code: 'tally.campaign.notPublished' },
      undefined,
      verified.error.message,
    );
  const feed = verified.value.feed;
  if (feed.campaign.sample)
    throw new CampaignError('sample-feed', { code: 'tally.campaign.sample', params: { file: o.feedFile } });
  const served = await servedFeed(o.dataDir);
  if (served && served.campaign.id === feed.campaign.id && feed.version < served.version)
    throw new CampaignError('older-version', {
      code: 'tally.campaign.older',
      params: { file: o.feedFile, version: feed.version, served: served.version, campaign: feed.campaign.id },
    });
  const campaign = campaignFromFeed(feed, o.now);
  const keysOfFeed = indicatorKeys(feed);
  // Recorded before it is served: a result made with the new feed is never refused for want of it.
  const status = await o.store.recordCampaign(campaign, keysOfFeed);
  const paths = servedFeedPaths(o.dataDir);
  await mkdir(join(o.dataDir, 'feed'), { recursive: true });
  await writeFileAtomic(paths.sig, sig);
  await writeFileAtomic(paths.feed, bytes);
  return { campaign, status, indicators: keysOfFeed.length };
}

/**
 * The campaign of a count or report: `requested`, else the campaign of the served feed, else the
 * most recently published one. Throws a CampaignError when there is none or it is unknown.
 */
export async function resolveCampaign(
  store: TallyStore,
  dataDir: string,
  requested?: string,
): Promise<CampaignRecord> {
  const campaigns = await store.listCampaigns();
  if (requested) {
    const found = campaigns.find((c) => c.id === requested);
    if (found) return found;
    const known = campaigns.map((c) => c.id).join(', ');
    throw new CampaignError(
      'unknown-campaign',
      known
        ? { code: 'tally.campaign.unknown', params: { campaign: requested, known } }
        : { code: 'tally.campaign.unknownNone', params: { campaign: requested } },
      {
        code: 'tally.campaign.unknownHint',
        params: { list: 'npm run tally -- campaigns', publish: 'feed publish' },
      },
    );
  }
  const served = await servedFeed(dataDir);
  const current = campaigns.find((c) => c.id === served?.campaign.id) ?? campaigns[0];
  if (current) return current;
  throw new CampaignError('no-campaign', { code: 'tally.campaign.none', params: { command: PUBLISH } });
}
