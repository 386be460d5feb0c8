import { Badge, Column, Table } from '@amsterdam/design-system-react';
import { useLanguage } from '../../i18n/language';

/** A task table's due-date cell: the date (a `time`, kept on one line) and, when it has passed, the "overdue" badge. */
export function DueDateCell({ date, overdue }: { date: string; overdue: boolean }) {
  const { t } = useLanguage();
  return (
    <Table.Cell>
      <Column gap="x-small">
        <time dateTime={date} className="sl-nowrap">
          {date}
        </time>
        {overdue && <Badge label={t.tasks.overdue} color="red" />}
      </Column>
    </Table.Cell>
  );
}
