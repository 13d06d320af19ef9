// Settings: language, the feed (URL, status, update now), the tally address, the unit, and the
// opt-in for sending (off by default). Validation happens in main; its message is shown here.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/ipc/schemas';
import type { Contact } from '../../shared/campaign-feed/campaign-feed';
import { useApp } from '../app-context';
import { formatDate, formatDateTime, formatNumber } from '../../shared/format';
import { TechnicalDetails } from '../components/TechnicalDetails';
import { UnitPicker } from '../components/UnitPicker';
import { TallyPanel } from './TallyPanel';

/** The settings screen. Renders once settings have loaded. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useApp((s) => s.settings);
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {t('settings.title')}
      </h1>
      {settings ? <SettingsForm settings={settings} /> : <p>{t('common.loading')}</p>}
      <TallyPanel />
      <FeedStatusPanel />
    </section>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useApp((s) => s.saveSettings);
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const [kms, setKms] = useState((settings.agencyKmsHosts ?? []).join('\n'));
  const [itDraft, setItDraft] = useState({
    name: settings.itContact?.name ?? '',
    unit: settings.itContact?.unit ?? '',
    phone: settings.itContact?.phone ?? '',
    email: settings.itContact?.email ?? '',
  });
  const [periodicOn, setPeriodicOn] = useState(settings.periodicCheck?.enabled ?? false);
  const [periodicHours, setPeriodicHours] = useState(String(settings.periodicCheck?.hours ?? 4));
  const contacts = useApp((s) => s.contacts);
  const feed = useApp((s) => s.feed);
  const edit = (patch: Partial<Settings>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { feedUrl, tallyUrl, unitCode, sendResults, unitToken = '' } = draft;
    const agencyKmsHosts = kms
      .split(/[\s,;]+/)
      .map((h) => h.trim())
      .filter((h) => h !== '');
    const it = Object.fromEntries(
      Object.entries(itDraft)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    ) as Partial<Contact>;
    const itContact = Object.keys(it).length === 0 ? null : { name: '', unit: '', ...it };
    const hours = Number(periodicHours);
    setSaved(
      await save({
        feedUrl,
        tallyUrl,
        unitCode,
        sendResults,
        agencyKmsHosts,
        unitToken,
        itContact,
        periodicCheck: {
          enabled: periodicOn,
          hours: Number.isInteger(hours) && hours >= 1 && hours <= 168 ? hours : 4,
        },
      }),
    );
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="settings">
      <fieldset>
        <legend>{t('settings.language')}</legend>
        {(['vi', 'en'] as const).map((lang) => (
          <label key={lang} className="inline">
            <input
              type="radio"
              name="language"
              value={lang}
              checked={settings.language === lang}
              onChange={() => void save({ language: lang })}
            />
            {t(`settings.${lang}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('settings.feedUrl')}
        <input
          type="url"
          value={draft.feedUrl}
          aria-describedby="feed-url-hint"
          onChange={(e) => edit({ feedUrl: e.target.value })}
        />
      </label>
      <p id="feed-url-hint" className="note">
        {feed?.defaultUrl ? t('settings.feedDefault', { url: feed.defaultUrl }) : t('settings.feedNoDefault')}
      </p>
      <label>
        {t('settings.kmsHosts')}
        <textarea
          rows={2}
          value={kms}
          aria-describedby="kms-hint"
          onChange={(e) => {
            setSaved(false);
            setKms(e.target.value);
          }}
        />
      </label>
      <p id="kms-hint" className="note">
        {t('settings.kmsHostsHelp')}
      </p>
      <fieldset>
        <legend>{t('settings.it_title')}</legend>
        <p className="note">{t('settings.itHelp')}</p>
        {(['name', 'unit', 'phone', 'email'] as const).map((k) => (
          <label key={k}>
            {t(`settings.it.${k}`)}
            <input
              type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
              value={itDraft[k]}
              autoComplete="off"
              onChange={(e) => {
                setSaved(false);
                setItDraft((d) => ({ ...d, [k]: e.target.value }));
              }}
            />
          </label>
        ))}
        {contacts?.itFrom === 'installer' && contacts.it && (
          <p className="note">{t('settings.itFromInstaller', { name: contacts.it.name })}</p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('settings.periodic_title')}</legend>
        <label className="inline">
          <input
            type="checkbox"
            checked={periodicOn}
            aria-describedby="periodic-hint"
            onChange={(e) => {
              setSaved(false);
              setPeriodicOn(e.target.checked);
            }}
          />
          {t('settings.periodic')}
        </label>
        <label>
          {t('settings.periodicHours')}
          <input
            type="number"
            min={1}
            max={168}
            step={1}
            value={periodicHours}
            disabled={!periodicOn}
            onChange={(e) => {
              setSaved(false);
              setPeriodicHours(e.target.value);
            }}
          />
        </label>
        <p id="periodic-hint" className="note">
          {t('settings.periodicHelp')}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('settings.tally_title')}</legend>
        <label>
          {t('settings.tallyUrl')}
          <input type="url" value={draft.tallyUrl} onChange={(e) => edit({ tallyUrl: e.target.value })} />
        </label>
        <label>
          {t('settings.unitCode')}
          <input type="text" value={draft.unitCode} onChange={(e) => edit({ unitCode: e.target.value })} />
        </label>
        <label>
          {t('settings.unitToken')}
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={draft.unitToken ?? ''}
            onChange={(e) => edit({ unitToken: e.target.value })}
          />
        </label>
        <p className="note">{t('settings.unitTokenHelp')}</p>
        <UnitPicker
          tallyUrl={draft.tallyUrl}
          unitCode={draft.unitCode}
          onPick={(unitCode) => edit({ unitCode })}
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.sendResults}
            onChange={(e) => edit({ sendResults: e.target.checked })}
            aria-describedby="send-hint"
          />
          {t('settings.sendResults')}
        </label>
        <p id="send-hint" className="note">
          {t('settings.sendHint')}
        </p>
      </fieldset>
      <button type="submit" className="primary-outline">
        {t('settings.save')}
      </button>
      <p role="status" className="note">
        {saved ? t('settings.saved') : ''}
      </p>
    </form>
  );
}

function FeedStatusPanel() {
  const { t, i18n } = useTranslation();
  const feed = useApp((s) => s.feed);
  const update = useApp((s) => s.updateFeed);
  const updating = useApp((s) => s.updatingFeed);
  const result = useApp((s) => s.feedUpdate);
  return (
    <section aria-labelledby="feed-title" className="panel">
      <h2 id="feed-title">{t('settings.feed_title')}</h2>
      {feed && (
        <dl className="facts-grid">
          <dt>{t('settings.feedVersion')}</dt>
          <dd>{feed.version}</dd>
          <dt>{t('settings.feedPublished')}</dt>
          <dd>{formatDate(feed.publishedAt, i18n.language)}</dd>
          <dt>{t('settings.feedSource')}</dt>
          <dd className="break" title={feed.source}>
            {feed.origin === 'bundled'
              ? t('settings.origin.bundled')
              : feed.origin
                ? t(`settings.origin.${feed.origin}`, { source: feed.source.replace(/^file: /, '') })
                : feed.source}
          </dd>
          <dt>{t('settings.feedChecked')}</dt>
          <dd>{feed.lastChecked ? formatDateTime(feed.lastChecked, i18n.language) : t('settings.never')}</dd>
          <dt>{t('settings.feedIndicators')}</dt>
          <dd>{formatNumber(feed.indicatorCount, i18n.language)}</dd>
        </dl>
      )}
      <button type="button" onClick={() => void update()} disabled={updating}>
        {updating ? t('settings.updating') : t('settings.update')}
      </button>
      <p role="status" className="note">
        {result &&
          (result.code === 'no-url'
            ? t('settings.noFeedUrl')
            : `${t(`settings.outcome.${result.outcome}`)}${result.text ? ` ${t(result.text.code, result.text.params ?? {})}` : ''}`)}
      </p>
      <TechnicalDetails text={result?.message} />
    </section>
  );
}
