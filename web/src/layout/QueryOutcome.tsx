import { Paragraph } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { problemOrNetwork } from '../api/problems';
import { useLanguage } from '../i18n/language';
import { ProblemAlert } from './ProblemAlert';

/** What a query of the page answered so far, as TanStack Query reports it. */
interface QueryState<T> {
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
  readonly data: T | undefined;
}

/**
 * A list's three states before its content, the same on every page: "loading" while the first answer is under
 * way, the API's problem (or the network's failure) when it refused, `empty` when the answer holds nothing, and
 * otherwise `children` of the answer.
 */
export function QueryOutcome<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryState<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useLanguage();
  return (
    <>
      {query.isError && <ProblemAlert {...problemOrNetwork(query.error)} />}
      {query.isPending ? (
        <Paragraph>{t.app.loading}</Paragraph>
      ) : query.data === undefined ? null : isEmpty?.(query.data) ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        children(query.data)
      )}
    </>
  );
}

/**
 * The two states of a list before its rows, where the page counts what is shown itself (a filtered or paged list):
 * "loading" while the first answer is under way, `empty` when nothing is left to show, otherwise `children()`.
 */
export function PendingOrEmpty({
  pending,
  isEmpty,
  empty,
  children,
}: {
  pending: boolean;
  isEmpty: boolean;
  empty: ReactNode;
  children: () => ReactNode;
}) {
  const { t } = useLanguage();
  if (pending) return <Paragraph>{t.app.loading}</Paragraph>;
  return isEmpty ? <Paragraph>{empty}</Paragraph> : children();
}
