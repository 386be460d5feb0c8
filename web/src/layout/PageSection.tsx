import { Heading } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';

/**
 * A part of a page under its own heading (level 2), the section named by that heading (`aria-labelledby`), so a
 * screen reader lists it as a region by name; `id` is the heading's, which tests and links find it by.
 */
export function PageSection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Heading level={2} size="level-3" id={id}>
        {heading}
      </Heading>
      {children}
    </section>
  );
}
