// The malware cleanup tool of the Authority (glossary.officialTool): the page from the signed feed (opened by main) and how to run the tool.
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { ExternalLink } from '../components/ExternalLink';

/** The official cleanup tool screen. */
export function CleanupScreen() {
  const { t } = useTranslation();
  const url = useApp((s) => s.feed?.campaign.cleanupToolUrl);
  return (
    <section aria-labelledby="cleanup-title">
      <h1 id="cleanup-title" tabIndex={-1}>
        {t('cleanup.title')}
      </h1>
      <p>{t('cleanup.intro')}</p>
      {url && <p className="url">{t('cleanup.address', { url })}</p>}
      <ExternalLink target="cleanup-tool" label={t('cleanup.open')} />
      <h2>{t('cleanup.how_title')}</h2>
      <ol>
        {(['how1', 'how2', 'how3', 'how4', 'how5'] as const).map((k) => (
          <li key={k}>{t(`cleanup.${k}`)}</li>
        ))}
      </ol>
    </section>
  );
}
