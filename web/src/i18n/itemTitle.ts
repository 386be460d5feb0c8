import { useCallback } from 'react';
import { useLanguage } from './language';

/**
 * A task's or milestone's title in the chosen language. The title is the template's text, not the app's, so it is
 * not in the catalogue: the API sends the Dutch `title` and, where the template has one, `titleEn`.
 */
export function useItemTitle(): (item: { readonly title: string; readonly titleEn?: string }) => string {
  const { language } = useLanguage();
  return useCallback((item) => (language === 'en' && item.titleEn ? item.titleEn : item.title), [language]);
}
