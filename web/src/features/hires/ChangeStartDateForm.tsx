import { Button, DateInput, Paragraph } from '@amsterdam/design-system-react';
import { type FormEvent, useState } from 'react';
import { $api } from '../../api/client';
import { fieldProblem, unplacedErrors } from '../../api/problems';
import type { Hire } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { HeadedForm } from '../../layout/HeadedForm';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { boundValue } from '../../layout/boundValue';
import { useHireCommand } from './useHireCommand';

/** Moving the start date before day one: every date relative to it moves with it (PUT /hires/{hireId}/start-date). */
export function ChangeStartDateForm({ hire }: { hire: Hire }) {
  const { t } = useLanguage();
  const [startDate, setStartDate] = useState(hire.startDate);
  const [changedTo, setChangedTo] = useState<string | undefined>();
  const { send, edited, pending, problem, networkError } = useHireCommand(
    hire.hireId,
    $api.useMutation('put', '/hires/{hireId}/start-date').mutateAsync,
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChangedTo(undefined);
    await send({ startDate }, (updated) => setChangedTo(updated.startDate));
  };
  return (
    <HeadedForm headingId="start-date-heading" heading={t.hire.changeStartDateHeading} onSubmit={submit}>
      <ProblemAlert problem={problem} errors={unplacedErrors(problem, ['/startDate'])} networkError={networkError} />
      <FormField id="new-start-date" label={t.hire.newStartDate} error={fieldProblem(problem, '/startDate')}>
        {(input) => <DateInput {...input} {...boundValue(startDate, edited(setStartDate))} />}
      </FormField>
      <div role="status">{changedTo && <Paragraph>{t.hire.startDateChanged(changedTo)}</Paragraph>}</div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t.hire.changeStartDate}
      </Button>
    </HeadedForm>
  );
}
