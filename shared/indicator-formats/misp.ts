// MISP JSON: one event ({"Event": …}), a list of events, a REST search result, a standalone
// MISP object, and the feed manifest (an index of events that holds no indicators at all).
//
// to_ids: MISP marks with to_ids=true the attributes meant for detection; the others are context
// (a resolver seen in a sandbox, a reference link). By default only to_ids=true attributes become
// indicators and the result notes how many were left out; an attribute without the field is kept,
// since nothing says it is not for detection. `mispIncludeNonIds` keeps them all.
import { ParseError } from '../errors';
import { classifyUrl, classifyValue, parsePort, type Classified } from './canon';
import { isObject, jsonInner, LineLocator, parseJsonOrThrow, str } from './json-text';
import {
  FeedCollector,
  msg,
  quote,
  type FeedParseOptions,
  type FeedParseResult,
  type Severity,
} from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a MISP feed manifest: {"<event uuid>": {"info": …, "timestamp": …}, …}. */
export function isMispManifest(json: unknown): boolean {
  if (!isObject(json)) return false;
  const entries = Object.entries(json);
  return (
    entries.length > 0 &&
    entries.every(
      ([key, v]) => UUID.test(key) && isObject(v) && ('info' in v || 'Orgc' in v || 'timestamp' in v),
    )
  );
}

/** The events (or bare attribute holders) of a MISP document; null when it is not MISP. */
function mispEvents(json: unknown): Record<string, unknown>[] | null {
  if (Array.isArray(json)) {
    const events: Record<string, unknown>[] = [];
    for (const e of json as unknown[]) {
      if (!isObject(e) || !isObject(e.Event)) return null;
      events.push(e.Event);
    }
    return events.length > 0 ? events : null;
  }
  if (!isObject(json)) return null;
  if (isObject(json.Event)) return [json.Event];
  if (isObject(json.Object)) return [{ Object: [json.Object] }];
  if ('response' in json) return mispEvents(json.response);
  if (Array.isArray(json.Attribute) && ('info' in json || 'uuid' in json || Object.keys(json).length === 1))
    return [json];
  return null;
}

/** True when parsed JSON is a MISP event, event list, object or manifest. */
export function isMispJson(json: unknown): boolean {
  return mispEvents(json) !== null || isMispManifest(json);
}

function toIds(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

const THREAT_LEVEL: Record<string, Severity> = { '1': 'high', '2': 'medium', '3': 'low' };

function splitPair(value: string): [string, string] {
  const at = value.lastIndexOf('|');
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}

/** The indicators of one attribute by its MISP type; null for types that are not network indicators. */
function attributeValues(type: string, value: string): (Classified | null)[] | null {
  switch (type) {
    case 'ip-dst':
    case 'ip-src':
      return [classifyValue(value, 'address')];
    case 'domain':
    case 'hostname':
      return [classifyValue(value, 'domain')];
    case 'url':
      return [classifyUrl(value)];
    case 'domain|ip': {
      const [name, ip] = splitPair(value);
      return [classifyValue(name, 'domain'), classifyValue(ip, 'address')];
    }
    case 'ip-dst|port':
    case 'ip-src|port':
    case 'hostname|port': {
      const [host, portText] = splitPair(value);
      const found = classifyValue(host, type === 'hostname|port' ? 'domain' : 'address');
      const port = parsePort(portText);
      return [found === null || port === null || found.kind === 'cidr' ? found : { ...found, port }];
    }
    default:
      return null;
  }
}

interface Tally {
  nonIds: number;
  otherTypes: Map<string, number>;
}

function readAttribute(
  attr: unknown,
  event: Record<string, unknown>,
  out: FeedCollector,
  where: LineLocator,
  tally: Tally,
  options: FeedParseOptions,
): void {
  if (!isObject(attr)) return;
  const type = (str(attr, 'type') ?? '').toLowerCase();
  const value = str(attr, 'value') ?? '';
  if (attr.deleted === true || attr.deleted === '1') {
    out.skipped++;
    return;
  }
  const values = attributeValues(type, value);
  if (values === null) {
    tally.otherTypes.set(type, (tally.otherTypes.get(type) ?? 0) + 1);
    out.skipped++;
    return;
  }
  if (toIds(attr.to_ids) === false && options.mispIncludeNonIds !== true) {
    tally.nonIds++;
    out.skipped++;
    return;
  }
  const line = where.find(`"${jsonInner(value)}"`, value);
  if (values.some((v) => v === null)) {
    out.error(line, msg('msg.formats.mispBadValue', { type, value: quote(value) }));
  }
  const uuid = str(attr, 'uuid');
  const good = values.filter((v): v is Classified => v !== null);
  const level = event.threat_level_id;
  const severity =
    typeof level === 'string' || typeof level === 'number' ? THREAT_LEVEL[String(level)] : undefined;
  const comment = str(attr, 'comment') || str(event, 'info');
  for (const c of good) {
    const id = uuid === undefined ? undefined : good.length > 1 ? `${uuid}#${c.value}` : uuid;
    out.add({
      ...c,
      line,
      ...(id === undefined ? {} : { id }),
      ...(comment ? { comment: comment.slice(0, 300) } : {}),
      ...(severity === undefined ? {} : { severity }),
    });
  }
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** Reads MISP event JSON. Throws only ParseError. */
export function parseMispJson(text: string, file: string, options: FeedParseOptions = {}): FeedParseResult {
  const json = parseJsonOrThrow(text, file);
  const out = new FeedCollector(file);
  if (isMispManifest(json)) {
    const count = Object.keys(json as object).length;
    out.error(1, msg('msg.formats.mispManifest', { n: count }));
    return out.result('misp-manifest');
  }
  const events = mispEvents(json);
  if (events === null) {
    throw new ParseError(msg('msg.formats.notMispEvent'), file, 1);
  }
  const where = new LineLocator(text);
  const tally: Tally = { nonIds: 0, otherTypes: new Map() };
  for (const event of events) {
    for (const attr of asArray(event.Attribute)) readAttribute(attr, event, out, where, tally, options);
    for (const obj of asArray(event.Object)) {
      if (!isObject(obj)) continue;
      for (const attr of asArray(obj.Attribute)) readAttribute(attr, event, out, where, tally, options);
    }
  }
  if (tally.nonIds > 0) {
    out.notes.push(msg('msg.formats.mispNonIds', { n: tally.nonIds }));
  }
  if (tally.otherTypes.size > 0) {
    // An attribute without a type is counted as `""`, as its JSON shows it.
    const kinds = [...tally.otherTypes.entries()].map(([t, n]) => `${t === '' ? '""' : t} ×${n}`).join(', ');
    out.notes.push(msg('msg.formats.mispOtherTypes', { kinds }));
  }
  return out.result('misp');
}
