import { Grid, Paragraph } from '@amsterdam/design-system-react';
import { useLanguage } from '../i18n/language';
import { PageTitle } from './PageTitle';

/** A page path the app does not have (also within a group of pages, such as /setup/…). */
export function NotFound() {
  const { t } = useLanguage();
  return (
    <Grid.Cell span="all">
      <PageTitle>{t.app.notFoundTitle}</PageTitle>
      <Paragraph>{t.app.notFoundText}</Paragraph>
    </Grid.Cell>
  );
}
