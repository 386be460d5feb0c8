import { Button, Paragraph, Table } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { TableHead } from '../../layout/TableHead';

export interface SetupRow {
  readonly key: string;
  /** data-* attributes of the row (what a test or a style finds it by). */
  readonly data?: Readonly<Record<`data-${string}`, string>>;
  readonly cells: readonly ReactNode[];
  /**
   * The row's button (edit, delete, revoke), in a last column whose header only screen readers read; it says what
   * that header says, and `name` (its accessible name) says of which row.
   */
  readonly action?: { readonly name: string; readonly onClick: () => void };
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
      <TableHead
        caption={caption(rows.length)}
        columns={[...headers, actionHeader ? <span className="ams-visually-hidden">{actionHeader}</span> : false]}
      />
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.key} {...row.data}>
            {row.cells.map((cell, index) => (
              <Table.Cell key={index} className={index === 0 ? 'sl-nowrap' : undefined}>
                {cell}
              </Table.Cell>
            ))}
            {actionHeader && (
              <Table.Cell>
                {row.action && (
                  <Button variant="tertiary" onClick={row.action.onClick} aria-label={row.action.name}>
                    {actionHeader}
                  </Button>
                )}
              </Table.Cell>
            )}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
