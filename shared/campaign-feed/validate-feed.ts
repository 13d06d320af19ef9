// Reading a campaign feed's bytes into a typed feed: strict UTF-8, JSON, the zod schema, and the
// rule that every indicator and allow-list value is already in canonical form (so the agency's
// tools, the index and the tally all agree on one spelling). Pure: no Node, no DOM.
import type { Indicator, ParseIssue } from '../domain';
import { canonicalDomain } from '../net/domain';
import { canonicalCidr, canonicalIp } from '../net/ip';
import { canonicalUrl } from '../net/url';
import { campaignFeedSchema } from './campaign-feed';
import type { CampaignFeed } from './campaign-feed';
import { bilingual } from '../i18n';

/** Why a feed document was refused; issues carry file and 1-based line. */
export interface FeedInvalid {
  code: 'encoding' | 'json' | 'schema' | 'non-canonical';
  message: string;
  issues: ParseIssue[];
}

/** The canonical spelling of a value of the given type, or null when it is not one. */
export function canonicalValue(type: 'ip' | 'cidr' | 'domain' | 'url', value: string): string | null {
  if (type === 'ip') return canonicalIp(value);
  if (type === 'cidr') return canonicalCidr(value);
  if (type === 'url') return canonicalUrl(value);
  return canonicalDomain(value);
}

/** Parses and checks a feed document; never throws. */
export function validateFeedBytes(
  input: Uint8Array | string,
  file: string,
): { ok: true; feed: CampaignFeed } | { ok: false; error: FeedInvalid } {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail('encoding', file, 1, bilingual('msg.keys.notUtf8'));
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('json', file, jsonErrorLine(text, detail), `${bilingual('msg.keys.invalidJson')}: ${detail}`);
  }
  const parsed = campaignFeedSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({
      file,
      line: lineOfPath(text, i.path),
      message: `${i.path.join('.') || `(${bilingual('msg.keys.root', undefined, '/')})`}: ${i.message}`,
    }));
    return {
      ok: false,
      error: {
        code: 'schema',
        message: `${bilingual('msg.keys.schema')}: ${issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; ')}`,
        issues,
      },
    };
  }
  const feed = parsed.data;
  const issues: ParseIssue[] = [];
  const check = (list: readonly { type: 'ip' | 'cidr' | 'domain' | 'url'; value: string }[], key: string) => {
    list.forEach((entry, i) => {
      const canonical = canonicalValue(entry.type, entry.value);
      if (canonical === entry.value) return;
      issues.push({
        file,
        line: lineOfPath(text, [key, i, 'value']),
        message:
          canonical === null
            ? `${key}[${i}]: ${bilingual('msg.keys.notValid', { value: entry.value, type: entry.type })}`
            : `${key}[${i}]: ${bilingual('msg.keys.notCanonical', { value: entry.value, canonical })}`,
      });
    });
  };
  check(feed.indicators, 'indicators');
  check(feed.allowList, 'allowList');
  if (issues.length > 0) {
    const shown = issues.slice(0, 20);
    return {
      ok: false,
      error: {
        code: 'non-canonical',
        message: `${bilingual('msg.keys.nonCanonical', { count: issues.length })}: ${shown.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; ')}`,
        issues: shown,
      },
    };
  }
  return { ok: true, feed };
}

/** The feed's indicators as shared/domain Indicators (id: the feed's id, else `${kind}:${value}`). */
export function feedToIndicators(feed: CampaignFeed, source: string = feed.campaign.id): Indicator[] {
  return feed.indicators.map((i) => ({
    id: i.id ?? `${i.type}:${i.value}`,
    kind: i.type,
    value: i.value,
    source,
    ...(i.comment !== undefined ? { comment: i.comment } : {}),
    ...(i.severity !== undefined ? { severity: i.severity } : {}),
  }));
}

function fail(code: FeedInvalid['code'], file: string, line: number, message: string) {
  return {
    ok: false as const,
    error: { code, message: `${file}:${line}: ${message}`, issues: [{ file, line, message }] },
  };
}

// V8 reports "at position N" (Node 20) or "(line L column C)" (newer); either gives a line.
function jsonErrorLine(text: string, detail: string): number {
  const lc = /line (\d+)/.exec(detail);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(detail);
  return pos ? lineAt(text, Number(pos[1])) : 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Best-effort line of a JSON path: walks the keys in order through the text, counting array
 * elements by their `{` openings (feeds are arrays of objects). Falls back to the last found line.
 */
function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  let at = 0;
  for (let k = 0; k < path.length; k++) {
    const seg = path[k];
    if (typeof seg === 'number') {
      let open = text.indexOf('[', at);
      if (open < 0) break;
      for (let n = 0; n <= seg; n++) {
        const next = text.indexOf('{', open + 1);
        if (next < 0) return lineAt(text, at);
        open = n < seg ? skipObject(text, next) : next;
      }
      at = open;
    } else {
      const found = text.indexOf(`"${String(seg)}"`, at);
      if (found < 0) break;
      at = found;
    }
  }
  return lineAt(text, at);
}

// Index just past the object that opens at `start` (strings with braces inside are respected).
function skipObject(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return text.length;
}
