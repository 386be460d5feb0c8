import { Paragraph, Table } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';

export interface SetupRow {
  readonly key: string;
  /** data-* attributes of the row (what a test or a style finds it by). */
  readonly data?: Readonly<Record<`data-${string}`, string>>;
  readonly cells: readonly ReactNode[];
  /** The row's button (edit, delete, revoke), in a last column whose header only screen readers read. */
  readonly action?: ReactNode;
}

/**
 * What a set-up page lists (templates, profiles, mentors, webhooks, keys), as the design system's table: loading,
 * the API's problem, an empty list in words, else the rows under their caption. The first column never wraps (it
 * holds the code a row is known by).
 */
export function SetupList(props: {
  query: { isPending: boolean; isError: boolean; error: Problem | null };
  empty: string;
  caption: (count: number) => string;
  headers: readonly string[];
  actionHeader?: string;
  rows: readonly SetupRow[];
}) {
  const { query, empty, caption, headers, actionHeader, rows } = props;
  const { t } = useLanguage();
  if (query.isPending) return <Paragraph>{t.app.loading}</Paragraph>;
  if (query.isError) return <ProblemAlert problem={query.error ?? undefined} />;
  if (rows.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    <Table>
      <Table.Caption>{caption(rows.length)}</Table.Caption>
      <Table.Header>
        <Table.Row>
          {headers.map((header) => (
            <Table.HeaderCell key={header} scope="col">
              {header}
            </Table.HeaderCell>
          ))}
          {actionHeader && (
            <Table.HeaderCell scope="col">
              <span className="ams-visually-hidden">{actionHeader}</span>
            </Table.HeaderCell>
          )}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.key} {...row.data}>
            {row.cells.map((cell, index) => (
              <Table.Cell key={index} className={index === 0 ? 'sl-nowrap' : undefined}>
                {cell}
              </Table.Cell>
            ))}
            {actionHeader && <Table.Cell>{row.action}</Table.Cell>}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
