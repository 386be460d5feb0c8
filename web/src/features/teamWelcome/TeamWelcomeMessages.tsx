import { Paragraph } from '@amsterdam/design-system-react';
import { $api, organisationHeader } from '../../api/client';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { PageSection } from '../../layout/PageSection';

/** On the new hire's welcome page: what the team wrote through the team's welcome link, oldest first, as written. */
export function TeamWelcomeMessages({ hireId }: { hireId: string }) {
  const { t } = useLanguage();
  const messages = $api.useQuery('get', '/hires/{hireId}/team-welcome-messages', {
    params: { header: organisationHeader(), path: { hireId } },
  });
  const items = messages.data?.items ?? [];
  return (
    <PageSection id="welcome-team-messages" heading={t.teamWelcome.onWelcomePage}>
      {messages.isError && <ProblemAlert problem={messages.error} />}
      {messages.data && items.length === 0 && <Paragraph>{t.teamWelcome.noneYet}</Paragraph>}
      {items.length > 0 && (
        <ul className="sl-plain-list" data-testid="welcome-team-messages">
          {items.map((message) => (
            <li key={message.messageId}>
              <Paragraph>“{message.text}”</Paragraph>
              <Paragraph size="small">— {message.authorName}</Paragraph>
            </li>
          ))}
        </ul>
      )}
    </PageSection>
  );
}
