import { Button, Paragraph, Table } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { TableHead } from '../../layout/TableHead';

export interface SetupRow {
  /** What the row is known by: its key, and the value of the list's `idAttribute`. */
  readonly id: string;
  readonly cells: readonly ReactNode[];
  /**
   * The row's button (edit, delete, revoke), in a last column whose header only screen readers read; it says what
   * that header says, and `name` (its accessible name) says of which row.
   */
  readonly action?: { readonly name: string; readonly onClick: () => void };
}

export interface SetupListProps {
  readonly query: { isPending: boolean; isError: boolean; error: Problem | null };
  readonly empty: string;
  readonly caption: (count: number) => string;
  readonly headers: readonly string[];
  /** The data-* attribute each row carries its id in (what a test or a style finds it by). */
  readonly idAttribute: `data-${string}`;
  readonly actionHeader?: string;
  readonly rows: readonly SetupRow[];
}

/**
 * What a set-up page lists (templates, profiles, mentors, webhooks, keys), as the design system's table: loading,
 * the API's problem, an empty list in words, else the rows under their caption. The first column never wraps (it
 * holds the code a row is known by).
 */
export function SetupList(props: SetupListProps) {
  const { query, empty, caption, headers, idAttribute, actionHeader, rows } = props;
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
          <Table.Row key={row.id} {...{ [idAttribute]: row.id }}>
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
