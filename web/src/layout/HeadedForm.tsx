import { Column, Heading, Paragraph } from '@amsterdam/design-system-react';
import type { FormEvent, ReactNode } from 'react';

/**
 * A form of its own on a page, under a level-2 heading that names it (`aria-labelledby`), its fields one under the
 * other, `intro` (a short line on what it does) first; the browser's own validation is off, since the API's
 * problem detail says what is wrong and where.
 */
export function HeadedForm({
  headingId,
  heading,
  intro,
  onSubmit,
  children,
}: {
  headingId: string;
  heading: string;
  intro?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Column gap="large">
        <Heading level={2} size="level-3" id={headingId}>
          {heading}
        </Heading>
        {intro && <Paragraph size="small">{intro}</Paragraph>}
        {children}
      </Column>
    </form>
  );
}
