// The indicators used when no --feed is given: the active verified campaign feed (downloaded and
// cached by `sachmadoc feed update`, else the signed sample bundled in assets/feed/, documentation
// addresses only). loadDefaultIndicators reads the bundled file directly, for tools that must
// not touch the per-user cache (the benchmark).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Indicator, ParseIssue } from '../../shared/domain';
import { userError } from '../../shared/errors';
import { campaignFeedSchema } from '../../shared/campaign-feed/campaign-feed';
import { canonicalValue as canonical } from '../../shared/campaign-feed/validate-feed';
import { openDefaultFeedStore } from '../feed';
import type { ActiveFeed } from '../feed/feed-store';
import type { IndicatorLoad } from './indicators';
import { sampleFeedWarning } from './sample-warning';

/** The feed store's active feed (signature checked; cache or bundled), as the scan needs it. */
export async function loadActiveFeedIndicators(env: NodeJS.ProcessEnv = process.env): Promise<IndicatorLoad> {
  return activeFeedLoad((await openDefaultFeedStore({ env })).active());
}

/** The scan's view of an active feed: indicators, allow-list, KMS hosts, and the sample flag and warning. */
export function activeFeedLoad(active: ActiveFeed): IndicatorLoad {
  const feed: IndicatorLoad['feeds'][number] = {
    source: active.campaign.id,
    indicators: active.indicators.length,
    version: active.version,
  };
  if (active.sample) feed.sample = true;
  return {
    indicators: active.indicators,
    allow: active.allowList.map(({ type, value }) => ({ type, value })),
    feeds: [feed],
    warnings: [
      ...(active.sample ? [sampleFeedWarning(active.source)] : []),
      ...active.warnings.map((message) => ({ file: active.source, line: 0, message })),
    ],
    kmsHosts: [...(active.feed.kmsHosts ?? [])],
  };
}

/** The bundled sample feed; SACHMADOC_ASSETS_DIR overrides the assets directory (packaged builds). */
export function defaultFeedPath(env: Record<string, string | undefined> = process.env): string {
  const assets = env.SACHMADOC_ASSETS_DIR
    ? resolve(env.SACHMADOC_ASSETS_DIR)
    : resolve(dirname(fileURLToPath(import.meta.url)), '../../assets');
  return resolve(assets, 'feed', 'sample-feed.json');
}

/** Reads the bundled campaign feed and converts its indicators and allow-list for the index. */
export async function loadDefaultIndicators(path: string = defaultFeedPath()): Promise<IndicatorLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw userError('msg.scan.defaultFeedMissing', {
      params: { path, code: String(code) },
      hint: 'msg.scan.reinstallOrFeed',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw userError('msg.scan.defaultFeedNotJson', {
      params: { path, error: (e as Error).message },
      hint: 'msg.scan.reinstall',
    });
  }
  const parsed = campaignFeedSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw userError('msg.scan.defaultFeedInvalid', {
      params: { path, where: first?.path.join('.') ?? '?', error: first?.message ?? '' },
      hint: 'msg.scan.reinstall',
    });
  }
  const feed = parsed.data;
  const source = feed.campaign.id;
  const warnings: ParseIssue[] = [];
  const indicators: Indicator[] = [];
  feed.indicators.forEach((i, n) => {
    const value = canonical(i.type, i.value);
    if (value === null) {
      warnings.push({
        file: path,
        line: 0,
        message: `indicators[${n}]: "${i.value}" is not a valid ${i.type}; ignored`,
      });
      return;
    }
    const ind: Indicator = { id: i.id ?? `${i.type}:${value}`, kind: i.type, value, source };
    if (i.comment !== undefined) ind.comment = i.comment;
    if (i.severity !== undefined) ind.severity = i.severity;
    indicators.push(ind);
  });
  const allow = feed.allowList.flatMap((a) => {
    const value = canonical(a.type, a.value);
    return value === null ? [] : [{ type: a.type, value }];
  });
  const sample = feed.campaign.sample === true;
  return {
    indicators,
    allow,
    feeds: [{ source, indicators: indicators.length, version: feed.version, ...(sample ? { sample } : {}) }],
    warnings: sample ? [sampleFeedWarning(path), ...warnings] : warnings,
    kmsHosts: [...(feed.kmsHosts ?? [])],
  };
}
