import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Catalogue, type Language, LANGUAGES } from './catalogue';
import { en } from './en';
import { nl } from './nl';

const CATALOGUES: Record<Language, Catalogue> = { nl, en };
/** The chosen language is remembered in this browser (it is no secret, unlike a session). */
const STORAGE_KEY = 'soft-landing.language';

/** The language the API should answer in too (Accept-Language), read by the API client. */
let currentLanguage: Language = readStoredLanguage();
export const languageForRequests = (): Language => currentLanguage;

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored as Language) ? (stored as Language) : 'nl';
  } catch {
    return 'nl';
  }
}

interface LanguageContextValue {
  readonly language: Language;
  readonly t: Catalogue;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageContextValue | undefined>(undefined);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((next: Language) => {
    currentLanguage = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, t: CATALOGUES[language], setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}
