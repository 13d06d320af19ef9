// Details for IT staff: what the scan saw that is information, not a finding (issue 10): ended
// connections to an indicator, indicator names the hosts file blocks, and licensing notices such as
// "Windows not activated". Decided by the same rule as the self-check (shared/scan/verdict.ts).
import { useTranslation } from 'react-i18next';
import type { ScanReport } from '../../shared/domain';
import { endpoint } from '../../shared/ipc/connection-rows';
import { decideVerdict } from '../../shared/scan/verdict';

/** The information section under the connections table; nothing when there is none. */
export function ScanNotes({ report }: { report: ScanReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { recent, blocked, notices } = decideVerdict(report);
  if (recent.length + blocked.length + notices.length === 0) return null;
  return (
    <section aria-labelledby="details-notes-title" className="scan-notes">
      <h2 id="details-notes-title">{t('details.notes.title')}</h2>
      {recent.length > 0 && (
        <>
          <h3>{t('details.notes.recent')}</h3>
          <ul>
            {recent.map((f, i) => (
              <li key={`r${i}`}>
                <code>
                  {f.connection ? endpoint(f.connection.remoteAddress, f.connection.remotePort) : f.indicator}
                </code>{' '}
                {t('details.notes.recentItem', {
                  state: f.connection?.state || '?',
                  indicator: f.domain ?? f.indicator,
                  source: f.source,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {blocked.length > 0 && (
        <>
          <h3>{t('details.notes.blocked')}</h3>
          <ul>
            {blocked.map((b, i) => (
              <li key={`b${i}`}>
                {t('details.notes.blockedItem', { name: b.domain, address: b.address, source: b.source })}
                {b.file && (
                  <>
                    {' '}
                    <code>
                      {b.file}
                      {b.line !== undefined ? `:${b.line}` : ''}
                    </code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {notices.length > 0 && (
        <>
          <h3>{t('details.notes.notices')}</h3>
          <ul>
            {notices.map((f, i) => (
              <li key={`n${i}`}>
                {f.explanation?.[lang] ?? t('verdict.notActivated', { name: f.indicator })}
                {f.evidence && <code className="evidence">{f.evidence}</code>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
