// The anonymized result: the exact JSON main would send (built from the last check), and sending
// it, which main allows only with the person's consent saved in Settings. Below it, the outbox:
// how many results wait and why, and the results the tally refused, with its reasons.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { TallyPreview, TallyQueueStatus, TallySend } from '../../shared/ipc/schemas';
import { useApi, useApp } from '../app-context';
import { TallyOutbox } from '../components/TallyOutbox';

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
    <section aria-labelledby="tally-title" className="panel">
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
        >
          {t('tally.send')}
        </button>
      </div>
      {(sample || !consent) && (
        <p id="tally-consent" className="note">
          {sample ? t('tally.sampleFeed') : t('tally.needConsent')}
        </p>
      )}
      {preview && (
        <>
          {preview.missing === 'scan' && <p>{t('tally.missingScan')}</p>}
          {preview.missing === 'unit' && <p>{t('tally.missingUnit')}</p>}
          {preview.result && (
            <pre className="json" tabIndex={0} aria-label={t('tally.preview')}>
              {JSON.stringify(preview.result, null, 2)}
            </pre>
          )}
        </>
      )}
      <p role="status" className="note">
        {sent &&
          sent.remaining === 0 &&
          t('tally.sent', { delivered: sent.delivered, rejected: sent.rejected, remaining: sent.remaining })}
        {note}
      </p>
      {queue && <TallyOutbox queue={queue} onChange={setQueue} onNote={setNote} />}
    </section>
  );
}
