import type { ComponentType, ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { NotFound } from './NotFound';

/** A page as a route shows it: given the path's parameters (wouter's `params`), or not looking at them. */
export type RoutedPage = ComponentType<{ params: Record<string, string | undefined> }>;

/**
 * The page of one thing its path names (`:hireId`): given that name decoded, and keyed by it, so that going from
 * one hire's page to another's starts the page afresh instead of showing the first one's state.
 */
export function pageNamedBy<Param extends string>(
  Page: ComponentType<Record<Param, string>>,
  param: Param,
): RoutedPage {
  return function NamedPage({ params }) {
    const name = params[param] ?? '';
    const props = { [param]: decodeURIComponent(name) } as Record<Param, string>;
    return <Page key={name} {...props} />;
  };
}

/**
 * The page of the first route that matches: `children` (routes of their own: redirects, a group) first, then the
 * `pages` table in its order, and the page that says there is no such page last.
 */
export function PageSwitch({
  pages,
  children,
}: {
  pages: readonly (readonly [path: string, page: RoutedPage])[];
  children?: ReactNode;
}) {
  return (
    <Switch>
      {children}
      {pages.map(([path, page]) => (
        <Route key={path} path={path} component={page} />
      ))}
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}
