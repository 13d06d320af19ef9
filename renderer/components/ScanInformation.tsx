// What a scan saw that is information, not a finding (issue 10): indicator names the hosts file
// blocks, ended connections to an indicator, and "not activated" notices. Shown apart from the
// findings and never counted, so a person reads them as what they are.
import { useTranslation } from 'react-i18next';
import type { ScanReport } from '../../shared/domain';
import { endpoint } from '../../shared/ipc/connection-rows';

/** Blocked names and recently ended connections (Details screen). */
export function BlockedAndRecent({ report }: { report: ScanReport }) {
  const { t } = useTranslation();
  const blocked = report.blocked ?? [];
  const recent = report.recent ?? [];
  return (
    <>
      {blocked.length > 0 && (
        <section aria-labelledby="info-blocked">
          <h2 id="info-blocked">{t('info.blockedTitle', { count: blocked.length })}</h2>
          <p>{t('info.blockedIntro')}</p>
          <ul>
            {blocked.map((b) => (
              <li key={`${b.file ?? ''}:${b.line ?? 0}:${b.domain}:${b.address}`}>
                {t('info.blockedItem', { domain: b.domain, address: b.address, indicator: b.indicator })}
                {b.file !== undefined && (
                  <code className="evidence">
                    {b.file}
                    {b.line !== undefined ? `:${b.line}` : ''}
                    {b.text !== undefined ? `: ${b.text}` : ''}
                  </code>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {recent.length > 0 && (
        <section aria-labelledby="info-recent">
          <h2 id="info-recent">{t('info.recentTitle', { count: recent.length })}</h2>
          <p>{t('info.recentIntro')}</p>
          <ul>
            {recent.map((f, i) => {
              const c = f.connection;
              const remote = c ? endpoint(c.remoteAddress, c.remotePort) : f.indicator;
              const name = f.domain ?? f.indicator;
              // An address indicator is the remote address itself: name it once.
              const same = c !== undefined && name === c.remoteAddress;
              return (
                <li key={`${f.indicator}-${i}`}>
                  {same
                    ? t('info.recentItemAddress', { remote, state: c.state })
                    : t('info.recentItem', { remote, indicator: name, state: c?.state ?? '' })}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

/** "Windows not activated" notices (Cracked software screen), apart from the signs. */
export function LicensingNotices({ report }: { report: ScanReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const notices = report.notices ?? [];
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="info-notices">
      <h2 id="info-notices">{t('info.noticesTitle')}</h2>
      <ul>
        {notices.map((f, i) => (
          <li key={`${f.indicator}-${i}`}>
            <strong>{f.indicator}</strong>
            {f.explanation && <span> — {f.explanation[lang]}</span>}
            {f.evidence && <code className="evidence">{f.evidence}</code>}
            {f.advice && <p>{f.advice[lang]}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
