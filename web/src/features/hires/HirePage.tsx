import { Badge, Column, Grid, Link as DsLink, Paragraph, Row } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { Link } from 'wouter';
import { $api, organisationHeader } from '../../api/client';
import type { Hire, Role } from '../../api/schemas';
import { useItemTitle } from '../../i18n/itemTitle';
import { useLanguage } from '../../i18n/language';
import { BackLinkTitleCell } from '../../layout/BackLinkTitleCell';
import { SideAndMainCells } from '../../layout/SideAndMainCells';
import { mayDo } from '../../session/permissions';
import { AUDIT_ROLES, useSignedIn } from '../../session/session';
import { HireVacancyProfile } from './HireVacancyProfile';
import { RecordExitInterviewForm, RegisterTerminationForm, WithdrawCandidateForm } from './JourneyEndForms';
import { AddTaskForm, PlanItemChange } from './PlanChangeForms';
import { type TimelineState, journeyTimeline, localToday } from './journeyTimeline';
import { PageSection } from '../../layout/PageSection';
import { HireLoadState } from './HireLoadState';
import { HireFacts } from './HireFacts';
import { ChangeStartDateForm } from './ChangeStartDateForm';
import { PlainList } from '../../layout/PlainList';

const REFRESH_MS = 5_000;

const STATE_COLOURS: Record<TimelineState, 'lime' | 'red' | 'orange' | 'azure' | 'purple'> = {
  done: 'lime',
  overdue: 'red',
  due: 'orange',
  ahead: 'azure',
  cancelled: 'purple',
};

