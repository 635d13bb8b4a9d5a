import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './locales/de';
import { en } from './locales/en';

void i18next.use(initReactI18next).init({
  lng: localStorage.getItem('abowerk.language') ?? 'de',
  fallbackLng: 'de',
  resources: { de: { translation: de }, en: { translation: en } },
  interpolation: { escapeValue: false },
});

export { i18next };
