import { Column, Link as DsLink, Grid, Paragraph } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { PageTitle } from './PageTitle';

/**
 * The top of a page one level down (a hire, its audit), across the whole grid: the link back up (`back`, to
 * `backHref`), the page's title (h1), then `children` (a link onward).
 */
export function BackLinkTitleCell(props: { back: string; backHref: string; title: string; children?: ReactNode }) {
  return (
    <Grid.Cell span="all">
      <Column gap="small">
        <Paragraph>
          <DsLink linkComponent={Link} href={props.backHref}>
            {props.back}
          </DsLink>
        </Paragraph>
        <PageTitle>{props.title}</PageTitle>
        {props.children}
      </Column>
    </Grid.Cell>
  );
}
