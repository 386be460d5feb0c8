import {
  Button,
  Checkbox,
  Column,
  DateInput,
  ErrorMessage,
  FieldSet,
  Heading,
  Paragraph,
  TextArea,
} from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { fieldOrConflictProblem, unplacedErrors } from '../../api/problems';
import type { ExitReason, Hire, Problem, RetentionFactor } from '../../api/schemas';
import { useSubmitOnce } from '../../api/useSubmitOnce';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { ProblemAlert } from '../../layout/ProblemAlert';

/**
 * How a journey ends, each through its own command of the contract: the candidate withdraws before day one, the
 * hire leaves (a termination with the last working day), and HR records the exit interview's reasons as codes.
 */

const headerFor = (idempotencyKey: string) => ({ ...organisationHeader(), 'Idempotency-Key': idempotencyKey });

/**
 * One end-of-journey command sent once (see useSubmitOnce); when it is taken the page is told what it did, and the
 * journey view and the lists show what it changed.
 */
function useHireCommand(onDone: (message: string) => void) {
  const queryClient = useQueryClient();
  const once = useSubmitOnce();
  const send = async (command: (idempotencyKey: string) => Promise<unknown>, done: () => string) => {
    const answer = await once.submit(command);
    if (answer) {
      onDone(done());
      await queryClient.invalidateQueries({ queryKey: ['get', '/hires/{hireId}'] });
    }
  };
  return { ...once, send };
}

/**
 * The frame of each command form: its heading, the problem at the top, the fields and the button. What a command did
 * is told by the page (`onDone`), since the form itself goes once the journey has moved past it.
 */
function CommandForm(props: {
  id: string;
  heading: string;
  intro: string;
  submitLabel: string;
  command: { pending: boolean; problem: Problem | undefined; networkError: boolean };
  placedPointers: readonly string[];
  onSubmit(): void;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const { pending, problem, networkError } = props.command;
  const headingId = `${props.id}-heading`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form id={props.id} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Column gap="large">
        <Heading level={2} size="level-3" id={headingId}>
          {props.heading}
        </Heading>
        <Paragraph size="small">{props.intro}</Paragraph>
        <ProblemAlert
          problem={problem}
          errors={unplacedErrors(problem, props.placedPointers)}
          networkError={networkError}
        />
        {props.children}
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t.journeyEnd.sending : props.submitLabel}
        </Button>
      </Column>
    </form>
  );
}

/** POST /hires/{hireId}/withdrawal: before day one only; the journey says so (409) when the hire has started. */
export function WithdrawCandidateForm({ hire, onDone }: { hire: Hire; onDone(message: string): void }) {
  const { t } = useLanguage();
  const [reason, setReason] = useState('');
  const command = useHireCommand(onDone);
  const { renewKey, problem } = command;
  const withdraw = $api.useMutation('post', '/hires/{hireId}/withdrawal');
  const send = async () => {
    const text = reason.trim();
    await command.send(
      (key) =>
        withdraw.mutateAsync({
          params: { header: headerFor(key), path: { hireId: hire.hireId } },
          body: text ? { reason: text } : {},
        }),
      () => t.journeyEnd.withdrawn,
    );
  };
  return (
    <CommandForm
      id="withdraw"
      heading={t.journeyEnd.withdrawHeading}
      intro={t.journeyEnd.withdrawIntro}
      submitLabel={t.journeyEnd.withdraw}
      command={command}
      placedPointers={['/reason']}
      onSubmit={send}
    >
      <FormField
        id="withdraw-reason"
        label={t.journeyEnd.reason}
        hint={t.journeyEnd.reasonHint}
        optional
        error={fieldOrConflictProblem(problem, '/reason', true)}
      >
        {(input) => (
          <TextArea
            {...input}
            name="reason"
            rows={3}
            value={reason}
            onChange={(event) => {
              renewKey();
              setReason(event.target.value);
            }}
          />
        )}
      </FormField>
    </CommandForm>
  );
}

