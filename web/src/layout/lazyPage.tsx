import { Paragraph } from '@amsterdam/design-system-react';
import { type ComponentType, type LazyExoticComponent, type ReactNode, Suspense, lazy } from 'react';
import { useLanguage } from '../i18n/language';

/**
 * A component loaded from its own chunk the first time it is shown, so the first page does not wait for the code of
 * every other page (the charts library above all). `name` is the module's named export, checked against the module.
 */
// biome-ignore lint/suspicious/noExplicitAny: any page's props; the named export keeps its own.
export function lazyNamed<Module extends Record<Name, ComponentType<any>>, Name extends keyof Module & string>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Where a lazy component stands until its chunk has arrived: the app's own "loading" line. */
export function Loading({ children }: { children: ReactNode }) {
  const { t } = useLanguage();
  return <Suspense fallback={<Paragraph>{t.app.loading}</Paragraph>}>{children}</Suspense>;
}
