// The feed the app uses right now, and how it changes: load the best verified feed at start
// (cache or the bundled signed sample), and update from the agency's server without ever letting a
// bad, unsigned, older or half-downloaded feed replace the last good one.
import { readFile } from 'node:fs/promises';
import type { AllowEntry, Campaign, CampaignFeed } from '../../shared/campaign-feed/campaign-feed';
import { feedToIndicators } from '../../shared/campaign-feed/validate-feed';
import type { Indicator } from '../../shared/domain';
import { userError } from '../../shared/errors';
import { bilingual } from '../../shared/i18n';
import { createLogger } from '../../shared/logger';
import type { Logger } from '../../shared/logger';
import type { AtomicWriteOptions } from '../../node-shared/atomic-write';
import { commitCache, readCache, sha256Hex, writeMeta } from './feed-cache';
import type { CacheMeta } from './feed-cache';
import { DEFAULT_HTTP_OPTIONS, DownloadError, fetchSignedPair } from './http-download';
import type { DownloadErrorCode, FetchLike, HttpOptions, SignedPair } from './http-download';
import type { PinnedKey } from '../../node-shared/feed/keys';
import { verifyFeed } from '../../node-shared/feed/verify-feed';
import type { FeedRejection } from '../../node-shared/feed/verify-feed';

/** Everything the store touches, injected. */
export interface FeedStoreDeps {
  /** Per-user cache directory (see paths.ts defaultCacheDir). */
  cacheDir: string;
  /** The bundled signed sample feed (see paths.ts bundledPaths). */
  bundled: { feedFile: string; sigFile: string };
  /** The agency's pinned public keys (see keys.ts loadPinnedKeys). */
  keys: readonly PinnedKey[];
  /** Feed URL used when update() gets none and the cache remembers none. */
  defaultUrl?: string;
  now?: () => Date;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); defaults to process.env. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  http?: Partial<HttpOptions>;
  /** Test hooks for the atomic cache writes. */
  writeHooks?: AtomicWriteOptions;
}

/** The feed in use, as the scan engine and the settings screen need it. */
export interface ActiveFeed {
  feed: CampaignFeed;
  campaign: Campaign;
  indicators: Indicator[];
  allowList: AllowEntry[];
  /** Where the bytes in use were read: the cache (downloaded earlier) or the bundled sample. */
  origin: 'cache' | 'bundled';
  /** The URL it was downloaded from, or the bundled file's path. */
  source: string;
  version: number;
  publishedAt: string;
  /** Last time the server confirmed this feed (200 accepted or 304), ISO-8601; null if never. */
  lastChecked: string | null;
  sample: boolean;
  keyId: string;
  /** Ids of the TEST-ONLY agency keys this build trusts (a development build); empty in a release. */
  testKeyIds: string[];
  /** Problems met while loading (damaged cache...), already phrased for a person. */
  warnings: string[];
}

/** Why an update did not complete. */
export interface FeedFailure {
  code: DownloadErrorCode | 'no-url' | 'bad-url' | 'cache-write' | 'campaign-ended';
  message: string;
  /** The HTTP status the server answered, for a download refused by status. */
  httpStatus?: number;
}

/** Tagged result of update(): the active feed changes only on 'updated'. */
export type UpdateResult =
  | { status: 'updated'; version: number; previousVersion: number; source: string }
  | { status: 'not-modified'; version: number; lastChecked: string }
  | { status: 'rejected'; reason: FeedRejection }
  | { status: 'failed'; reason: FeedFailure };

/** The app's feed: what is active, and updating it. */
export interface FeedStore {
  active(): ActiveFeed;
  update(options?: { url?: string }): Promise<UpdateResult>;
  /** Called after every change of the active feed (including lastChecked); returns an unsubscribe. */
  subscribe(listener: (feed: ActiveFeed) => void): () => void;
}

interface Loaded {
  active: ActiveFeed;
  sha256: string;
}