/** POST /hires/{hireId}/termination with the last working day (within the planning window, or 400 beside it). */
export function RegisterTerminationForm({ hire, onDone }: { hire: Hire; onDone(message: string): void }) {
  const { t } = useLanguage();
  const [lastWorkingDay, setLastWorkingDay] = useState('');
  const command = useHireCommand(onDone);
  const { renewKey, problem } = command;
  const terminate = $api.useMutation('post', '/hires/{hireId}/termination');
  const send = async () => {
    await command.send(
      (key) =>
        terminate.mutateAsync({
          params: { header: headerFor(key), path: { hireId: hire.hireId } },
          body: { lastWorkingDay },
        }),
      () => t.journeyEnd.terminated(lastWorkingDay),
    );
  };
  return (
    <CommandForm
      id="terminate"
      heading={t.journeyEnd.terminateHeading}
      intro={t.journeyEnd.terminateIntro}
      submitLabel={t.journeyEnd.terminate}
      command={command}
      placedPointers={['/lastWorkingDay']}
      onSubmit={send}
    >
      <FormField
        id="terminate-lastWorkingDay"
        label={t.journeyEnd.lastWorkingDay}
        error={fieldOrConflictProblem(problem, '/lastWorkingDay', true)}
      >
        {(input) => (
          <DateInput
            {...input}
            name="lastWorkingDay"
            value={lastWorkingDay}
            onChange={(event) => {
              renewKey();
              setLastWorkingDay(event.target.value);
            }}
          />
        )}
      </FormField>
    </CommandForm>
  );
}

/**
 * POST /hires/{hireId}/exit-interview: the taxonomy's codes, shown with the catalogue's labels. The journey weighs
 * the answers together (nothing-else-would-have-kept-them goes with no other answer): its 409 shows beside them.
 */
export function RecordExitInterviewForm({ hire, onDone }: { hire: Hire; onDone(message: string): void }) {
  const { t } = useLanguage();
  const [reasons, setReasons] = useState<readonly ExitReason[]>([]);
  const [wouldHaveKept, setWouldHaveKept] = useState<readonly RetentionFactor[]>([]);
  const command = useHireCommand(onDone);
  const { renewKey, problem } = command;
  const record = $api.useMutation('post', '/hires/{hireId}/exit-interview');
  const send = async () => {
    await command.send(
      (key) =>
        record.mutateAsync({
          params: { header: headerFor(key), path: { hireId: hire.hireId } },
          body: { reasons: [...reasons], wouldHaveKept: [...wouldHaveKept] },
        }),
      () => t.journeyEnd.recorded,
    );
  };
  return (
    <CommandForm
      id="exit-interview"
      heading={t.journeyEnd.exitHeading}
      intro={t.journeyEnd.exitIntro}
      submitLabel={t.journeyEnd.record}
      command={command}
      placedPointers={['/reasons', '/wouldHaveKept']}
      onSubmit={send}
    >
      <CodeChoices
        id="exit-reasons"
        legend={t.journeyEnd.reasons}
        hint={t.journeyEnd.reasonsHint}
        labels={t.exitReasons}
        chosen={reasons}
        error={fieldOrConflictProblem(problem, '/reasons', false)}
        onChange={(next) => {
          renewKey();
          setReasons(next);
        }}
      />
      <CodeChoices
        id="exit-would-have-kept"
        legend={t.journeyEnd.wouldHaveKept}
        hint={t.journeyEnd.wouldHaveKeptHint}
        labels={t.retentionFactors}
        chosen={wouldHaveKept}
        error={fieldOrConflictProblem(problem, '/wouldHaveKept', true)}
        optional
        onChange={(next) => {
          renewKey();
          setWouldHaveKept(next);
        }}
      />
    </CommandForm>
  );
}

/** A group of checkboxes for codes of a closed list, with the API's word on the group beside it. */
export function CodeChoices<Code extends string>(props: {
  id: string;
  legend: string;
  hint: string;
  labels: Readonly<Record<Code, string>>;
  chosen: readonly Code[];
  error: string | undefined;
  optional?: boolean;
  onChange(next: readonly Code[]): void;
}) {
  const { id, legend, hint, labels, chosen, error, optional, onChange } = props;
  const codes = Object.keys(labels) as Code[];
  const describedBy = [`${id}-hint`, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <FieldSet
      legend={legend}
      invalid={error !== undefined}
      aria-describedby={describedBy}
      {...(optional ? { optional: true } : {})}
    >
      <Paragraph id={`${id}-hint`} size="small">
        {hint}
      </Paragraph>
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <Column gap="x-small">
        {codes.map((code) => (
          <Checkbox
            key={code}
            id={`${id}-${code}`}
            name={id}
            value={code}
            invalid={error !== undefined}
            checked={chosen.includes(code)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, code] : chosen.filter((other) => other !== code))
            }
          >
            {labels[code]}
          </Checkbox>
        ))}
      </Column>
    </FieldSet>
  );
}
