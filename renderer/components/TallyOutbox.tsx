// The outbox under the Send button: "đang chờ gửi: N" with the last problem in words and when the
// next background attempt runs, and the results the tally refused with its reasons (resend, delete).
// A reason is worded in the person's language from its catalogue key; the tally's raw (bilingual)
// text is only under "Chi tiết kỹ thuật".
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import type { TallyQueueStatus } from '../../shared/ipc/schemas';
import { useApi } from '../app-context';
import { formatDateTime as formatTime } from '../../shared/format';
import { translate } from '../../shared/i18n';
import { TechnicalDetails } from './TechnicalDetails';

interface Props {
  queue: TallyQueueStatus;
  onChange: (queue: TallyQueueStatus) => void;
  onNote: (note: string) => void;
}

/** Pending count, last problem, next retry, and the refused results. */
export function TallyOutbox({ queue, onChange, onNote }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const act = async (action: 'resend' | 'delete', submissionId: string) => {
    onNote('');
    const r = await api.tally[action]({ submissionId });
    if (r.ok) onChange(r.value);
    else onNote(errorLine(t, r.error));
  };
  const p = queue.problem;

  return (
    <>
      <div aria-live="polite">
        <p>{t('tally.waiting', { count: queue.pending })}</p>
        {queue.pending > 0 && p && (
          <p className="banner banner-error">
            {t(`tally.problem.${p.code}`, { status: p.status ?? '' })}
            {p.detail && (
              <>
                {' '}
                <span className="note">({p.detail})</span>
              </>
            )}
          </p>
        )}
        {queue.pending > 0 && queue.nextAttemptAt && (
          <p className="note">
            {t('tally.nextAttempt', { time: formatTime(queue.nextAttemptAt, i18n.language) })}
          </p>
        )}
      </div>
      {queue.refused.length > 0 && (
        <section aria-labelledby="tally-refused-title">
          <h3 id="tally-refused-title">{t('tally.refusedTitle', { count: queue.refused.length })}</h3>
          <p className="note">{t('tally.refusedIntro')}</p>
          <ul>
            {queue.refused.map((r) => (
              <li key={r.submissionId}>
                <p>
                  <strong>{t('tally.refusedReason')}</strong>{' '}
                  {r.text
                    ? // shared/i18n's wording, as the tally's own: dates 23/11/2026, numbers 1.234.
                      translate(i18n.language === 'en' ? 'en' : 'vi', r.text.code, r.text.params)
                    : t('tally.refusedNoCode')}
                </p>
                <TechnicalDetails text={r.reason} />
                <p className="note">
                  {t('tally.refusedAt', {
                    time: formatTime(r.refusedAt, i18n.language),
                    id: r.submissionId.slice(0, 8),
                  })}
                </p>
                <div className="actions">
                  <button
                    type="button"
                    aria-label={t('tally.resendLabel', { id: r.submissionId.slice(0, 8) })}
                    onClick={() => void act('resend', r.submissionId)}
                  >
                    {t('tally.resend')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('tally.deleteLabel', { id: r.submissionId.slice(0, 8) })}
                    onClick={() => void act('delete', r.submissionId)}
                  >
                    {t('tally.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
