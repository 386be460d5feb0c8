import { Button, Paragraph, Row, TextArea } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { fieldProblem, unplacedErrors } from '../../api/problems';
import type { SurveyReport } from '../../api/schemas';
import { useSubmitOnce } from '../../api/useSubmitOnce';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { mayDo } from '../../session/permissions';
import { useSignedIn } from '../../session/session';
import { boundValue } from '../../layout/boundValue';

type OpenAnswer = SurveyReport['openAnswers'][number]['answers'][number];

/** One open answer of the report: its text (or that HR redacted it), and for HR the redaction with its reason. */
export function OpenAnswerItem({ waveId, answer }: { waveId: string; answer: OpenAnswer }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const [open, setOpen] = useState(false);
  if (answer.redacted) return <em>{t.surveyReport.redactedAnswer}</em>;
  return (
    <>
      {answer.text}{' '}
      {mayDo(session.role, 'redactSurveyOpenAnswer') &&
        (open ? (
          <RedactionForm waveId={waveId} answerId={answer.answerId} onCancel={() => setOpen(false)} />
        ) : (
          <Button
            variant="tertiary"
            onClick={() => setOpen(true)}
            aria-label={t.surveyReport.redactLabel(answer.text!)}
          >
            {t.surveyReport.redact}
          </Button>
        ))}
    </>
  );
}

/** POST …/open-answers/{answerId}/redaction with the reason the audit trail keeps; the report is then read again. */
function RedactionForm({ waveId, answerId, onCancel }: { waveId: string; answerId: string; onCancel(): void }) {
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const { submit, pending, problem, networkError } = useSubmitOnce();
  const redact = $api.useMutation('post', '/survey-waves/{waveId}/open-answers/{answerId}/redaction');
  const id = `redact-${answerId}`;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submit(() =>
      redact.mutateAsync({
        params: { header: organisationHeader(), path: { waveId, answerId } },
        body: { reason: reason.trim() },
      }),
    );
    if (done) await queryClient.invalidateQueries({ queryKey: ['get', '/survey-waves/{waveId}/report'] });
  };
  return (
    <form onSubmit={send} noValidate aria-label={t.surveyReport.redactHeading} data-testid="redaction-form">
      <ProblemAlert problem={problem} errors={unplacedErrors(problem, ['/reason'])} networkError={networkError} />
      <Paragraph size="small">{t.surveyReport.redactIntro}</Paragraph>
      <FormField id={`${id}-reason`} label={t.surveyReport.redactReason} error={fieldProblem(problem, '/reason')}>
        {(input) => <TextArea {...input} name="reason" rows={2} {...boundValue(reason, setReason)} />}
      </FormField>
      <Row>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t.surveyReport.redactConfirm}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t.surveyReport.redactCancel}
        </Button>
      </Row>
    </form>
  );
}
