// The one place errors from main are shown: what happened (by code), the detail, and the hint.
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { errorWords } from '../error-text';
import { TechnicalDetails } from './TechnicalDetails';

/** Shows the store's last error as an alert a person can dismiss. */
export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useApp((s) => s.error);
  const dismiss = useApp((s) => s.dismissError);
  if (!error) return null;
  const words = errorWords(t, error);
  return (
    <div role="alert" className="banner banner-error">
      <p>
        <strong>{words.message}</strong>
      </p>
      {words.hint && (
        <p>
          {t('common.whatToDo')}: {words.hint}
        </p>
      )}
      <TechnicalDetails text={words.technical} />
      <button type="button" onClick={dismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}