export function HirePage({ hireId }: { hireId: string }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const path = { hireId };
  // The journey moves on by itself (a plan made just after registering, a mentor's answer): refreshed while open.
  const hire = $api.useQuery(
    'get',
    '/hires/{hireId}',
    { params: { header: organisationHeader(), path } },
    { refetchInterval: REFRESH_MS },
  );
  return (
    <>
      <BackLinkTitleCell back={t.hire.back} backHref="/hires" title={t.hire.title(hireId)}>
        {AUDIT_ROLES.includes(session.role) && (
          <Paragraph>
            <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(hireId)}/audit`}>
              {t.audit.linkFromHire}
            </DsLink>
          </Paragraph>
        )}
      </BackLinkTitleCell>
      {(hire.isPending || hire.isError) && (
        <Grid.Cell span="all">
          <HireLoadState hire={hire} notFound={t.hire.notFound} />
        </Grid.Cell>
      )}
      {hire.data && <Journey hire={hire.data} role={session.role} />}
    </>
  );
}

/** Stages before day one (withdrawal) and after it, while the hire still works here (termination). */
const BEFORE_DAY_ONE: readonly Hire['stage'][] = ['registered', 'preboarding'];
const WORKING: readonly Hire['stage'][] = ['onboarding', 'on-leave'];

function Journey({ hire, role }: { hire: Hire; role: Role }) {
  const { t } = useLanguage();
  const titleOf = useItemTitle();
  const today = localToday();
  const timeline = journeyTimeline(hire.items ?? [], today);
  const milestones = timeline.filter((item) => item.kind === 'milestone');
  const mentor = hire.mentor;
  // Told here rather than in a form: the form goes once the journey moved past it (withdrawn, leaving, ended).
  const [announcement, setAnnouncement] = useState<string>();
  // HR's changes to this hire's plan: while the journey runs and before the hire leaves (the journey refuses others).
  const mayPlan = mayDo(role, 'changePlanItem') && !hire.outcome && hire.stage !== 'leaving';
  return (
    <SideAndMainCells
      sideWide={4}
      side={
        <>
          <HireFacts hire={hire} />
          <HireVacancyProfile hireId={hire.hireId} role={role} />
          <PageSection id="mentor" heading={t.hire.mentorHeading}>
            {mentor ? (
              <Column gap="small">
                <Paragraph data-testid="mentor-status">
                  {t.mentorStatus[mentor.status] + (mentor.mentorRef ? `: ${mentor.mentorRef}` : '')}
                </Paragraph>
                {mentor.status === 'asked' && mentor.asked.length > 0 && (
                  <Paragraph size="small">{t.hire.mentorAsked(mentor.asked.at(-1)!)}</Paragraph>
                )}
                {mentor.status === 'asked' && mentor.answerDeadline && (
                  <Paragraph size="small">{t.hire.mentorDeadline(mentor.answerDeadline)}</Paragraph>
                )}
              </Column>
            ) : (
              <Paragraph>—</Paragraph>
            )}
          </PageSection>
          <PageSection id="learning-line" heading={t.hire.learningLineHeading}>
            <PlainList items={milestones} empty={t.hire.noLearningLine} ordered>
              {(item) => (
                <>
                  <Paragraph>
                    <strong>{item.dueDate}</strong> {titleOf(item)}{' '}
                    <Badge label={t.timeline[item.state]} color={STATE_COLOURS[item.state]} />
                  </Paragraph>
                  {item.blockedBy && item.blockedBy.length > 0 && (
                    <Paragraph size="small">{t.compliance.waitsOn(item.blockedBy.map(titleOf).join(', '))}</Paragraph>
                  )}
                </>
              )}
            </PlainList>
          </PageSection>
          <div role="status" data-testid="journey-announcement">
            {announcement && <Paragraph>{announcement}</Paragraph>}
          </div>
          {/* Each form only where the permission table grants it and the journey stands where the command applies. */}
          {mayDo(role, 'changeStartDate') && hire.stage === 'preboarding' && <ChangeStartDateForm hire={hire} />}
          {mayDo(role, 'withdrawCandidate') && !hire.outcome && BEFORE_DAY_ONE.includes(hire.stage) && (
            <WithdrawCandidateForm hire={hire} onDone={setAnnouncement} />
          )}
          {mayDo(role, 'registerTermination') && !hire.outcome && WORKING.includes(hire.stage) && (
            <RegisterTerminationForm hire={hire} onDone={setAnnouncement} />
          )}
          {mayDo(role, 'recordExitInterview') && !hire.outcome && hire.stage === 'leaving' && (
            <RecordExitInterviewForm hire={hire} onDone={setAnnouncement} />
          )}
          {mayPlan && <AddTaskForm hire={hire} onDone={setAnnouncement} />}
        </>
      }
    >
      <PageSection id="timeline" heading={t.hire.timelineHeading}>
        <ol className="sl-timeline" data-testid="timeline">
          {timeline.map((item) => (
            <li
              key={item.id}
              className={`sl-timeline-item sl-timeline-item--${item.state}`}
              data-state={item.state}
              data-item-id={item.id}
            >
              <Row gap="small" alignVertical="center" wrap>
                <time dateTime={item.dueDate} className="sl-timeline-date">
                  {item.dueDate}
                </time>
                <Badge label={t.timeline[item.state]} color={STATE_COLOURS[item.state]} />
                <span className="sl-timeline-kind">{t.itemKinds[item.kind]}</span>
              </Row>
              <Paragraph>{titleOf(item)}</Paragraph>
              <Paragraph size="small">
                {`${t.hire.owner}: ${item.ownerRole ? t.ownerRoles[item.ownerRole] : t.hire.ownerJourney}`}
                {item.completedOn ? ` · ${t.hire.completedOn(item.completedOn)}` : ''}
              </Paragraph>
              {item.blockedBy && item.blockedBy.length > 0 && (
                <Paragraph size="small" data-blocked-by={item.blockedBy.map((gate) => gate.id).join(' ')}>
                  {t.compliance.waitsOn(item.blockedBy.map(titleOf).join(', '))}
                </Paragraph>
              )}
              {item.source && <Paragraph size="small">{`${t.compliance.source}: ${item.source.reference}`}</Paragraph>}
              {mayPlan && item.changes && item.changes.length > 0 && (
                <PlanItemChange hire={hire} item={item} onDone={setAnnouncement} />
              )}
            </li>
          ))}
        </ol>
      </PageSection>
    </SideAndMainCells>
  );
}
