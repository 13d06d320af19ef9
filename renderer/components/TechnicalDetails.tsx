// Raw error text for IT staff, folded away under "Chi tiết kỹ thuật" so the sentence above it stays
// in the person's language.
import { useTranslation } from 'react-i18next';

/** A closed disclosure with the raw text; nothing when there is none. */
export function TechnicalDetails({ text }: { text: string | undefined }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="technical">
      <summary>{t('common.technical')}</summary>
      <pre>{text}</pre>
    </details>
  );
}
