// i18next set up with the two catalogues. Vietnamese is the default and the fallback: a key missing
// in English shows the Vietnamese text rather than a raw key.
import i18next from 'i18next';
import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../shared/i18n/en.json';
import vi from '../../shared/i18n/vi.json';

export type Language = 'vi' | 'en';
export const catalogues = { vi, en } as const;

/** A fresh i18next instance (one per app, one per component test). */
export function createI18n(language: Language = 'vi'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'vi',
    resources: { vi: { translation: vi }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes.
    initAsync: false, // resources are bundled: ready synchronously, no flash of keys
  });
  return instance;
}
