// Campaign: what it is, who runs it, until when, why it matters, with the feed's dates and links.
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context';
import { CampaignContacts, ItContact } from '../components/Contacts';
import { ExternalLink } from '../components/ExternalLink';
import { formatDate } from '../../shared/format';

/** The campaign screen (shown at first start, until this PC has been checked once). */
export function CampaignScreen() {
  const { t, i18n } = useTranslation();
  const feed = useApp((s) => s.feed);
  const go = useApp((s) => s.go);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const c = feed?.campaign;
  return (
    <section aria-labelledby="campaign-title">
      <h1 id="campaign-title" tabIndex={-1}>
        {c ? c.name[lang] : t('campaign.title')}
      </h1>
      {c ? (
        <ul className="facts">
          <li>{t('campaign.runBy', { authority: c.authority[lang] })}</li>
          {c.letter && <li>{t('campaign.letter', { letter: c.letter })}</li>}
          <li>
            {t('campaign.dates', { start: formatDate(c.startsOn, lang), end: formatDate(c.endsOn, lang) })}
          </li>
          <li>{t('campaign.deadline', { date: formatDate(c.reportDeadline, lang) })}</li>
        </ul>
      ) : (
        <p>{t('common.loading')}</p>
      )}
      <h2>{t('campaign.why_title')}</h2>
      <p>{t('campaign.why')}</p>
      <h2>{t('campaign.asks_title')}</h2>
      <ol>
        <li>{t('campaign.ask1')}</li>
        <li>{t('campaign.ask2')}</li>
        <li>{t('campaign.ask3')}</li>
      </ol>
      <h2>{t('campaign.howApp_title')}</h2>
      <p>{t('campaign.howApp')}</p>
      <ExternalLink target="campaign-info" label={t('campaign.openInfo')} />
      <div className="contacts">
        <CampaignContacts headingLevel={2} />
        <ItContact headingLevel={2} />
      </div>
      <button type="button" className="primary-outline" onClick={() => go('check')}>
        {t('campaign.toHome')}
      </button>
      {feed && (
        <p className="note">
          {t('campaign.feed', { version: feed.version, date: formatDate(feed.publishedAt, lang) })}
        </p>
      )}
    </section>
  );
}
