import { Column, Grid, Paragraph } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { PageTitle } from './PageTitle';

/**
 * The top of a page across the whole grid: its title (h1) and a line on what the page is for, then `children`
 * (an "as of" line). With `gap` they stand in a column with that space between them, as PageSection's do.
 */
export function PageIntroCell({
  title,
  intro,
  gap,
  children,
}: {
  title: string;
  intro: string;
  gap?: 'small';
  children?: ReactNode;
}) {
  const content = (
    <>
      <PageTitle>{title}</PageTitle>
      <Paragraph>{intro}</Paragraph>
      {children}
    </>
  );
  return <Grid.Cell span="all">{gap ? <Column gap={gap}>{content}</Column> : content}</Grid.Cell>;
}
