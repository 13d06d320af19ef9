// The anonymized result: the exact JSON main would send (built from the last check), and sending
// it, which main allows only with the person's consent saved in Settings.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TallyPreview, TallySend } from '../../shared/ipc/schemas';
import { useApi, useApp } from '../app-context';

/** Preview and send the anonymized result (inside the Settings screen). */
export function TallyPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const consent = useApp((s) => s.settings?.sendResults ?? false);
  // Results made with the sample feed are no campaign's: the tally refuses them, so none is sent.
  const sample = useApp((s) => s.feed?.campaign.sample ?? false);
  const [preview, setPreview] = useState<TallyPreview | null>(null);
  const [sent, setSent] = useState<TallySend | null>(null);
  const [note, setNote] = useState('');

  const onPreview = async () => {
    const r = await api.tally.preview();
    if (r.ok) setPreview(r.value);
    else setNote(`${r.error.message}${r.error.hint ? ` ${r.error.hint}` : ''}`);
  };
  const onSend = async () => {
    setNote('');
    const r = await api.tally.send();
    if (r.ok) setSent(r.value);
    else setNote(`${r.error.message}${r.error.hint ? ` ${r.error.hint}` : ''}`);
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
          disabled={!consent || sample}
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
          <p className="note">{t('tally.pending', { count: preview.pending })}</p>
        </>
      )}
      <p role="status" className="note">
        {sent &&
          (sent.remaining > 0 && sent.lastError
            ? t('tally.kept', { error: sent.lastError })
            : t('tally.sent', {
                delivered: sent.delivered,
                rejected: sent.rejected,
                remaining: sent.remaining,
              }))}
        {note}
      </p>
    </section>
  );
}
