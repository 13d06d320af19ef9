// The one place errors from main are shown: what happened (by code), the detail, and the hint.
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';

/** Shows the store's last error as an alert a person can dismiss. */
export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useApp((s) => s.error);
  const dismiss = useApp((s) => s.dismissError);
  if (!error) return null;
  return (
    <div role="alert" className="banner banner-error">
      <p>
        <strong>{t(`errors.${error.code}`)}</strong> {error.message}
      </p>
      {error.hint && (
        <p>
          {t('common.whatToDo')}: {error.hint}
        </p>
      )}
      <button type="button" onClick={dismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}
