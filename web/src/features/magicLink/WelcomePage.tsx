import { Column, DescriptionList, Grid, Paragraph } from '@amsterdam/design-system-react';
import { $api, organisationHeader } from '../../api/client';
import type { Hire } from '../../api/schemas';
import { useItemTitle } from '../../i18n/itemTitle';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { SideAndMainCells } from '../../layout/SideAndMainCells';
import { useSignedIn } from '../../session/session';
import { TeamWelcomeMessages } from '../teamWelcome/TeamWelcomeMessages';
import { PageSection } from '../../layout/PageSection';
import { HireLoadState } from '../hires/HireLoadState';
import { PlainList } from '../../layout/PlainList';
import { Fact } from '../../layout/Fact';

/**
 * A new hire's own page, before day one and after: their journey through GET /hires/{their id} (a new hire's person
 * reference is their hire id), so the API's "eigen" scope decides what they see — nothing the API does not give them.
 */
export function WelcomePage() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const hireId =
    session.kind === 'magic-link'
      ? session.hireId
      : ((session.kind === 'api-key' ? undefined : session.personRef) ?? '');
  const hire = $api.useQuery('get', '/hires/{hireId}', { params: { header: organisationHeader(), path: { hireId } } });
  return (
    <>
      <PageIntroCell title={t.welcome.title} intro={t.welcome.intro} gap="small" />
      {(hire.isPending || hire.isError) && (
        <Grid.Cell span="all">
          <HireLoadState hire={hire} notFound={t.welcome.notFound} />
        </Grid.Cell>
      )}
      {hire.data && <Welcome hire={hire.data} />}
    </>
  );
}

function Welcome({ hire }: { hire: Hire }) {
  const { t } = useLanguage();
  const titleOf = useItemTitle();
  const items = hire.items ?? [];
  const ownTasks = items.filter((item) => item.ownerRole === 'new-hire' && item.kind !== 'milestone');
  const milestones = items.filter((item) => item.kind === 'milestone');
  const mentor = hire.mentor;
  return (
    <SideAndMainCells
      sideWide={5}
      side={
        <>
          <PageSection id="welcome-facts" heading={t.welcome.facts}>
            <DescriptionList>
              <Fact term={t.welcome.startDate} testId="welcome-start-date">
                {hire.startDate}
              </Fact>
              <Fact term={t.hire.role}>{hire.role}</Fact>
              {hire.team && <Fact term={t.hire.team}>{hire.team}</Fact>}
            </DescriptionList>
          </PageSection>
          <TeamWelcomeMessages hireId={hire.hireId} />
          <PageSection id="welcome-mentor" heading={t.welcome.mentorHeading}>
            <Paragraph data-testid="welcome-mentor">
              {mentor?.status === 'accepted' && mentor.mentorRef
                ? `${t.mentorStatus[mentor.status]}: ${mentor.mentorRef}`
                : t.welcome.noMentor}
            </Paragraph>
          </PageSection>
        </>
      }
    >
      <Column gap="large">
        <PageSection id="welcome-tasks" heading={t.welcome.tasksHeading}>
          <PlainList items={ownTasks} empty={t.welcome.noTasks} testId="welcome-tasks">
            {(item) => (
              <Paragraph>
                {titleOf(item)} — {item.status === 'done' ? t.welcome.done : t.welcome.due(item.dueDate)}
              </Paragraph>
            )}
          </PlainList>
        </PageSection>
        <PageSection id="welcome-learning-line" heading={t.welcome.learningLineHeading}>
          <PlainList items={milestones} empty={t.welcome.noLearningLine} ordered>
            {(item) => (
              <Paragraph>
                {titleOf(item)} — {t.welcome.due(item.dueDate)}
              </Paragraph>
            )}
          </PlainList>
        </PageSection>
      </Column>
    </SideAndMainCells>
  );
}
