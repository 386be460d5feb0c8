import { Heading } from '@amsterdam/design-system-react';
import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/language';

/** The first page shown keeps the browser's own focus; after each navigation focus moves to the new page's title. */
let navigated = false;

/**
 * A page's h1 and its <title>: screen readers announce the new page when focus lands on its title, as they would
 * after a full page load.
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${t.app.name}`;
  }, [children, t]);
  useEffect(() => {
    if (navigated) heading.current?.focus();
    navigated = true;
  }, []);
  return (
    <Heading level={1} ref={heading} tabIndex={-1} className="sl-page-title">
      {children}
    </Heading>
  );
}
