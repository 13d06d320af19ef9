// Self-check: one primary button, a progress bar naming what is being checked, then a verdict a
// non-specialist understands (clean, or N connections to campaign addresses naming the programs).
import { useTranslation } from 'react-i18next';
import { endpoint, summarize } from '../../shared/ipc/connection-rows';
import { useApp } from '../app-context';
import { formatDateTime } from '../format';

/** The self-check screen. */
export function CheckScreen() {
  const { t, i18n } = useTranslation();
  const scanning = useApp((s) => s.scanning);
  const progress = useApp((s) => s.progress);
  const report = useApp((s) => s.report);
  const rows = useApp((s) => s.rows);
  const runScan = useApp((s) => s.runScan);
  const go = useApp((s) => s.go);
  const stepName = progress ? t(`check.steps.${progress.step}`, { defaultValue: progress.step }) : '';
  const summary = report ? summarize(report) : null;
  const flaggedRows = rows.filter((r) => r.flagged);

  return (
    <section aria-labelledby="check-title">
      <h1 id="check-title" tabIndex={-1}>
        {t('check.title')}
      </h1>
      <p>{t('check.intro')}</p>
      <button
        type="button"
        className="primary"
        onClick={() => void runScan()}
        disabled={scanning}
        aria-busy={scanning}
      >
        {t('check.button')}
      </button>
      {scanning && progress && (
        <div className="progress">
          <progress
            max={100}
            value={Math.round(progress.fraction * 100)}
            aria-label={t('check.progress')}
            aria-valuetext={t('check.step', { step: stepName })}
          />
          <p aria-live="polite">{t('check.step', { step: stepName })}</p>
        </div>
      )}
      <div role="status" aria-live="polite" className="verdict-region">
        {!scanning && report && summary && (
          <div className={summary.flagged > 0 ? 'verdict verdict-bad' : 'verdict verdict-ok'}>
            {summary.flagged === 0 ? (
              <>
                <h2>{t('check.clean_title')}</h2>
                <p>{t('check.clean', { count: report.connections.length })}</p>
                <p>{t('check.cleanNext')}</p>
              </>
            ) : (
              <>
                <h2>{t('check.flagged_title')}</h2>
                <p className="verdict-count">{t('check.flagged', { count: summary.flagged })}</p>
                <p>{t('check.programs')}</p>
                <ul className="programs">
                  {flaggedRows.map((r) => (
                    <li key={r.id}>
                      {t('check.program', {
                        name: r.processName ?? t('check.unknownProgram'),
                        pid: r.pid ?? '?',
                        remote: endpoint(r.remoteAddress, r.remotePort),
                      })}
                    </li>
                  ))}
                </ul>
                <h3>{t('check.next_title')}</h3>
                <ol>
                  <li>{t('check.next1')}</li>
                  <li>{t('check.next2')}</li>
                  <li>{t('check.next3')}</li>
                </ol>
              </>
            )}
            {summary.otherFindings > 0 && <p>{t('check.other', { count: summary.otherFindings })}</p>}
            {report.warnings.length > 0 && <p>{t('check.warnings', { count: report.warnings.length })}</p>}
            <p className="note">
              {t('check.scannedAt', { time: formatDateTime(report.scannedAt, i18n.language) })}
            </p>
            <div className="actions">
              <button type="button" onClick={() => go('details')}>
                {t('check.toDetails')}
              </button>
              {summary.flagged > 0 && (
                <button type="button" onClick={() => go('cleanup')}>
                  {t('check.toCleanup')}
                </button>
              )}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
