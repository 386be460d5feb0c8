import { Table } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/**
 * A table's caption and its row of column headings (`scope="col"`, so each cell is read with its column's name),
 * the same on every table; a column that is not there this time is `false`.
 */
export function TableHead({ caption, columns }: { caption: ReactNode; columns: readonly (ReactNode | false)[] }) {
  return (
    <>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Header>
        <Table.Row>
          {columns.map(
            (column, index) =>
              column !== false && (
                // The columns are fixed for a table: their place is who they are.
                <Table.HeaderCell scope="col" key={index}>
                  {column}
                </Table.HeaderCell>
              ),
          )}
        </Table.Row>
      </Table.Header>
    </>
  );
}
