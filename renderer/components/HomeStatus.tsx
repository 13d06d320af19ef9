// The home status at a glance, like Windows Security's home: a large state icon and one line, when
// this PC was last checked, the list in use (version, date, up to date or not), and "Kiểm tra ngay".
import { useTranslation } from 'react-i18next';
import type { FeedStatus, LastCheck } from '../../shared/ipc/schemas';
import { useApp } from '../app-context';
import { formatDate, formatDateTime } from '../../shared/format';

export type HomeState = LastCheck['state'] | 'unchecked' | 'no-list';

/** A list confirmed by the agency's server within this many days counts as up to date. */
export const FRESH_DAYS = 3;

/** The headline of the home status from the last check and the list in use. */
export function homeState(feed: FeedStatus | null, lastCheck: LastCheck | null): HomeState {
  if (!feed || feed.indicatorCount === 0) return 'no-list';
  if (!lastCheck) return 'unchecked';
  return lastCheck.state;
}

/** Is the list in use the sample, up to date, or not checked for a newer one lately? */
export function listFreshness(feed: FeedStatus, now: Date): 'sample' | 'current' | 'stale' {
  if (feed.campaign.sample) return 'sample';
  const checked = feed.lastChecked ? Date.parse(feed.lastChecked) : NaN;
  return Number.isFinite(checked) && now.getTime() - checked <= FRESH_DAYS * 86_400_000 ? 'current' : 'stale';
}

const TONE: Record<HomeState, 'ok' | 'bad' | 'warn' | 'info' | 'none'> = {
  clean: 'ok',
  infected: 'bad',
  recent: 'warn',
  cracked: 'warn',
  sample: 'info',
  unchecked: 'none',
  'no-list': 'info',
};

/** The large state icon (decorative: the line beside it says the state in words). */
export function StateIcon({ tone }: { tone: 'ok' | 'bad' | 'warn' | 'info' | 'none' }) {
  const mark =
    tone === 'ok' ? (
      <path d="M14 25l7 7 14-15" fill="none" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
    ) : tone === 'bad' || tone === 'warn' ? (
      <>
        <path d="M24 12v15" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
        <circle cx="24" cy="35" r="3" fill="#fff" />
      </>
    ) : (
      <>
        <circle cx="24" cy="14" r="3" fill="#fff" />
        <path d="M24 21v15" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
      </>
    );
  return (
    <svg className={`state-icon state-icon-${tone}`} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      {tone === 'warn' ? <path d="M24 3L46 44H2z" /> : <circle cx="24" cy="24" r="22" />}
      {mark}
    </svg>
  );
}

/** The status card at the top of the home screen. */
export function HomeStatus({ onCheck }: { onCheck: () => void }) {
  const { t, i18n } = useTranslation();
  const feed = useApp((s) => s.feed);
  const lastCheck = useApp((s) => s.lastCheck);
  const scanning = useApp((s) => s.scanning);
  const state = homeState(feed, lastCheck);
  const lang = i18n.language;
  const fresh = feed ? listFreshness(feed, new Date()) : null;
  return (
    <div className={`home-status home-${TONE[state]}`} data-home-state={state}>
      <StateIcon tone={TONE[state]} />
      <div className="home-text">
        <p className="home-line">{t(`home.state.${state}`)}</p>
        <dl className="home-facts">
          <dt>{t('home.lastChecked')}</dt>
          <dd>{lastCheck ? formatDateTime(lastCheck.checkedAt, lang) : t('home.never')}</dd>
          <dt>{t('home.list')}</dt>
          <dd>
            {feed
              ? t('home.listVersion', { version: feed.version, date: formatDate(feed.publishedAt, lang) })
              : t('common.loading')}
          </dd>
          {fresh && (
            <>
              <dt>{t('home.freshness')}</dt>
              <dd>
                {fresh === 'current'
                  ? t('home.listCurrent', { time: formatDateTime(feed!.lastChecked!, lang) })
                  : t(`home.list_${fresh}`)}
              </dd>
            </>
          )}
        </dl>
      </div>
      <button type="button" className="primary" onClick={onCheck} disabled={scanning} aria-busy={scanning}>
        {t('check.button')}
      </button>
    </div>
  );
}
