import { Paragraph } from '@amsterdam/design-system-react';
import { type ComponentType, type ReactNode, Suspense, lazy } from 'react';
import { useLanguage } from '../i18n/language';

/**
 * A component loaded from its own chunk the first time it is shown, so the first page does not wait for the code of
 * every other page (the charts library above all). `name` is the module's named export.
 */
// biome-ignore lint/suspicious/noExplicitAny: a page's props are whatever the page declares; lazy passes them on.
export function lazyNamed<Props extends Record<string, any>>(
  load: () => Promise<Record<string, unknown>>,
  name: string,
): ComponentType<Props> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<Props> }));
}

/** Where a lazy component stands until its chunk has arrived: the app's own "loading" line. */
export function Loading({ children }: { children: ReactNode }) {
  const { t } = useLanguage();
  return <Suspense fallback={<Paragraph>{t.app.loading}</Paragraph>}>{children}</Suspense>;
}
