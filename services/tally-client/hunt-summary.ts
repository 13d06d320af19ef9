// Sends the log hunt's summary (counts only, shared/tally/hunt-summary.ts) to the agency tally's
// POST /api/v1/hunt-summaries. One request, no queue: the IT officer presses the button and sees
// at once whether the tally took it; a later summary for the campaign replaces the earlier one, so
// sending again is safe.
import { userError } from '../../shared/errors';
import { huntSummarySchema, type HuntSummary } from '../../shared/tally/hunt-summary';
import type { FetchLike } from './client';
import { bilingual } from '../../shared/i18n';

export interface HuntSummarySent {
  status: 'stored' | 'replaced';
}

/** POSTs the summary; a refusal or failure is a catalogue-worded UserError saying what and what to do. */
export async function sendHuntSummary(
  endpoint: string,
  summary: HuntSummary,
  fetch: FetchLike,
  o: { timeoutMs?: number; unitToken?: string } = {},
): Promise<HuntSummarySent> {
  const body = JSON.stringify(huntSummarySchema.parse(summary));
  const url = `${endpoint.replace(/\/+$/, '')}/api/v1/hunt-summaries`;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const fail = (what: string, hint: string) =>
    userError('msg.hunt.summaryFailed', { params: { url }, hint, detail: what });
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(o.unitToken ? { authorization: `Bearer ${o.unitToken}` } : {}),
      },
      body,
      signal: controller.signal,
    });
    status = res.status;
    text = await res.text().catch(() => '');
  } catch (error) {
    throw fail(
      controller.signal.aborted ? bilingual('msg.tally.timedOut', { ms: timeoutMs }) : String(error),
      'msg.hunt.summaryNetworkHint',
    );
  } finally {
    clearTimeout(timer);
  }
  if (status === 201) return { status: 'stored' };
  if (status === 200) return { status: 'replaced' };
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // not JSON: the status says enough
  }
  throw fail(
    message,
    status === 401 || status === 403
      ? 'msg.hunt.summaryTokenHint'
      : status >= 400 && status < 500
        ? 'msg.hunt.summaryRefusedHint'
        : 'msg.hunt.summaryServerHint',
  );
}
