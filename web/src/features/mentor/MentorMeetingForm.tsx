import { Button, Column, DateInput, Heading, Paragraph, TextInput } from '@amsterdam/design-system-react';
import { type FormEvent, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { fieldOrConflictProblem, fieldProblem } from '../../api/problems';
import type { HireSummary } from '../../api/schemas';
import { useEditedSubmission } from '../../layout/useEditedSubmission';
import { useLanguage } from '../../i18n/language';
import { ChoiceField } from '../../layout/ChoiceField';
import { FormField } from '../../layout/FormField';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { boundValue } from '../../layout/boundValue';

/**
 * POST /hires/{hireId}/mentor-meetings: that a mentor and their mentee met, the day and how long. Nothing of what
 * was said is asked; the journey refuses a day to come or a hire without this mentor, and the page shows why.
 */
export function MentorMeetingForm({ mentees }: { mentees: readonly HireSummary[] }) {
  const { t } = useLanguage();
  const [chosen, setHireId] = useState('');
  // The list arrives after the first render: until someone picks, the first mentee.
  const hireId = chosen || mentees[0]?.hireId || '';
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [minutes, setMinutes] = useState('60');
  const [logged, setLogged] = useState<string>();
  const { submit, edited, pending, problem, networkError } = useEditedSubmission();
  const log = $api.useMutation('post', '/hires/{hireId}/mentor-meetings');
  const changed = (set: (value: string) => void) =>
    edited((value: string) => {
      setLogged(undefined);
      set(value);
    });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await submit((key) =>
      log.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': key }, path: { hireId } },
        body: { on, minutes: Number(minutes) },
      }),
    );
    if (answer) setLogged(t.mentorMeeting.logged(hireId, on, Number(minutes)));
  };
  if (mentees.length === 0) return null;
  return (
    <section aria-labelledby="mentor-meeting">
      <form onSubmit={(event) => void send(event)} noValidate>
        <Column gap="small">
          <Heading level={2} size="level-3" id="mentor-meeting">
            {t.mentorMeeting.heading}
          </Heading>
          <Paragraph>{t.mentorMeeting.intro}</Paragraph>
          <ProblemAlert problem={problem} networkError={networkError} />
          <ChoiceField
            id="meeting-hire"
            label={t.mentorMeeting.mentee}
            name="hireId"
            choices={mentees.map((hire) => hire.hireId)}
            value={hireId}
            onChange={changed(setHireId)}
          />
          <FormField id="meeting-on" label={t.mentorMeeting.on} error={fieldOrConflictProblem(problem, '/on', true)}>
            {(input) => <DateInput {...input} name="on" {...boundValue(on, changed(setOn))} />}
          </FormField>
          <FormField id="meeting-minutes" label={t.mentorMeeting.minutes} error={fieldProblem(problem, '/minutes')}>
            {(input) => (
              <TextInput
                {...input}
                name="minutes"
                inputMode="numeric"
                size={4}
                {...boundValue(minutes, changed(setMinutes))}
              />
            )}
          </FormField>
          <div role="status" data-testid="mentor-meeting-status">
            {logged && <Paragraph>{logged}</Paragraph>}
          </div>
          <div>
            <Button type="submit" disabled={pending}>
              {t.mentorMeeting.submit}
            </Button>
          </div>
        </Column>
      </form>
    </section>
  );
}
