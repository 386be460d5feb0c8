import { Grid, LinkList, Paragraph } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { useSignedIn } from '../../session/session';
import { type SetupSection, canRead } from './setupRoles';

const PATHS: Record<SetupSection, string> = {
  templates: '/setup/templates',
  profiles: '/setup/vacancy-profiles',
  mentors: '/setup/mentors',
  mailboxes: '/setup/mailboxes',
  webhooks: '/setup/webhooks',
  apiKeys: '/setup/api-keys',
};

/** The set-up pages the person's role may read. */
export function SetupPage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const titles: Record<SetupSection, string> = {
    templates: t.setup.templatesTitle,
    profiles: t.setup.profilesTitle,
    mentors: t.setup.mentorsTitle,
    mailboxes: t.setup.mailboxesTitle,
    webhooks: t.setup.webhooksTitle,
    apiKeys: t.setup.apiKeysTitle,
  };
  const sections = (Object.keys(PATHS) as SetupSection[]).filter((section) => canRead(section, session.role));
  return (
    <Grid.Cell span="all">
      <PageTitle>{t.setup.title}</PageTitle>
      <Paragraph>{t.setup.intro}</Paragraph>
      <LinkList>
        {sections.map((section) => (
          <LinkList.Link key={section} href={PATHS[section]} linkComponent={Link}>
            {titles[section]}
          </LinkList.Link>
        ))}
      </LinkList>
    </Grid.Cell>
  );
}
