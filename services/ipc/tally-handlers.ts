// The tally outbox channels: what waits to be sent and why, the refused results with the tally's
// reasons (resend or delete), and the background retries that start with the app.
import { userError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { Emit, Handlers } from '../../shared/ipc/dispatch';
import type { AppServices } from '../app-services';
import type { SettingsStore } from '../settings/settings-store';

type TallyOutboxChannels = 'tally:queue' | 'tally:resend' | 'tally:delete';

export interface TallyHandlerDeps {
  services: AppServices;
  settings: SettingsStore;
}

/** Builds the outbox handlers. */
export function createTallyHandlers(deps: TallyHandlerDeps): Pick<Handlers, TallyOutboxChannels> {
  const address = async () => {
    const { tallyUrl } = await deps.settings.get();
    if (tallyUrl === '') throw userError('msg.tally.noAddress', { hint: 'msg.tally.fillAddress' });
    return tallyUrl;
  };
  return {
    'tally:queue': async () => deps.services.tallyQueue((await deps.settings.get()).tallyUrl),
    'tally:resend': async ({ submissionId }) => {
      const { sendResults, unitToken } = await deps.settings.get();
      // Consent is checked in main, as for the first send.
      if (!sendResults) throw userError('msg.tally.noConsent', { hint: 'msg.tally.noConsentHint' });
      return deps.services.tallyResend(await address(), submissionId, unitToken || null);
    },
    'tally:delete': async ({ submissionId }) =>
      deps.services.tallyDeleteRefused((await deps.settings.get()).tallyUrl, submissionId),
  };
}

/**
 * At app start: results left queued by the last session are retried in the background (with
 * consent and an address only), and the page hears of every change through `tally:queue-changed`.
 */
export function startTallyRetries(deps: TallyHandlerDeps & { emit: Emit }, log: Logger): Promise<void> {
  return deps.settings
    .get()
    .then(({ tallyUrl, sendResults, unitToken }) =>
      // Without consent or an address nothing is retried, but sends later still reach the page.
      deps.services.tallyRetries(
        sendResults ? tallyUrl : '',
        (status) => deps.emit('tally:queue-changed', status),
        unitToken || null,
      ),
    )
    .catch((error: unknown) => log.warn('background sending could not start', { error: String(error) }));
}
