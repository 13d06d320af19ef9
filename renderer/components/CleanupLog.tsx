// The action log of a guided cleanup (every proposal, refusal and result, with its time) and the
// evidence report export: HTML and JSON (saved by main, or a download in the harness), PDF from the app.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CleanupLogEntry } from '../../shared/ipc/cleanup-schemas';
import { useApi } from '../app-context';
import { formatDateTime } from '../../shared/format';
import { deliverExport } from './download';

/** The log table of one item; reloads whenever `version` changes. */
export function CleanupLog({ item, version }: { item: string; version: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [entries, setEntries] = useState<CleanupLogEntry[]>([]);
  const lang = i18n.language === 'en' ? 'en' : 'vi';

  useEffect(() => {
    let live = true;
    void api.cleanup.log({ item }).then((r) => {
      if (live && r.ok) setEntries(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, item, version]);

  return (
    <section aria-labelledby="cleanup-log-title">
      <h2 id="cleanup-log-title">{t('cleanup.guide.logTitle')}</h2>
      {entries.length === 0 ? (
        <p>{t('cleanup.guide.logEmpty')}</p>
      ) : (
        <table className="cleanup-log">
          <caption className="visually-hidden">{t('cleanup.guide.logTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cleanup.guide.logTime')}</th>
              <th scope="col">{t('cleanup.guide.logStep')}</th>
              <th scope="col">{t('cleanup.guide.logOutcome')}</th>
              <th scope="col">{t('cleanup.guide.logMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i} className={`outcome-${e.outcome}`}>
                <td>{formatDateTime(e.time, lang)}</td>
                <td>{t(`cleanup.guide.stepName.${e.step}`)}</td>
                <td>{t(`cleanup.guide.outcome.${e.outcome}`)}</td>
                <td>{e.message[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The evidence report buttons (all items' evidence and log, with the scan's findings). */
export function CleanupReport() {
  const { t } = useTranslation();
  const api = useApi();
  const [note, setNote] = useState('');
  const exportAs = async (format: 'html' | 'json' | 'pdf') => {
    setNote(deliverExport(await api.cleanup.report({ format }), t));
  };
  return (
    <section aria-labelledby="cleanup-report-title">
      <h2 id="cleanup-report-title">{t('cleanup.guide.reportTitle')}</h2>
      <p>{t('cleanup.guide.reportIntro')}</p>
      <div className="toolbar">
        <button type="button" onClick={() => void exportAs('html')}>
          {t('cleanup.guide.reportHtml')}
        </button>
        <button type="button" onClick={() => void exportAs('json')}>
          {t('cleanup.guide.reportJson')}
        </button>
        <button type="button" onClick={() => void exportAs('pdf')}>
          {t('cleanup.guide.reportPdf')}
        </button>
      </div>
      <p role="status" className="note">
        {note}
      </p>
    </section>
  );
}
