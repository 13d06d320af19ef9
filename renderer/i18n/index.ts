// i18next set up with the two catalogues. Vietnamese is the default and the fallback: a key missing
// in English shows the Vietnamese text rather than a raw key.
import i18next from 'i18next';
import type { FormatterModule, i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { QUANTITIES } from '../../shared/i18n';
import en from '../../shared/i18n/en.json';
import vi from '../../shared/i18n/vi.json';

/**
 * Quantities a text shows are written in the reader's form (1.234 / 1,234), as in shared/i18n. Only
 * the parameters named in shared/i18n QUANTITIES: a PID, a port or a version is an id ("PID 4.242" would be wrong).
 */
const numbers: FormatterModule = {
  type: 'formatter',
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value: unknown, _format?: string, lng?: string, options?: Record<string, unknown>): string =>
    // Anything else goes back untouched (undefined too, so i18next still treats a missing value as missing).
    typeof value === 'number' && QUANTITIES.has(String(options?.interpolationkey))
      ? formatNumber(value, lng ?? 'vi', 2)
      : (value as string),
};

/** A fresh i18next instance (one per app, one per component test). */
export function createI18n(language: 'vi' | 'en' = 'vi'): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(numbers)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'vi',
      resources: { vi: { translation: vi }, en: { translation: en } },
      interpolation: { escapeValue: false, alwaysFormat: true }, // React escapes; numbers: `numbers`.
      initAsync: false, // resources are bundled: ready synchronously, no flash of keys
    });
  return instance;
}
