import {
  Button,
  Column,
  DateInput,
  DescriptionList,
  Grid,
  Paragraph,
  Row,
  Select,
  TextArea,
  TimeInput,
} from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { fieldProblem, isProblem } from '../../api/problems';
import type { Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { PageTitle } from '../../layout/PageTitle';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { PageSection } from '../../layout/PageSection';
import { HireLoadState } from '../hires/HireLoadState';
import { Fact } from '../../layout/Fact';
import { boundValue } from '../../layout/boundValue';

const DEFAULT_COFFEE_TIME = '10:00';
const DEFAULT_COFFEE_MINUTES = 30;
/** What the contract takes (CoffeeMomentChoice.durationMinutes: 15 to 120, in quarters). */
const COFFEE_LENGTHS = [15, 30, 45, 60, 90, 120] as const;

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
  const [introduction, setIntroduction] = useState('');
  const [coffeeDate, setCoffeeDate] = useState<string>();
  const [coffeeTime, setCoffeeTime] = useState(DEFAULT_COFFEE_TIME);
  const [coffeeMinutes, setCoffeeMinutes] = useState(DEFAULT_COFFEE_MINUTES);
  // Another answer is another request: a changed field must not be mistaken for a retry of the refused one.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      idempotencyKey.current = newIdempotencyKey();
      setProblem(undefined);
      set(value);
    };

  const send = async (accept: boolean) => {
    if (!mentorRef || answer.isPending) return;
    const date = coffeeDate ?? plannedCoffeeDate;
    const choices = accept
      ? {
          ...(introduction.trim() ? { introduction: introduction.trim() } : {}),
          ...(date ? { coffeeMoment: { date, time: coffeeTime, durationMinutes: coffeeMinutes } } : {}),
        }
      : {};
    try {
      await answer.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': idempotencyKey.current }, path },
        body: { mentorRef, accept, ...choices },
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
  // The day the plan proposes for the coffee moment, until the mentor picks another.
  const planned =
    hire.data?.items?.find((item) => item.kind === 'mentor-coffee-moment')?.dueDate ?? hire.data?.startDate;
  const plannedCoffeeDate = planned && proposedCoffeeDate(planned);
  const asked = mentor?.status === 'asked' && mentor.asked.at(-1) === mentorRef;
  return (
    <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
      <Column gap="large">
        <PageTitle>{t.mentorRequest.title}</PageTitle>
        <HireLoadState hire={hire} notFound={t.mentorRequest.notFound} />
        {hire.data && (
          <>
            <Paragraph>{t.mentorRequest.intro}</Paragraph>
            <DescriptionList>
              <Fact term={t.hire.startDate} testId="mentor-request-start-date">
                {hire.data.startDate}
              </Fact>
              <Fact term={t.hire.role}>{hire.data.role}</Fact>
              {hire.data.team && <Fact term={t.hire.team}>{hire.data.team}</Fact>}
              {mentor?.status === 'asked' && mentor.answerDeadline && (
                <Fact term={t.mentorRequest.deadline}>{mentor.answerDeadline}</Fact>
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
              <PageSection id="mentor-answer" heading={t.mentorRequest.question}>
                <Column gap="small">
                  <Paragraph>{t.mentorRequest.choicesIntro}</Paragraph>
                  <FormField
                    id="mentor-introduction"
                    label={t.mentorRequest.introduction}
                    hint={t.mentorRequest.introductionHint}
                    optional
                    error={fieldProblem(problem, '/introduction')}
                  >
                    {(input) => (
                      <TextArea
                        {...input}
                        name="introduction"
                        rows={5}
                        maxLength={2000}
                        {...boundValue(introduction, changed(setIntroduction))}
                      />
                    )}
                  </FormField>
                  <FormField
                    id="mentor-coffee-date"
                    label={t.mentorRequest.coffeeDate}
                    hint={t.mentorRequest.coffeeHint}
                    error={fieldProblem(problem, '/coffeeMoment/date')}
                  >
                    {(input) => (
                      <DateInput
                        {...input}
                        name="coffeeDate"
                        {...boundValue(coffeeDate ?? plannedCoffeeDate ?? '', changed(setCoffeeDate))}
                      />
                    )}
                  </FormField>
                  <FormField id="mentor-coffee-time" label={t.mentorRequest.coffeeTime}>
                    {(input) => (
                      <TimeInput {...input} name="coffeeTime" {...boundValue(coffeeTime, changed(setCoffeeTime))} />
                    )}
                  </FormField>
                  <FormField id="mentor-coffee-minutes" label={t.mentorRequest.coffeeMinutes}>
                    {(input) => (
                      <Select
                        {...input}
                        name="coffeeMinutes"
                        value={String(coffeeMinutes)}
                        onChange={(event) => changed(setCoffeeMinutes)(Number(event.target.value))}
                      >
                        {COFFEE_LENGTHS.map((minutes) => (
                          <Select.Option key={minutes} value={String(minutes)}>
                            {t.mentorRequest.minutes(minutes)}
                          </Select.Option>
                        ))}
                      </Select>
                    )}
                  </FormField>
                  <Row>
                    <Button onClick={() => void send(true)} disabled={answer.isPending}>
                      {t.mentorRequest.accept}
                    </Button>
                    <Button variant="secondary" onClick={() => void send(false)} disabled={answer.isPending}>
                      {t.mentorRequest.decline}
                    </Button>
                  </Row>
                </Column>
              </PageSection>
            )}
          </>
        )}
      </Column>
    </Grid.Cell>
  );
}

/**
 * What the date field offers first: the plan's day, or tomorrow once that has passed, on a working day. Only a
 * proposal; the API refuses what cannot be planned and the mentor sees why.
 */
function proposedCoffeeDate(planned: string): string {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const day = new Date(`${planned < tomorrow ? tomorrow : planned}T12:00:00Z`);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
