import { Column, Grid, Paragraph } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import type { LinkForm } from './useLinkForm';

/**
 * The page around a form opened from a mailed link (see useLinkForm), the same for every such form: its title and
 * introduction, a sentence when the address carries no link, the API's problem, "loading" until the invitation is
 * in, then the form; once sent, the thanks in place of all of it.
 */
export function LinkFormPage<T>({
  form,
  title,
  intro,
  noToken,
  thanksTitle,
  thanks,
  children,
}: {
  form: LinkForm<T>;
  title: string;
  intro?: ReactNode;
  noToken: string;
  thanksTitle: string;
  thanks: ReactNode;
  children: (invitation: T) => ReactNode;
}) {
  const { t } = useLanguage();
  const { token, invitation, problem, networkError, sent } = form;
  if (sent) {
    return (
      <Grid.Cell span="all">
        <Column gap="small">
          <PageTitle>{thanksTitle}</PageTitle>
          {thanks}
        </Column>
      </Grid.Cell>
    );
  }
  return (
    <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
      <Column gap="large">
        <Column gap="small">
          <PageTitle>{title}</PageTitle>
          {intro}
        </Column>
        {!token && <Paragraph>{noToken}</Paragraph>}
        <ProblemAlert {...(problem ? { problem, errors: problem.errors ?? [] } : {})} networkError={networkError} />
        {token && invitation === undefined && !problem && !networkError && <Paragraph>{t.app.loading}</Paragraph>}
        {invitation !== undefined && children(invitation)}
      </Column>
    </Grid.Cell>
  );
}
