// The project's own campaign feed (shared/campaign-feed/campaign-feed.ts) read as just another indicator
// source, so `feed build --from` and `feed inspect` can take it like any other file. The
// signature is not this parser's business: a signed feed is verified before it is trusted.
import { ParseError } from '../errors';
import { canonicalUrl } from '../net/url';
import { classifyValue } from './canon';
import { isObject, jsonInner, LineLocator, parseJsonOrThrow, str } from './json-text';
import { FeedCollector, msg, quote, type FeedParseResult, type Severity } from './types';

const SEVERITIES = new Set(['low', 'medium', 'high', 'critical']);

/** True for parsed JSON in the sachmadoc campaign-feed shape. */
export function isCampaignJson(json: unknown): boolean {
  return isObject(json) && json.format === 'sachmadoc-campaign-feed';
}

/** Reads the indicators of a campaign feed document, each checked on its own. Throws only ParseError. */
export function parseCampaignJson(text: string, file: string): FeedParseResult {
  const json = parseJsonOrThrow(text, file);
  if (!isCampaignJson(json) || !isObject(json) || !Array.isArray(json.indicators)) {
    throw new ParseError(msg('msg.formats.notCampaign'), file, 1);
  }
  const out = new FeedCollector(file);
  const where = new LineLocator(text);
  for (const item of json.indicators) {
    if (!isObject(item)) continue;
    const type = str(item, 'type');
    const value = str(item, 'value') ?? '';
    const line = where.find(`"${jsonInner(value)}"`);
    // A URL entry stays a URL: the feed already lists the host on its own when it is to be flagged.
    const url = type === 'url' ? canonicalUrl(value) : null;
    const found =
      type === 'url'
        ? url === null
          ? null
          : { kind: 'url' as const, value: url }
        : type === 'domain'
          ? classifyValue(value, 'domain')
          : type === 'ip' || type === 'cidr'
            ? classifyValue(value, 'address')
            : null;
    if (found === null || (type !== 'domain' && type !== 'url' && found.kind !== type)) {
      out.error(
        line,
        msg('msg.formats.invalidIndicator', {
          value: quote(value),
          quotedType: quote(type ?? ''),
          type: type ?? 'untyped',
        }),
      );
      continue;
    }
    const severity = str(item, 'severity');
    const id = str(item, 'id');
    const comment = str(item, 'comment');
    out.add({
      ...found,
      line,
      ...(id === undefined ? {} : { id }),
      ...(comment === undefined ? {} : { comment }),
      ...(severity !== undefined && SEVERITIES.has(severity) ? { severity: severity as Severity } : {}),
    });
  }
  return out.result('campaign');
}
