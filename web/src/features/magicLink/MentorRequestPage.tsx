import { Button, Column, DescriptionList, Grid, Heading, Paragraph, Row } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { isProblem } from '../../api/problems';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';

/**
 * A mentor's answer to being asked for a hire, through GET /hires/{id} and POST /hires/{id}/mentor-answer only:
 * the API decides whether this mentor may see the hire and answer (a mentor not asked gets 404 or a refusal).
 */
export function MentorRequestPage({ hireId }: { hireId: string }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const path = { hireId };
  const hire = $api.useQuery('get', '/hires/{hireId}', { params: { header: organisationHeader(), path } });
  const answer = $api.useMutation('post', '/hires/{hireId}/mentor-answer');
  // One key per intended answer: a double click answers once.
  const idempotencyKey = useRef(newIdempotencyKey());
  const [problem, setProblem] = useState<Problem>();
  const [answered, setAnswered] = useState<boolean>();
  const mentorRef = session.kind === 'api-key' ? undefined : session.personRef;

  const send = async (accept: boolean) => {
    if (!mentorRef || answer.isPending) return;
    try {
      await answer.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': idempotencyKey.current }, path },
        body: { mentorRef, accept },
      });
      setProblem(undefined);
      setAnswered(accept);
      idempotencyKey.current = newIdempotencyKey();
      await queryClient.invalidateQueries({ queryKey: ['get', '/hires/{hireId}'] });
    } catch (error) {
      if (isProblem(error)) setProblem(error);
    }
  };

  const mentor = hire.data?.mentor;
  const asked = mentor?.status === 'asked' && mentor.asked.at(-1) === mentorRef;
  return (
    <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
      <Column gap="large">
        <PageTitle>{t.mentorRequest.title}</PageTitle>
        {hire.isPending && <Paragraph>{t.app.loading}</Paragraph>}
        {hire.isError &&
          (hire.error.status === 404 ? (
            <Paragraph>{t.mentorRequest.notFound}</Paragraph>
          ) : (
            <ProblemAlert problem={hire.error} />
          ))}
        {hire.data && (
          <>
            <Paragraph>{t.mentorRequest.intro}</Paragraph>
            <DescriptionList>
              <DescriptionList.Term>{t.hire.startDate}</DescriptionList.Term>
              <DescriptionList.Description data-testid="mentor-request-start-date">
                {hire.data.startDate}
              </DescriptionList.Description>
              <DescriptionList.Term>{t.hire.role}</DescriptionList.Term>
              <DescriptionList.Description>{hire.data.role}</DescriptionList.Description>
              {hire.data.team && (
                <>
                  <DescriptionList.Term>{t.hire.team}</DescriptionList.Term>
                  <DescriptionList.Description>{hire.data.team}</DescriptionList.Description>
                </>
              )}
              {mentor?.status === 'asked' && mentor.answerDeadline && (
                <>
                  <DescriptionList.Term>{t.mentorRequest.deadline}</DescriptionList.Term>
                  <DescriptionList.Description>{mentor.answerDeadline}</DescriptionList.Description>
                </>
              )}
            </DescriptionList>
            <ProblemAlert problem={problem} />
            <div role="status" data-testid="mentor-request-status">
              {answered !== undefined ? (
                <Paragraph>{answered ? t.mentorRequest.accepted : t.mentorRequest.declined}</Paragraph>
              ) : (
                !asked && mentor && <Paragraph>{t.mentorStatus[mentor.status]}</Paragraph>
              )}
            </div>
            {asked && answered === undefined && (
              <section aria-labelledby="mentor-answer">
                <Heading level={2} size="level-3" id="mentor-answer">
                  {t.mentorRequest.question}
                </Heading>
                <Row>
                  <Button onClick={() => void send(true)} disabled={answer.isPending}>
                    {t.mentorRequest.accept}
                  </Button>
                  <Button variant="secondary" onClick={() => void send(false)} disabled={answer.isPending}>
                    {t.mentorRequest.decline}
                  </Button>
                </Row>
              </section>
            )}
          </>
        )}
      </Column>
    </Grid.Cell>
  );
}
