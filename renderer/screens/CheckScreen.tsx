// Self-check: one primary button, a progress bar naming what is being checked, then a verdict a
// non-specialist understands (shared/scan/verdict.ts decides it; components/VerdictView.tsx says it).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { decideVerdict } from '../../shared/scan/verdict';
import { useApp } from '../app-context';
import { VerdictView } from '../components/VerdictView';
import { formatDateTime } from '../../shared/format';

/** The self-check screen. */
export function CheckScreen() {
  const { t, i18n } = useTranslation();
  const scanning = useApp((s) => s.scanning);
  const progress = useApp((s) => s.progress);
  const report = useApp((s) => s.report);
  const runScan = useApp((s) => s.runScan);
  const stepName = progress ? t(`check.steps.${progress.step}`, { defaultValue: progress.step }) : '';
  const verdict = useMemo(() => (report ? decideVerdict(report) : null), [report]);

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
        {!scanning && report && verdict && (
          <VerdictView verdict={verdict} connectionsChecked={report.connections.length}>
            {report.warnings.length > 0 && <p>{t('check.warnings', { count: report.warnings.length })}</p>}
            <p className="note">
              {t('check.scannedAt', { time: formatDateTime(report.scannedAt, i18n.language) })}
            </p>
          </VerdictView>
        )}
      </div>
    </section>
  );
}
