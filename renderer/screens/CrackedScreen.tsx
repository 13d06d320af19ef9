// Cracked and unlicensed software: first the signs the last check found on this PC (each with its
// guided cleanup, a hosts activation block with its guided removal) and who to call, then the risks
// in plain words, real examples and what to do instead.
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { targetOfSign } from '../components/cleanup-target';
import { LicensingNotices } from '../components/ScanInformation';
import { CampaignContacts, ItContact } from '../components/Contacts';

/** The cracked-software screen. */
export function CrackedScreen() {
  const { t, i18n } = useTranslation();
  const report = useApp((s) => s.report);
  const startCleanup = useApp((s) => s.startCleanup);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const signs = report?.findings.filter((f) => f.via === 'licensing') ?? [];
  return (
    <section aria-labelledby="cracked-title">
      <h1 id="cracked-title" tabIndex={-1}>
        {t('cracked.title')}
      </h1>
      {/* What this PC shows first; the explanations follow. */}
      <section aria-labelledby="cracked-found-title" className="panel signs-panel">
        <h2 id="cracked-found-title">{t('cracked.findings_title')}</h2>
        {!report ? (
          <p>{t('cracked.notChecked')}</p>
        ) : signs.length === 0 ? (
          <p>{t('cracked.noFindings')}</p>
        ) : (
          <ul className="signs">
            {signs.map((f, i) => (
              <li key={`${f.indicator}-${i}`}>
                <strong>{f.indicator}</strong>
                {f.explanation && <span> — {f.explanation[lang]}</span>}
                {f.evidence && <code className="evidence">{f.evidence}</code>}
                {f.advice && <p>{f.advice[lang]}</p>}
                {f.kind === 'hosts-activation-block' && <p className="note">{t('cracked.hostsGuide')}</p>}
                <button
                  type="button"
                  className={f.kind === 'hosts-activation-block' ? 'primary-outline' : 'small'}
                  onClick={() => startCleanup(targetOfSign(f, i))}
                  aria-label={
                    f.kind === 'hosts-activation-block'
                      ? t('cracked.hostsAction', { name: f.indicator })
                      : t('cleanup.guide.actionSign', { name: f.indicator })
                  }
                >
                  {f.kind === 'hosts-activation-block'
                    ? t('cracked.hostsActionShort')
                    : t('cleanup.guide.action')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {report && <LicensingNotices report={report} />}
        {signs.length > 0 && (
          <div className="contacts">
            <ItContact />
            <CampaignContacts />
          </div>
        )}
      </section>
      <p>{t('cracked.intro')}</p>
      <h2>{t('cracked.risks_title')}</h2>
      <ul>
        {(['risk1', 'risk2', 'risk3', 'risk4'] as const).map((k) => (
          <li key={k}>{t(`cracked.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('cracked.examples_title')}</h2>
      <ul>
        {(['example1', 'example2', 'example3', 'example4'] as const).map((k) => (
          <li key={k}>{t(`cracked.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('cracked.instead_title')}</h2>
      <ul>
        {(['instead1', 'instead2', 'instead3'] as const).map((k) => (
          <li key={k}>{t(`cracked.${k}`)}</li>
        ))}
      </ul>
    </section>
  );
}
