import { Column, Heading } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/**
 * A part of a page under its own heading (level 2), the section named by that heading (`aria-labelledby`), so a
 * screen reader lists it as a region by name; `id` is the heading's, which tests and links find it by. With `gap`
 * the heading and what follows stand in a column with that space between them.
 */
export function PageSection({
  id,
  heading,
  gap,
  testId,
  children,
}: {
  id: string;
  heading: string;
  gap?: 'small' | 'large';
  /** Marks the section for the browser tests. */
  testId?: string;
  children: ReactNode;
}) {
  const content = (
    <>
      <Heading level={2} size="level-3" id={id}>
        {heading}
      </Heading>
      {children}
    </>
  );
  return (
    <section aria-labelledby={id} {...(testId ? { 'data-testid': testId } : {})}>
      {gap ? <Column gap={gap}>{content}</Column> : content}
    </section>
  );
}
