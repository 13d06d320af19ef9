// STIX 2.x bundles: indicator patterns and the cyber-observable objects (SCOs) of the bundle.
// Only comparisons that name a network value become indicators; a negated or regex comparison
// (!=, NOT, LIKE, MATCHES) cannot be matched against a connection and is counted as skipped.
import { ParseError } from '../errors';
import { classifyUrl, classifyValue, type Classified, type Expect } from './canon';
import { isObject, jsonInner, LineLocator, parseJsonOrThrow, str } from './json-text';
import { FeedCollector, msg, quote, type FeedParseResult } from './types';

/** One value a STIX pattern compares a network property with. */
export interface PatternValue {
  /** Object path as written, e.g. "ipv4-addr:value". */
  path: string;
  raw: string;
  expect: Expect | 'url';
}

const PATHS: Record<string, Expect | 'url'> = {
  'ipv4-addr:value': 'address',
  'ipv6-addr:value': 'address',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'network-traffic:dst_ref.value': 'any',
  'network-traffic:src_ref.value': 'any',
  'domain-name:resolves_to_refs[*].value': 'address',
};

const MAX_PATTERN = 64 * 1024;
const QUOTED = String.raw`'(?:[^'\\]|\\.)*'`;
const COMPARISON = new RegExp(
  String.raw`([a-z0-9][a-z0-9-]*:[A-Za-z0-9_.\[\]*-]+)\s*(NOT\s+)?(=|!=|<>|ISSUBSET|ISSUPERSET|IN|LIKE|MATCHES|>=|<=|>|<)\s*(${QUOTED}|\(\s*(?:${QUOTED}\s*(?:,\s*)?)*\))`,
  'gi',
);

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** Extracts the network values of a STIX pattern; `skipped` counts comparisons that cannot be indexed. */
export function extractPatternValues(pattern: string): { values: PatternValue[]; skipped: number } {
  const values: PatternValue[] = [];
  let skipped = 0;
  // Real patterns are a few hundred characters; a huge one is not worth a super-linear regex scan.
  if (pattern.length > MAX_PATTERN) return { values, skipped: 1 };
  for (const m of pattern.matchAll(COMPARISON)) {
    const path = (m[1] ?? '').toLowerCase();
    const expect = PATHS[path];
    if (expect === undefined) continue;
    const negated = m[2] !== undefined;
    const op = (m[3] ?? '').toUpperCase();
    const literal = m[4] ?? '';
    if (negated || op === '!=' || op === '<>' || !['=', 'ISSUBSET', 'IN'].includes(op)) {
      skipped++;
      continue;
    }
    const literals = op === 'IN' ? (literal.match(new RegExp(QUOTED, 'g')) ?? []) : [literal];
    for (const lit of literals) values.push({ path, raw: unquote(lit), expect });
  }
  return { values, skipped };
}

function classify(value: PatternValue): Classified | null {
  return value.expect === 'url' ? classifyUrl(value.raw) : classifyValue(value.raw, value.expect);
}

function badValue(value: PatternValue): string {
  return msg('msg.formats.stixBadValue', { value: quote(value.raw), path: value.path });
}

/** Adds the values of one pattern; several values from one STIX id get "#value" suffixes so ids stay unique. */
function addPattern(
  out: FeedCollector,
  pattern: string,
  line: number,
  id: string | undefined,
  comment: string | undefined,
): void {
  if (pattern.length > MAX_PATTERN) {
    out.error(line, msg('msg.formats.stixTooLong'));
    return;
  }
  const { values, skipped } = extractPatternValues(pattern);
  out.skipped += skipped;
  const found: Classified[] = [];
  for (const value of values) {
    const c = classify(value);
    if (c === null) out.error(line, badValue(value));
    else found.push(c);
  }
  const distinct = new Set(found.map((f) => `${f.kind}:${f.value}`)).size;
  for (const c of found) {
    const ownId = id === undefined ? undefined : distinct > 1 ? `${id}#${c.value}` : id;
    out.add({ ...c, line, ...(ownId === undefined ? {} : { id: ownId }), ...(comment ? { comment } : {}) });
  }
  if (values.length === 0 && skipped === 0) out.skipped++;
}

const SCO_TYPES: Record<string, Expect | 'url'> = {
  'ipv4-addr': 'address',
  'ipv6-addr': 'address',
  'domain-name': 'domain',
  url: 'url',
};

function stixObjects(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json as unknown[];
  if (!isObject(json)) return null;
  if (Array.isArray(json.objects)) return json.objects as unknown[];
  if (typeof json.type === 'string' && (json.type === 'indicator' || Object.hasOwn(SCO_TYPES, json.type)))
    return [json];
  return null;
}

