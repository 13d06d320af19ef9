// A button that asks main to open an official page from the signed feed. The page never passes a
// URL: it names the target, and main looks the address up and checks it against the allow-list.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../error-text';
import { useApi } from '../app-context';

/** Opens the campaign page or the cleanup tool page in the default browser (through main). */
export function ExternalLink(props: { target: 'campaign-info' | 'cleanup-tool'; label: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [note, setNote] = useState<string | null>(null);
  const open = async () => {
    const r = await api.app.openOfficial({ target: props.target });
    if (!r.ok) setNote(errorLine(t, r.error));
    else
      setNote(r.value.opened ? t('common.openedInBrowser') : t('common.openManually', { url: r.value.url }));
  };
  return (
    <div className="external">
      <button type="button" className="primary-outline" onClick={() => void open()}>
        {props.label}
      </button>
      <p role="status" className="note">
        {note}
      </p>
    </div>
  );
}
