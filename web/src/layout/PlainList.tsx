import { Paragraph } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/**
 * A list without bullets or numbers of a page's items (`ordered` where their order means something, as dates do),
 * or the sentence `empty` when there are none; each item is `children` of it in a list item.
 */
export function PlainList<Item extends { id: string }>({
  items,
  empty,
  ordered,
  testId,
  children,
}: {
  items: readonly Item[];
  empty: string;
  ordered?: boolean;
  testId?: string;
  children: (item: Item) => ReactNode;
}) {
  if (items.length === 0) return <Paragraph>{empty}</Paragraph>;
  const List = ordered ? 'ol' : 'ul';
  return (
    <List className="sl-plain-list" {...(testId ? { 'data-testid': testId } : {})}>
      {items.map((item) => (
        <li key={item.id}>{children(item)}</li>
      ))}
    </List>
  );
}
