// Campaigns on the tally (issue 11): a campaign exists only when the agency publishes a signed feed
// to it. Publishing checks the signature (pinned keys, or one given key), refuses the sample feed
// and older versions, serves the feed as /feed/latest.json and records the campaign with the
// indicator ids the app may report. Every count, report and dashboard view is for one campaign:
// the one asked for, else the campaign of the feed the tally serves.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CampaignFeed } from '../shared/feed/campaign-feed';
import { feedToIndicators, validateFeedBytes } from '../shared/feed/validate-feed';
import { writeFileAtomic } from '../electron/services/atomic-write';
import { loadPinnedKeys, parsePublicKey } from '../electron/services/feed/keys';
import { verifyFeed } from '../electron/services/feed/verify-feed';
import type { CampaignRecord, TallyStore } from './store/types';

/** A refusal a person reads: what happened, where, and what to do (Vietnamese, then English). */
export class CampaignError extends Error {
  constructor(
    readonly code:
      'unreadable' | 'refused-feed' | 'sample-feed' | 'older-version' | 'no-campaign' | 'unknown-campaign',
    message: string,
  ) {
    super(message);
    this.name = 'CampaignError';
  }
}

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

async function read(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CampaignError(
      'unreadable',
      `${path}: không đọc được ${what.split(' / ')[0]} (${(e as NodeJS.ErrnoException).code ?? String(e)}); kiểm tra đường dẫn. / ${path}: cannot read the ${what.split(' / ')[1]}; check the path.`,
    );
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
  const bytes = await read(o.feedFile, 'tệp nguồn cấp / feed file');
  const sig = await read(`${o.feedFile}.sig`, 'tệp chữ ký .sig bên cạnh / signature file (.sig) beside it');
  const keys = o.keyFile
    ? [parsePublicKey(await read(o.keyFile, 'khoá công khai / public key'), o.keyFile)]
    : await loadPinnedKeys(o.keysDir);
  const verified = verifyFeed(bytes, sig, keys, o.feedFile);
  if (!verified.ok)
    throw new CampaignError('refused-feed', `${verified.error.message}\nKhông công bố. / Not published.`);
  const feed = verified.value.feed;
  if (feed.campaign.sample)
    throw new CampaignError(
      'sample-feed',
      `${o.feedFile}: đây là nguồn cấp MẪU (campaign.sample = true), không phải chiến dịch thật; hãy công bố nguồn cấp do cơ quan ký. / This is the SAMPLE feed, not a real campaign; publish the feed the agency signed.`,
    );
  const served = await servedFeed(o.dataDir);
  if (served && served.campaign.id === feed.campaign.id && feed.version < served.version)
    throw new CampaignError(
      'older-version',
      `${o.feedFile}: phiên bản ${feed.version} cũ hơn phiên bản đang phục vụ (${served.version}) của chiến dịch "${feed.campaign.id}"; hãy công bố bản mới nhất. / version ${feed.version} is older than the served version ${served.version}; publish the newest feed.`,
    );
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
    throw new CampaignError(
      'unknown-campaign',
      `Chiến dịch "${requested}" chưa được công bố trên máy chủ này (có: ${campaigns.map((c) => c.id).join(', ') || 'chưa có'}). / Campaign "${requested}" is not published on this tally. Xem danh sách: npm run tally -- campaigns; công bố bằng feed publish. / List them with: npm run tally -- campaigns; publish one with feed publish.`,
    );
  }
  const served = await servedFeed(dataDir);
  const current = campaigns.find((c) => c.id === served?.campaign.id) ?? campaigns[0];
  if (current) return current;
  throw new CampaignError(
    'no-campaign',
    'Chưa có chiến dịch nào: hãy công bố nguồn cấp đã ký bằng `npm run tally -- feed publish FEED.json`. / No campaign yet: publish the signed feed with `npm run tally -- feed publish FEED.json`.',
  );
}