/** Loads the best verified feed (cache or bundled) and returns the store. Throws UserError if none is usable. */
export async function createFeedStore(deps: FeedStoreDeps): Promise<FeedStore> {
  const log = deps.logger ?? createLogger('feed');
  const now = deps.now ?? (() => new Date());
  const http: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...deps.http };
  const warnings: string[] = [];

  const bundled = await loadBundled(deps, log);
  const cache = await readCache(deps.cacheDir);
  let meta: CacheMeta | null = null;
  let cached: Loaded | null = null;
  // An old meta.json (one floor, no campaign named) guards the campaign of the feed it was written
  // with. When that feed no longer verifies, its campaign id, read without trust, still says which
  // campaign the floor guards: used only to keep a floor, it can refuse an update, never let an
  // older feed in.
  let oldFloorCampaign: string | undefined;
  if (cache.kind === 'present') {
    meta = cache.cached.meta;
    const v = verifyFeed(cache.cached.feedBytes, cache.cached.sigBytes, deps.keys, cache.cached.feedPath);
    if (v.ok) {
      cached = {
        sha256: meta.sha256,
        active: toActive(
          v.value.feed,
          v.value.key.keyId,
          'cache',
          meta.sourceUrl ?? cache.cached.feedPath,
          meta.lastChecked,
        ),
      };
    } else {
      warnings.push(damagedCacheWarning(v.error.message));
      if (!meta.campaigns) oldFloorCampaign = unverifiedCampaignId(cache.cached.feedBytes);
    }
  } else if (cache.kind === 'damaged') {
    meta = cache.meta;
    warnings.push(damagedCacheWarning(cache.reason));
  }
  for (const w of warnings) log.warn(w);
  // A development build trusts the published TEST-ONLY keys: logged here, shown by `feed status`.
  const testKeyIds = deps.keys.filter((k) => k.test).map((k) => k.keyId);
  if (testKeyIds.length > 0)
    log.warn('this build trusts the TEST-ONLY feed keys', { keyIds: testKeyIds.join(', ') });

  // A real feed always wins over a sample; between two of the same kind the newer wins (an app
  // update may ship a newer bundled feed than an old cache).
  let current: Loaded | null =
    cached &&
    (!bundled ||
      (cached.active.sample === bundled.active.sample
        ? cached.active.version >= bundled.active.version
        : !cached.active.sample))
      ? cached
      : bundled;
  if (!current) {
    throw userError('msg.feedTool.noValidFeed', {
      params: { cache: deps.cacheDir, bundled: deps.bundled.feedFile },
      hint: 'msg.feedTool.reinstallOrUpdate',
    });
  }
  current.active.warnings = warnings;
  current.active.testKeyIds = testKeyIds;
  const listeners = new Set<(feed: ActiveFeed) => void>();
  const publish = () => listeners.forEach((l) => l(current!.active));
  let queue: Promise<unknown> = Promise.resolve();

  // A verified feed that still may not replace the one in use: a sample over a real feed, or a
  // switch to a campaign that has not started or has ended.
  function trustProblem(feed: CampaignFeed, cur: ActiveFeed, target: string): FeedRejection | null {
    if (feed.campaign.sample && !cur.sample)
      return {
        code: 'sample-over-real',
        message: bilingual('msg.feedTool.sampleOverReal', { target, campaign: cur.campaign.id }),
      };
    if (feed.campaign.id === cur.campaign.id) return null;
    const today = vietnamDay(now());
    if (feed.campaign.startsOn <= today && today <= feed.campaign.endsOn) return null;
    return {
      code: 'campaign-not-running',
      message: bilingual('msg.feedTool.campaignNotRunning', {
        target,
        campaign: feed.campaign.id,
        start: feed.campaign.startsOn,
        end: feed.campaign.endsOn,
        today,
        current: cur.campaign.id,
      }),
    };
  }

  async function runUpdate(url: string | undefined): Promise<UpdateResult> {
    const target = url ?? meta?.sourceUrl ?? deps.defaultUrl;
    if (!target) {
      return failed('no-url', bilingual('msg.feedTool.noUrl'));
    }
    if (!acceptedFeedUrl(target)) {
      return failed('bad-url', bilingual('msg.feedTool.badUrl', { url: target }));
    }
    // Ask "changed since?" only when the cache really holds what that URL served last time.
    const etag = current!.active.origin === 'cache' && meta?.sourceUrl === target ? meta.etag : null;
    const downloadDeps = {
      fetch: deps.fetch,
      sleep: deps.sleep,
      random: deps.random,
      env: deps.env,
      logger: log,
    };
    let pair: SignedPair;
    let v: ReturnType<typeof verifyFeed>;
    for (let attempt = 0; ; attempt++) {
      try {
        pair = await fetchSignedPair(target, attempt === 0 ? etag : null, http, downloadDeps);
      } catch (e) {
        if (e instanceof DownloadError) return failed(e.code, e.message, e.status);
        throw e;
      }
      if (pair.status === 'not-modified') return await confirm(target, etag);
      if (pair.status === 'unsigned') {
        return rejected({
          code: 'unsigned',
          message: bilingual('msg.feedTool.unsigned', { target }),
        });
      }
      v = verifyFeed(pair.body, pair.sig, deps.keys, target);
      // A feed republished between our two requests pairs new bytes with the old signature; one
      // fresh pair tells that race apart from tampering.
      if (!v.ok && v.error.code === 'bad-signature' && attempt === 0) {
        log.info('signature mismatch, fetching the pair once more', { url: target });
        continue;
      }
      break;
    }
    if (!v.ok) return rejected(v.error);
    const body = pair.body;
    const sig = pair.sig;
    const newEtag = pair.etag;
    const feed = v.value.feed;
    const version = feed.version;
    const sha = sha256Hex(body);
    const cur = current!.active;
    const sameCampaign = feed.campaign.id === cur.campaign.id;
    const problem = trustProblem(feed, cur, target);
    if (problem) return rejected(problem);
    // The floor is per campaign: the current campaign's own, or the one recorded when we last ran
    // the other campaign (a campaign id never seen starts from nothing).
    const recorded = campaignFloors(meta, cur, oldFloorCampaign)[feed.campaign.id];
    const floor = Math.max(sameCampaign ? cur.version : 0, recorded?.version ?? 0);
    if (version < floor) {
      return rejected({
        code: 'downgrade',
        message: bilingual('msg.feedTool.downgrade', {
          version,
          campaign: feed.campaign.id,
          floor,
          current: cur.version,
        }),
      });
    }
    const floorPublished = sameCampaign ? cur.publishedAt : recorded?.publishedAt;
    if (floorPublished && Date.parse(feed.publishedAt) < Date.parse(floorPublished)) {
      return rejected({
        code: 'published-backwards',
        message: bilingual('msg.feedTool.publishedBackwards', {
          version,
          published: feed.publishedAt,
          floor: floorPublished,
          current: cur.version,
        }),
      });
    }
    const same = sameCampaign && version === cur.version && sha === current!.sha256;
    // The bundled feed served back by the server is cached anyway, so its source, ETag and
    // lastChecked survive a restart.
    if (same && cur.origin === 'cache') return await confirm(target, newEtag);
    const floorSha = sameCampaign && version === cur.version ? current!.sha256 : recorded?.sha256;
    if (version === floor && floorSha !== undefined && sha !== floorSha) {
      return rejected({
        code: 'replay',
        message: bilingual('msg.feedTool.replay', { version }),
      });
    }
    const campaigns = {
      ...campaignFloors(meta, cur, oldFloorCampaign),
      [feed.campaign.id]: { version, publishedAt: feed.publishedAt, sha256: sha },
    };
    const checkedAt = now().toISOString();
    try {
      meta = await commitCache(
        deps.cacheDir,
        body,
        sig,
        {
          etag: newEtag,
          sourceUrl: target,
          lastChecked: checkedAt,
          acceptedVersion: version,
          acceptedAt: checkedAt,
          keyId: v.value.key.keyId,
          campaigns,
        },
        deps.writeHooks,
      );
    } catch (e) {
      return failed(
        'cache-write',
        bilingual('msg.feedTool.cacheWrite', { dir: deps.cacheDir, error: (e as Error).message }),
      );
    }
    const previousVersion = current!.active.version;
    current = {
      sha256: sha,
      active: { ...toActive(v.value.feed, v.value.key.keyId, 'cache', target, checkedAt), testKeyIds },
    };
    publish();
    if (same) return { status: 'not-modified', version, lastChecked: checkedAt };
    log.info('feed updated', { version, previousVersion, source: target });
    return { status: 'updated', version, previousVersion, source: target };
  }

  // The server vouched for what we hold: move lastChecked (only if the cache holds it).
  async function confirm(url: string, etag: string | null): Promise<UpdateResult> {
    // "Still current" from the server vouches only for a feed that is itself still valid: after its
    // campaign has ended, Settings keeps the last check that meant something.
    const ended = current!.active.campaign.endsOn < vietnamDay(now());
    if (ended && !current!.active.sample)
      return failed(
        'campaign-ended',
        bilingual('msg.feedTool.campaignEnded', {
          campaign: current!.active.campaign.id,
          end: current!.active.campaign.endsOn,
        }),
      );
    const checkedAt = now().toISOString();
    if (meta && current!.active.origin === 'cache') {
      const next: CacheMeta = { ...meta, lastChecked: checkedAt, etag: etag ?? meta.etag, sourceUrl: url };
      try {
        await writeMeta(deps.cacheDir, next, deps.writeHooks);
        meta = next;
      } catch (e) {
        log.warn('cannot record lastChecked', { error: (e as Error).message });
      }
    }
    current!.active = { ...current!.active, lastChecked: checkedAt };
    publish();
    return { status: 'not-modified', version: current!.active.version, lastChecked: checkedAt };
  }

  function rejected(reason: FeedRejection): UpdateResult {
    log.warn('feed rejected', { code: reason.code, message: reason.message });
    return { status: 'rejected', reason };
  }
  function failed(code: FeedFailure['code'], message: string, httpStatus?: number): UpdateResult {
    // No URL configured is the normal state of a fresh install, not a warning.
    if (code === 'no-url') log.info('feed update failed', { code, message });
    else log.warn('feed update failed', { code, message });
    return {
      status: 'failed',
      reason: httpStatus === undefined ? { code, message } : { code, message, httpStatus },
    };
  }

  return {
    active: () => current!.active,
    update(options = {}) {
      // One update at a time: "on start" and "on demand" may overlap.
      const run = queue.then(() => runUpdate(options.url));
      queue = run.catch(() => undefined);
      return run;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Today's date (YYYY-MM-DD) in Vietnam (UTC+7, no daylight saving): campaign days are Vietnamese days. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

// Per-campaign floors recorded in meta.json. An older meta (one floor) applies to the cached feed's
// campaign: the verified one in use, or, when the cache no longer verifies, the campaign its bytes
// name (`damagedCampaign`; its publication time is not trusted, so that floor has none).
function campaignFloors(
  meta: CacheMeta | null,
  cur: ActiveFeed,
  damagedCampaign: string | undefined,
): Record<string, { version: number; publishedAt: string; sha256: string }> {
  if (!meta) return {};
  if (meta.campaigns) return meta.campaigns;
  const id = cur.origin === 'cache' ? cur.campaign.id : damagedCampaign;
  if (id === undefined) return {};
  return {
    [id]: {
      version: meta.acceptedVersion,
      publishedAt: cur.origin === 'cache' ? cur.publishedAt : '',
      sha256: meta.sha256,
    },
  };
}

/** The campaign id a feed file names, read without verifying it; undefined when it names none. */
function unverifiedCampaignId(bytes: Buffer): string | undefined {
  try {
    const id: unknown = (JSON.parse(bytes.toString('utf8')) as { campaign?: { id?: unknown } }).campaign?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

async function loadBundled(deps: FeedStoreDeps, log: Logger): Promise<Loaded | null> {
  try {
    const [bytes, sig] = await Promise.all([readFile(deps.bundled.feedFile), readFile(deps.bundled.sigFile)]);
    const v = verifyFeed(bytes, sig, deps.keys, deps.bundled.feedFile);
    if (!v.ok) {
      log.error('bundled feed rejected', { code: v.error.code, message: v.error.message });
      return null;
    }
    return {
      sha256: sha256Hex(bytes),
      active: toActive(v.value.feed, v.value.key.keyId, 'bundled', deps.bundled.feedFile, null),
    };
  } catch (e) {
    log.error('bundled feed unreadable', { file: deps.bundled.feedFile, error: (e as Error).message });
    return null;
  }
}

function toActive(
  feed: CampaignFeed,
  keyId: string,
  origin: ActiveFeed['origin'],
  source: string,
  lastChecked: string | null,
): ActiveFeed {
  return {
    feed,
    campaign: feed.campaign,
    indicators: feedToIndicators(feed),
    allowList: feed.allowList,
    origin,
    source,
    version: feed.version,
    publishedAt: feed.publishedAt,
    lastChecked,
    sample: feed.campaign.sample,
    keyId,
    testKeyIds: [],
    warnings: [],
  };
}

function damagedCacheWarning(detail: string): string {
  return bilingual('msg.feedTool.cacheDamaged', { detail });
}

/** https anywhere; plain http only to this computer (a test server, a local mirror). */
export function acceptedFeedUrl(target: string): boolean {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return true;
  if (u.protocol !== 'http:') return false;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
