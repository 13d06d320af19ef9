// The home screen: the status at a glance (HomeStatus: icon, one line, last check, the list in
// use, "Kiểm tra ngay"), the check's progress, then the verdict a non-specialist understands
// (shared/scan/verdict.ts decides it; components/VerdictView.tsx says it). When a check finishes,
// focus moves to the verdict's heading so screen readers announce it.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { decideVerdict } from '../../shared/scan/verdict';
import { useApp } from '../app-context';
import { HomeStatus } from '../components/HomeStatus';
import { VerdictView } from '../components/VerdictView';
import { formatDateTime } from '../../shared/format';

/** The home / self-check screen. */
export function CheckScreen() {
  const { t, i18n } = useTranslation();
  const scanning = useApp((s) => s.scanning);
  const progress = useApp((s) => s.progress);
  const report = useApp((s) => s.report);
  const runScan = useApp((s) => s.runScan);
  const go = useApp((s) => s.go);
  const checkedSeq = useApp((s) => s.checkedSeq);
  const stepName = progress ? t(`check.steps.${progress.step}`, { defaultValue: progress.step }) : '';
  const verdict = useMemo(() => (report ? decideVerdict(report) : null), [report]);
  const region = useRef<HTMLDivElement>(null);
  const seenSeq = useRef(checkedSeq);

  useEffect(() => {
    // Only a check finished while this screen is open moves focus (not arriving on the screen).
    if (checkedSeq === seenSeq.current) return;
    seenSeq.current = checkedSeq;
    region.current?.querySelector<HTMLElement>('[data-verdict] h2')?.focus();
  }, [checkedSeq]);

  return (
    <section aria-labelledby="check-title" className="home">
      <h1 id="check-title" tabIndex={-1}>
        {t('check.title')}
      </h1>
      <HomeStatus onCheck={() => void runScan()} />
      <p className="home-intro">
        {t('check.intro')}{' '}
        <button type="button" className="link" onClick={() => go('campaign')}>
          {t('home.toCampaign')}
        </button>
      </p>
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
      <div role="status" aria-live="polite" className="verdict-region" ref={region}>
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
