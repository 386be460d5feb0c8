import {
  Checkbox,
  Column,
  DateInput,
  ErrorMessage,
  FieldSet,
  Paragraph,
  TextArea,
} from '@amsterdam/design-system-react';
import { type ReactElement, useState } from 'react';
import { $api } from '../../api/client';
import { fieldOrConflictProblem } from '../../api/problems';
import type { ExitReason, Hire, RetentionFactor } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { type FieldInputProps, FormField } from '../../layout/FormField';
import { boundValue } from '../../layout/boundValue';
import { HireCommandForm } from './HireCommandForm';
import { type HireCommandRequest, useHireCommand } from './useHireCommand';

/**
 * How a journey ends, each through its own command of the contract: the candidate withdraws before day one, the
 * hire leaves (a termination with the last working day), and HR records the exit interview's reasons as codes.
 */

/**
 * A command form of one text field (`name`, at the pointer `/name`): the field's input is `input`'s, the rest is the
 * same for each. The journey's 409 shows beside the field as well.
 */
function OneFieldCommandForm<Body>(props: {
  id: string;
  name: string;
  hire: Hire;
  mutateAsync: (request: HireCommandRequest<Body>) => Promise<unknown>;
  texts: { heading: string; intro: string; submitLabel: string; label: string; hint?: string };
  optional?: boolean;
  body(value: string): Body;
  done(value: string): string;
  onDone(message: string): void;
  input(props: FieldInputProps & { name: string } & ReturnType<typeof boundValue>): ReactElement;
}) {
  const { t } = useLanguage();
  const { id, name, texts } = props;
  const [value, setValue] = useState('');
  const command = useHireCommand(props.hire.hireId, props.mutateAsync);
  return (
    <HireCommandForm
      id={id}
      heading={texts.heading}
      intro={texts.intro}
      gap="large"
      submitLabel={texts.submitLabel}
      sendingLabel={t.journeyEnd.sending}
      command={command}
      placed={[`/${name}`]}
      onSubmit={() => command.send(props.body(value), () => props.onDone(props.done(value)))}
    >
      <FormField
        id={`${id}-${name}`}
        label={texts.label}
        {...(texts.hint ? { hint: texts.hint } : {})}
        {...(props.optional ? { optional: true } : {})}
        error={fieldOrConflictProblem(command.problem, `/${name}`, true)}
      >
        {(input) => props.input({ ...input, name, ...boundValue(value, command.edited(setValue)) })}
      </FormField>
    </HireCommandForm>
  );
}

/** POST /hires/{hireId}/withdrawal: before day one only; the journey says so (409) when the hire has started. */
export function WithdrawCandidateForm({ hire, onDone }: { hire: Hire; onDone(message: string): void }) {
  const { t } = useLanguage();
  return (
    <OneFieldCommandForm
      id="withdraw"
      name="reason"
      hire={hire}
      mutateAsync={$api.useMutation('post', '/hires/{hireId}/withdrawal').mutateAsync}
      texts={{
        heading: t.journeyEnd.withdrawHeading,
        intro: t.journeyEnd.withdrawIntro,
        submitLabel: t.journeyEnd.withdraw,
        label: t.journeyEnd.reason,
        hint: t.journeyEnd.reasonHint,
      }}
      optional
      body={(reason) => (reason.trim() ? { reason: reason.trim() } : {})}
      done={() => t.journeyEnd.withdrawn}
      onDone={onDone}
      input={(input) => <TextArea {...input} rows={3} />}
    />
  );
}

/** POST /hires/{hireId}/termination with the last working day (within the planning window, or 400 beside it). */
export function RegisterTerminationForm({ hire, onDone }: { hire: Hire; onDone(message: string): void }) {
  const { t } = useLanguage();
  return (
    <OneFieldCommandForm
      id="terminate"
      name="lastWorkingDay"
      hire={hire}
      mutateAsync={$api.useMutation('post', '/hires/{hireId}/termination').mutateAsync}
      texts={{
        heading: t.journeyEnd.terminateHeading,
        intro: t.journeyEnd.terminateIntro,
        submitLabel: t.journeyEnd.terminate,
        label: t.journeyEnd.lastWorkingDay,
      }}
      body={(lastWorkingDay) => ({ lastWorkingDay })}
      done={(lastWorkingDay) => t.journeyEnd.terminated(lastWorkingDay)}
      onDone={onDone}
      input={(input) => <DateInput {...input} />}
    />
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
  const command = useHireCommand(hire.hireId, $api.useMutation('post', '/hires/{hireId}/exit-interview').mutateAsync);
  const { edited, problem } = command;
  const send = () =>
    command.send({ reasons: [...reasons], wouldHaveKept: [...wouldHaveKept] }, () => onDone(t.journeyEnd.recorded));
  return (
    <HireCommandForm
      id="exit-interview"
      heading={t.journeyEnd.exitHeading}
      intro={t.journeyEnd.exitIntro}
      gap="large"
      submitLabel={t.journeyEnd.record}
      sendingLabel={t.journeyEnd.sending}
      command={command}
      placed={['/reasons', '/wouldHaveKept']}
      onSubmit={send}
    >
      <CodeChoices
        id="exit-reasons"
        legend={t.journeyEnd.reasons}
        hint={t.journeyEnd.reasonsHint}
        labels={t.exitReasons}
        chosen={reasons}
        error={fieldOrConflictProblem(problem, '/reasons', false)}
        onChange={edited(setReasons)}
      />
      <CodeChoices
        id="exit-would-have-kept"
        legend={t.journeyEnd.wouldHaveKept}
        hint={t.journeyEnd.wouldHaveKeptHint}
        labels={t.retentionFactors}
        chosen={wouldHaveKept}
        error={fieldOrConflictProblem(problem, '/wouldHaveKept', true)}
        optional
        onChange={edited(setWouldHaveKept)}
      />
    </HireCommandForm>
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
