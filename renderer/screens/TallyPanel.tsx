// The anonymized result: the exact JSON main would send (built from the last check), and sending
// it, which main allows only with the person's consent saved in Settings. Below it, the outbox:
// how many results wait and why, and the results the tally refused, with its reasons.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { TallyPreview, TallyQueueStatus, TallySend } from '../../shared/ipc/schemas';
import { useApi, useApp } from '../app-context';
import { TallyOutbox } from '../components/TallyOutbox';
import { RESULT_FIELDS } from '../../shared/tally/result-fields';

/** Every field that is sent, with what it means (the consent text lists them beside the JSON). */
function ConsentFields() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="consent-fields-title" className="consent-fields">
      <h3 id="consent-fields-title">{t('consent.title')}</h3>
      <p>{t('consent.intro')}</p>
      <dl>
        {RESULT_FIELDS.map((path) => (
          <div key={path}>
            <dt>
              <code>{path}</code>
            </dt>
            <dd>{t(`consent.field.${path}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="note">{t('consent.never')}</p>
    </section>
  );
}

/** Preview and send the anonymized result (inside the Settings screen). */
export function TallyPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const consent = useApp((s) => s.settings?.sendResults ?? false);
  // Results made with the sample feed are no campaign's: the tally refuses them, so none is sent.
  const sample = useApp((s) => s.feed?.campaign.sample ?? false);
  const [preview, setPreview] = useState<TallyPreview | null>(null);
  const [sent, setSent] = useState<TallySend | null>(null);
  const [queue, setQueue] = useState<TallyQueueStatus | null>(null);
  const [sending, setSending] = useState(false);
  const [note, setNote] = useState('');

  const refreshQueue = async () => {
    const r = await api.tally.queue();
    if (r.ok) setQueue(r.value);
  };
  useEffect(() => {
    void api.tally.queue().then((r) => r.ok && setQueue(r.value));
    // Background retries report here while the panel is open.
    return api.tally.onQueueChanged(setQueue);
  }, [api]);

  const onPreview = async () => {
    const r = await api.tally.preview();
    if (r.ok) setPreview(r.value);
    else setNote(errorLine(t, r.error));
  };
  const onSend = async () => {
    setNote('');
    setSending(true);
    try {
      const r = await api.tally.send();
      if (r.ok) setSent(r.value);
      else setNote(errorLine(t, r.error));
      await refreshQueue();
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="tally-title" className="panel panel-wide">
      <h2 id="tally-title">{t('tally.title')}</h2>
      <p>{t('tally.intro')}</p>
      <div className="actions">
        <button type="button" onClick={() => void onPreview()}>
          {t('tally.preview')}
        </button>
        <button
          type="button"
          onClick={() => void onSend()}
          disabled={!consent || sample || sending}
          aria-describedby="tally-consent"
          aria-busy={sending}
        >
          {sending ? t('tally.sending') : t('tally.send')}
        </button>
      </div>
      {(sample || !consent) && (
        <p id="tally-consent" className="note">
          {sample ? t('tally.sampleFeed') : t('tally.needConsent')}
        </p>
      )}
      {preview?.missing === 'scan' && <p>{t('tally.missingScan')}</p>}
      {preview?.missing === 'unit' && <p>{t('tally.missingUnit')}</p>}
      <div className="consent-grid">
        <ConsentFields />
        {preview?.result && (
          <pre className="json" tabIndex={0} aria-label={t('tally.preview')}>
            {JSON.stringify(preview.result, null, 2)}
          </pre>
        )}
      </div>
      <p role="status" className="note">
        {sending && t('tally.sendingNote')}
        {sent &&
          sent.remaining === 0 &&
          t('tally.sent', { delivered: sent.delivered, rejected: sent.rejected, remaining: sent.remaining })}
        {note}
      </p>
      {queue && <TallyOutbox queue={queue} onChange={setQueue} onNote={setNote} />}
    </section>
  );
}