/** True when parsed JSON is a STIX bundle, a list of STIX objects or one indicator. */
export function isStixJson(json: unknown): boolean {
  if (isObject(json) && json.type === 'bundle') return true;
  const objects = stixObjects(json);
  return (
    objects !== null &&
    // STIX ids are "<type>--<uuid>", which nothing else in a JSON feed looks like.
    objects.some(
      (o) => isObject(o) && typeof o.type === 'string' && (str(o, 'id') ?? '').startsWith(`${o.type}--`),
    )
  );
}

/** Reads the objects of a parsed STIX document into the collector. */
function readObjects(objects: unknown[], text: string, out: FeedCollector): void {
  const where = new LineLocator(text);
  for (const obj of objects) {
    if (!isObject(obj)) continue;
    const type = str(obj, 'type') ?? '';
    const id = str(obj, 'id');
    if (obj.revoked === true) {
      out.skipped++;
      continue;
    }
    if (type === 'indicator') {
      const pattern = str(obj, 'pattern');
      const patternType = str(obj, 'pattern_type') ?? 'stix';
      if (patternType.toLowerCase() !== 'stix') {
        out.skipped++;
        continue;
      }
      const line = pattern === undefined ? where.find(id ?? '') : where.find(jsonInner(pattern), pattern);
      if (pattern === undefined) {
        out.error(line, msg('msg.formats.stixNoPattern'));
        continue;
      }
      addPattern(out, pattern, line, id, (str(obj, 'name') ?? str(obj, 'description'))?.slice(0, 300));
    } else if (Object.hasOwn(SCO_TYPES, type)) {
      const raw = str(obj, 'value');
      if (raw === undefined) continue;
      const value: PatternValue = { path: `${type}:value`, raw, expect: SCO_TYPES[type] ?? 'any' };
      const line = where.find(`"${jsonInner(raw)}"`, raw);
      const c = classify(value);
      if (c === null) out.error(line, badValue(value));
      else out.add({ ...c, line, ...(id === undefined ? {} : { id }) });
    }
  }
}

/** A double-quoted string that holds a STIX pattern, wherever it sits in the text. */
const PATTERN_STRING = /"(\[(?:[^"\\\n]|\\.)*\])"/g;

/** True when the text contains STIX pattern strings (used to read fragments that are not JSON). */
export function hasStixPatterns(text: string): boolean {
  for (const m of text.matchAll(PATTERN_STRING)) {
    if (extractPatternValues(m[1] ?? '').values.length > 0) return true;
  }
  return false;
}

/** Reads every pattern string in a text that is not valid JSON (a cut download, a pasted excerpt). */
function salvagePatterns(text: string, out: FeedCollector): number {
  const where = new LineLocator(text);
  let count = 0;
  let previousEnd = 0;
  for (const m of text.matchAll(PATTERN_STRING)) {
    const inner = m[1] ?? '';
    const pattern = unescapeJson(inner);
    // The indicator's id and name usually precede its pattern; look only since the last pattern
    // so one object's id is never lent to the next.
    const before = text.slice(Math.max(previousEnd, m.index - 4000), m.index);
    previousEnd = m.index + m[0].length;
    if (extractPatternValues(pattern).values.length === 0) continue;
    count++;
    const id = lastMatch(before, /"id"\s*:\s*"(indicator--[0-9a-f-]{1,64})"/g);
    const name = lastMatch(before, /"name"\s*:\s*"((?:[^"\\\n]|\\.){1,300})"/g);
    addPattern(out, pattern, where.lineAt(m.index), id, name === undefined ? undefined : unescapeJson(name));
  }
  return count;
}

function unescapeJson(inner: string): string {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return inner;
  }
}

function lastMatch(text: string, re: RegExp): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(re)) last = m[1];
  return last;
}

/** Reads a STIX 2.x bundle (or pattern strings in a damaged one). Throws only ParseError. */
export function parseStixBundle(text: string, file: string): FeedParseResult {
  const out = new FeedCollector(file);
  let json: unknown;
  try {
    json = parseJsonOrThrow(text, file);
  } catch (e) {
    if (!(e instanceof ParseError) || !hasStixPatterns(text)) throw e;
    const count = salvagePatterns(text, out);
    out.error(e.line, msg('msg.formats.stixPartial', { n: count }));
    return out.result('stix');
  }
  const objects = stixObjects(json);
  if (objects === null) {
    throw new ParseError(msg('msg.formats.notStixBundle'), file, 1);
  }
  readObjects(objects, text, out);
  return out.result('stix');
}
