// The window: a skip link, the header with the language switch, the section navigation, and the
// current screen in <main>. Moving to a screen moves keyboard focus to its heading.
// The first screen is the campaign introduction until this PC has been checked once, then the home.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './app-context';
import { ErrorBanner } from './components/ErrorBanner';
import { CampaignScreen } from './screens/CampaignScreen';
import { CheckScreen } from './screens/CheckScreen';
import { CleanupGuideScreen } from './screens/CleanupGuideScreen';
import { CleanupScreen } from './screens/CleanupScreen';
import { CrackedScreen } from './screens/CrackedScreen';
import { DetailsScreen } from './screens/DetailsScreen';
import { HuntScreen } from './screens/HuntScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import type { Screen } from './store';
import { screens } from './store';

const views: Record<Screen, () => React.JSX.Element> = {
  campaign: CampaignScreen,
  cracked: CrackedScreen,
  check: CheckScreen,
  details: DetailsScreen,
  guided: CleanupGuideScreen,
  hunt: HuntScreen,
  cleanup: CleanupScreen,
  settings: SettingsScreen,
};

/** The whole app. */
export function App() {
  const { t, i18n } = useTranslation();
  const screen = useApp((s) => s.screen);
  const go = useApp((s) => s.go);
  const language = useApp((s) => s.settings?.language ?? 'vi');
  const sample = useApp((s) => s.feed?.campaign.sample ?? false);
  const saveSettings = useApp((s) => s.saveSettings);
  const navSeq = useApp((s) => s.navSeq);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  // Only a move the person made takes focus: not the first screen, nor the one load() opens on.
  useEffect(() => {
    if (navSeq > 0) main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [navSeq]);

  const View = views[screen];
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <div>
            <p className="name">{t('app.name')}</p>
            <p className="tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <div className="lang" role="group" aria-label={t('app.language')}>
          {(['vi', 'en'] as const).map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              aria-pressed={language === lang}
              onClick={() => void saveSettings({ language: lang })}
            >
              {t(`settings.${lang}`)}
            </button>
          ))}
        </div>
      </header>
      <div className="layout">
        <nav aria-label={t('app.nav')}>
          <ul>
            {screens.map((s) => (
              <li key={s}>
                <button type="button" aria-current={s === screen ? 'page' : undefined} onClick={() => go(s)}>
                  {t(`nav.${s}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={main} tabIndex={-1}>
          {sample && (
            <p className="banner banner-sample" role="note">
              {t('app.sample')}
            </p>
          )}
          <ErrorBanner />
          <View />
        </main>
      </div>
    </>
  );
}
