import { Badge, Button, Column, DateInput, DescriptionList, Grid, Heading, Link as DsLink, Paragraph, Row } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'wouter';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { fieldProblem, isProblem, unplacedErrors } from '../../api/problems';
import type { Hire, Problem, Role } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { AUDIT_ROLES, REGISTERING_ROLES, useSignedIn } from '../../session/session';
import { type TimelineState, journeyTimeline, localToday } from './journeyTimeline';

const REFRESH_MS = 5_000;

const STATE_COLOURS: Record<TimelineState, 'lime' | 'red' | 'orange' | 'azure' | 'purple'> = {
  done: 'lime',
  overdue: 'red',
  due: 'orange',
  ahead: 'azure',
  cancelled: 'purple',
};

/** Who may move the start date (the permission table's changeStartDate): hr-system, hr-advisor, admin. */
const START_DATE_ROLES: readonly Role[] = REGISTERING_ROLES.filter((role) => role !== 'recruiter');

export function HirePage({ hireId }: { hireId: string }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const path = { hireId };
  // The journey moves on by itself (a plan made just after registering, a mentor's answer): refreshed while open.
  const hire = $api.useQuery('get', '/hires/{hireId}', { params: { header: organisationHeader(), path } }, { refetchInterval: REFRESH_MS });
  return (
    <>
      <Grid.Cell span="all">
        <Column gap="small">
          <Paragraph>
            <DsLink linkComponent={Link} href="/hires">
              {t.hire.back}
            </DsLink>
          </Paragraph>
          <PageTitle>{t.hire.title(hireId)}</PageTitle>
          {AUDIT_ROLES.includes(session.role) && (
            <Paragraph>
              <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(hireId)}/audit`}>
                {t.audit.linkFromHire}
              </DsLink>
            </Paragraph>
          )}
        </Column>
      </Grid.Cell>
      {hire.isPending && (
        <Grid.Cell span="all">
          <Paragraph>{t.app.loading}</Paragraph>
        </Grid.Cell>
      )}
      {hire.isError && (
        <Grid.Cell span="all">
          {hire.error.status === 404 ? <Paragraph>{t.hire.notFound}</Paragraph> : <ProblemAlert problem={hire.error} />}
        </Grid.Cell>
      )}
      {hire.data && <Journey hire={hire.data} canChangeStartDate={START_DATE_ROLES.includes(session.role)} />}
    </>
  );
}

function Journey({ hire, canChangeStartDate }: { hire: Hire; canChangeStartDate: boolean }) {
  const { t } = useLanguage();
  const today = localToday();
  const timeline = journeyTimeline(hire.items ?? [], today);
  const milestones = timeline.filter((item) => item.kind === 'milestone');
  const mentor = hire.mentor;
  return (
    <>
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 4 }}>
        <Column gap="large">
          <section aria-labelledby="facts">
            <Heading level={2} size="level-3" id="facts">
              {t.hire.facts}
            </Heading>
            <DescriptionList>
              <DescriptionList.Term>{t.hire.stage}</DescriptionList.Term>
              <DescriptionList.Description data-testid="hire-stage">{t.stages[hire.stage]}</DescriptionList.Description>
              <DescriptionList.Term>{t.hire.role}</DescriptionList.Term>
              <DescriptionList.Description>{hire.role}</DescriptionList.Description>
              {hire.team && (
                <>
                  <DescriptionList.Term>{t.hire.team}</DescriptionList.Term>
                  <DescriptionList.Description>{hire.team}</DescriptionList.Description>
                </>
              )}
              <DescriptionList.Term>{t.hire.startDate}</DescriptionList.Term>
              <DescriptionList.Description data-testid="hire-start-date">{hire.startDate}</DescriptionList.Description>
              {hire.endDate && (
                <>
                  <DescriptionList.Term>{t.hire.endDate}</DescriptionList.Term>
                  <DescriptionList.Description>{hire.endDate}</DescriptionList.Description>
                </>
              )}
              {hire.templateId && (
                <>
                  <DescriptionList.Term>{t.hire.template}</DescriptionList.Term>
                  <DescriptionList.Description>{`${hire.templateId} (v${hire.templateVersion ?? 1})`}</DescriptionList.Description>
                </>
              )}
            </DescriptionList>
          </section>
          <section aria-labelledby="mentor">
            <Heading level={2} size="level-3" id="mentor">
              {t.hire.mentorHeading}
            </Heading>
            {mentor ? (
              <Column gap="small">
                <Paragraph data-testid="mentor-status">{t.mentorStatus[mentor.status] + (mentor.mentorRef ? `: ${mentor.mentorRef}` : '')}</Paragraph>
                {mentor.status === 'asked' && mentor.asked.length > 0 && <Paragraph size="small">{t.hire.mentorAsked(mentor.asked.at(-1)!)}</Paragraph>}
                {mentor.status === 'asked' && mentor.answerDeadline && <Paragraph size="small">{t.hire.mentorDeadline(mentor.answerDeadline)}</Paragraph>}
              </Column>
            ) : (
              <Paragraph>—</Paragraph>
            )}
          </section>
          <section aria-labelledby="learning-line">
            <Heading level={2} size="level-3" id="learning-line">
              {t.hire.learningLineHeading}
            </Heading>
            {milestones.length === 0 ? (
              <Paragraph>{t.hire.noLearningLine}</Paragraph>
            ) : (
              <ol className="sl-plain-list">
                {milestones.map((item) => (
                  <li key={item.id}>
                    <Paragraph>
                      <strong>{item.dueDate}</strong> {item.title} <Badge label={t.timeline[item.state]} color={STATE_COLOURS[item.state]} />
                    </Paragraph>
                  </li>
                ))}
              </ol>
            )}
          </section>
          {canChangeStartDate && hire.stage === 'preboarding' && <ChangeStartDate hire={hire} />}
        </Column>
      </Grid.Cell>
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
        <section aria-labelledby="timeline">
          <Heading level={2} size="level-3" id="timeline">
            {t.hire.timelineHeading}
          </Heading>
          <ol className="sl-timeline" data-testid="timeline">
            {timeline.map((item) => (
              <li key={item.id} className={`sl-timeline-item sl-timeline-item--${item.state}`} data-state={item.state} data-item-id={item.id}>
                <Row gap="small" alignVertical="center" wrap>
                  <time dateTime={item.dueDate} className="sl-timeline-date">
                    {item.dueDate}
                  </time>
                  <Badge label={t.timeline[item.state]} color={STATE_COLOURS[item.state]} />
                  <span className="sl-timeline-kind">{t.itemKinds[item.kind]}</span>
                </Row>
                <Paragraph>{item.title}</Paragraph>
                <Paragraph size="small">
                  {`${t.hire.owner}: ${item.ownerRole ? t.ownerRoles[item.ownerRole] : t.hire.ownerJourney}`}
                  {item.completedOn ? ` · ${t.hire.completedOn(item.completedOn)}` : ''}
                </Paragraph>
              </li>
            ))}
          </ol>
        </section>
      </Grid.Cell>
    </>
  );
}

/** Moving the start date before day one: every date relative to it moves with it (PUT /hires/{hireId}/start-date). */
function ChangeStartDate({ hire }: { hire: Hire }) {
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const [startDate, setStartDate] = useState(hire.startDate);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [changedTo, setChangedTo] = useState<string | undefined>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);
  const change = $api.useMutation('put', '/hires/{hireId}/start-date');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const updated = await change.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': idempotencyKey.current }, path: { hireId: hire.hireId } },
        body: { startDate },
      });
      setProblem(undefined);
      setChangedTo(updated.startDate);
      idempotencyKey.current = newIdempotencyKey();
      await queryClient.invalidateQueries({ queryKey: ['get', '/hires/{hireId}'] });
    } catch (error) {
      setChangedTo(undefined);
      if (isProblem(error)) setProblem(error);
    } finally {
      inFlight.current = false;
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="start-date-heading">
      <Column gap="large">
        <Heading level={2} size="level-3" id="start-date-heading">
          {t.hire.changeStartDateHeading}
        </Heading>
        <ProblemAlert problem={problem} errors={unplacedErrors(problem, ['/startDate'])} />
        <FormField id="new-start-date" label={t.hire.newStartDate} error={fieldProblem(problem, '/startDate')}>
          {(input) => (
            <DateInput
              {...input}
              value={startDate}
              onChange={(event) => {
                idempotencyKey.current = newIdempotencyKey();
                setStartDate(event.target.value);
              }}
            />
          )}
        </FormField>
        <div role="status">{changedTo && <Paragraph>{t.hire.startDateChanged(changedTo)}</Paragraph>}</div>
        <Button type="submit" variant="secondary" disabled={change.isPending}>
          {t.hire.changeStartDate}
        </Button>
      </Column>
    </form>
  );
}
