import { Column, Grid, Link as DsLink, Paragraph } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';

/** The top of every set-up page: the way back, the title, what the page is for, and whether it can be changed. */
export function SetupHeader({
  title,
  intro,
  readOnly,
  back,
}: {
  title: string;
  intro: string;
  readOnly: boolean;
  back?: { href: string; label: string };
}) {
  const { t } = useLanguage();
  return (
    <Grid.Cell span="all">
      <Column gap="small">
        <Paragraph>
          <DsLink linkComponent={Link} href={back?.href ?? '/setup'}>
            {back?.label ?? t.setup.title}
          </DsLink>
        </Paragraph>
        <PageTitle>{title}</PageTitle>
        <Paragraph>{intro}</Paragraph>
        {readOnly && <Paragraph data-testid="read-only">{t.setup.readOnly}</Paragraph>}
      </Column>
    </Grid.Cell>
  );
}
