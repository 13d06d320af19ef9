// The list of registered units, read from the agency tally so a person picks their unit instead
// of typing a code the tally would reject with 422. Units are public bodies, not personal data.
import { userError } from '../../shared/errors';
import { BodyTooLargeError, readBodyCapped } from '../capped-body';
import { unitListSchema } from '../../shared/tally/units';
import type { UnitList } from '../../shared/tally/units';
import { bilingual } from '../../shared/i18n';

/** The part of fetch this needs (node-fetch in the app, a stub in tests). */
export type UnitsFetch = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; body?: AsyncIterable<Uint8Array | string> | null; text(): Promise<string> }>;

const MAX_BYTES = 4 * 1024 * 1024;

/** Fetches and validates the tally's unit list; a failure says what and what to do, in both languages. */
export async function fetchUnits(endpoint: string, fetch: UnitsFetch, timeoutMs = 15_000): Promise<UnitList> {
  const url = `${endpoint.replace(/\/+$/, '')}/api/v1/units`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const fail = (what: string) =>
    userError('msg.tally.unitsFailed', { params: { url }, hint: 'msg.tally.unitsFailedHint', detail: what });
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: controller.signal });
    status = res.status;
    // Streamed and dropped at the cap: a wrong address may send anything, of any length.
    text = await readBodyCapped(res, url, MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw fail(bilingual('msg.tally.tooLarge'));
    throw fail(
      controller.signal.aborted ? bilingual('msg.tally.timedOut', { ms: timeoutMs }) : String(error),
    );
  } finally {
    clearTimeout(timer);
  }
  if (status !== 200) throw fail(`HTTP ${status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail(bilingual('msg.tally.notJson'));
  }
  const parsed = unitListSchema.safeParse(body);
  if (!parsed.success) throw fail(bilingual('msg.tally.unexpectedShape'));
  return [...parsed.data].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
