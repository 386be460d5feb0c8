import { Button, Column, DateInput, Heading, Paragraph, TextArea, TextInput } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { fieldProblem, unplacedErrors } from '../../api/problems';
import type { Hire, JourneyItem, OwnerRole, Problem } from '../../api/schemas';
import { useEditedSubmission } from '../../layout/useEditedSubmission';
import { useLanguage } from '../../i18n/language';
import { ChoiceField } from '../../layout/ChoiceField';
import { OwnerRoleField } from '../tasks/OwnerRoleField';
import { FormField } from '../../layout/FormField';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { boundValue } from '../../layout/boundValue';

/**
 * HR's changes to one hire's plan (POST /hires/{hireId}/plan-changes): per planned item move, drop or re-own, and a
 * task of their own. Every change needs a reason. The journey decides what may change; the form shows its answer
 * beside the field it is about and keeps what was typed.
 */

const MAX_REASON = 500;
const MAX_TITLE = 120;

type ItemAction = 'move-item' | 'drop-item' | 'reown-item';
type Change =
  | { kind: 'move-item'; itemId: string; dueDate: string }
  | { kind: 'drop-item'; itemId: string }
  | { kind: 'reown-item'; itemId: string; ownerRole: OwnerRole }
  | { kind: 'add-task'; title: string; ownerRole: OwnerRole; dueDate: string };

/** One submission of a plan change, with its key, its problem and the page refreshed after it. */
function usePlanChange(hireId: string) {
  const queryClient = useQueryClient();
  const submitting = useEditedSubmission();
  const mutation = $api.useMutation('post', '/hires/{hireId}/plan-changes');
  const send = async (change: Change, reason: string) => {
    const answer = await submitting.submit((key) =>
      mutation.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': key }, path: { hireId } },
        body: { change, reason },
      }),
    );
    if (answer) await queryClient.invalidateQueries({ queryKey: ['get', '/hires/{hireId}'] });
    return answer;
  };
  return { ...submitting, send };
}

/** What each field of a plan change is given: its id and value, the answer that may name it, and where an edit goes. */
interface PlanField<V> {
  id: string;
  value: V;
  problem: Problem | undefined;
  onChange(value: V): void;
}

function ReasonField(props: PlanField<string>) {
  const { t } = useLanguage();
  return (
    <FormField
      id={props.id}
      label={t.planChanges.reason}
      hint={t.planChanges.reasonHint(MAX_REASON)}
      error={fieldProblem(props.problem, '/reason')}
    >
      {(input) => (
        <TextArea
          {...input}
          name="reason"
          rows={2}
          maxLength={MAX_REASON}
          {...boundValue(props.value, props.onChange)}
        />
      )}
    </FormField>
  );
}

function OwnerSelect(props: PlanField<OwnerRole> & { label: string }) {
  const { problem, ...field } = props;
  return <OwnerRoleField {...field} error={fieldProblem(problem, '/change/ownerRole')} />;
}

function FormFrame(props: {
  id: string;
  problem: Problem | undefined;
  networkError: boolean;
  placed: readonly string[];
  pending: boolean;
  submitLabel: string;
  heading?: ReactNode;
  onSubmit(): void;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form
      id={props.id}
      onSubmit={submit}
      noValidate
      {...(props.heading ? { 'aria-labelledby': `${props.id}-heading` } : {})}
    >
      <Column gap="small">
        {props.heading}
        <ProblemAlert
          problem={props.problem}
          errors={unplacedErrors(props.problem, props.placed)}
          networkError={props.networkError}
        />
        {props.children}
        <Button type="submit" variant="secondary" disabled={props.pending}>
          {props.pending ? t.planChanges.sending : props.submitLabel}
        </Button>
      </Column>
    </form>
  );
}

/** The change of one planned item, folded away under the item until HR opens it. */
export function PlanItemChange({
  hire,
  item,
  onDone,
}: {
  hire: Hire;
  item: JourneyItem;
  onDone(message: string): void;
}) {
  const { t } = useLanguage();
  const id = `change-${item.id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  // Only what the journey offers for this item now (its `changes`); the API decides each change still.
  const offered: readonly ItemAction[] = item.changes ?? [];
  const [action, setAction] = useState<ItemAction>(offered[0] ?? 'move-item');
  const [dueDate, setDueDate] = useState(item.dueDate);
  const [ownerRole, setOwnerRole] = useState<OwnerRole>(item.ownerRole ?? 'hr');
  const [reason, setReason] = useState('');
  const { send, edited, pending, problem, networkError } = usePlanChange(hire.hireId);
  const change = (): Change =>
    action === 'move-item'
      ? { kind: action, itemId: item.id, dueDate }
      : action === 'reown-item'
        ? { kind: action, itemId: item.id, ownerRole }
        : { kind: action, itemId: item.id };
  const submit = async () => {
    if (await send(change(), reason.trim())) {
      setReason('');
      onDone(t.planChanges.done[action](item.title));
    }
  };
  return (
    <details className="sl-plan-change" data-plan-change={item.id}>
      <summary>{t.planChanges.open}</summary>
      <FormFrame
        id={id}
        problem={problem}
        networkError={networkError}
        placed={['/change/dueDate', '/change/ownerRole', '/reason']}
        pending={pending}
        submitLabel={t.planChanges.save}
        onSubmit={submit}
      >
        <ChoiceField
          id={`${id}-action`}
          label={t.planChanges.action}
          choices={offered}
          labels={t.planChanges.actions}
          value={action}
          onChange={edited(setAction)}
        />
        {action === 'move-item' && (
          <FormField id={`${id}-date`} label={t.planChanges.newDate} error={fieldProblem(problem, '/change/dueDate')}>
            {(input) => <DateInput {...input} {...boundValue(dueDate, edited(setDueDate))} />}
          </FormField>
        )}
        {action === 'reown-item' && (
          <OwnerSelect
            id={`${id}-owner`}
            label={t.planChanges.newOwner}
            value={ownerRole}
            problem={problem}
            onChange={edited(setOwnerRole)}
          />
        )}
        {action === 'drop-item' && <Paragraph size="small">{t.planChanges.dropWarning}</Paragraph>}
        <ReasonField id={`${id}-reason`} value={reason} problem={problem} onChange={edited(setReason)} />
      </FormFrame>
    </details>
  );
}

/** A task of HR's own for this hire: what, who, when and why. */
export function AddTaskForm({ hire, onDone }: { hire: Hire; onDone(message: string): void }) {
  const { t } = useLanguage();
  const [title, setTitle] = useState('');
  const [ownerRole, setOwnerRole] = useState<OwnerRole>('hr');
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const { send, edited, pending, problem, networkError } = usePlanChange(hire.hireId);
  const submit = async () => {
    const added = await send({ kind: 'add-task', title: title.trim(), ownerRole, dueDate }, reason.trim());
    if (added) {
      onDone(t.planChanges.taskAdded(title.trim()));
      setTitle('');
      setDueDate('');
      setReason('');
    }
  };
  return (
    <FormFrame
      id="add-task"
      heading={
        <Heading level={2} size="level-3" id="add-task-heading">
          {t.planChanges.addTaskHeading}
        </Heading>
      }
      problem={problem}
      networkError={networkError}
      placed={['/change/title', '/change/ownerRole', '/change/dueDate', '/reason']}
      pending={pending}
      submitLabel={t.planChanges.addTask}
      onSubmit={submit}
    >
      <Paragraph size="small">{t.planChanges.addTaskIntro}</Paragraph>
      <FormField
        id="add-task-title"
        label={t.planChanges.taskTitle}
        hint={t.planChanges.taskTitleHint(MAX_TITLE)}
        error={fieldProblem(problem, '/change/title')}
      >
        {(input) => (
          <TextInput {...input} name="title" maxLength={MAX_TITLE} {...boundValue(title, edited(setTitle))} />
        )}
      </FormField>
      <OwnerSelect
        id="add-task-owner"
        label={t.planChanges.owner}
        value={ownerRole}
        problem={problem}
        onChange={edited(setOwnerRole)}
      />
      <FormField id="add-task-due" label={t.planChanges.dueDate} error={fieldProblem(problem, '/change/dueDate')}>
        {(input) => <DateInput {...input} {...boundValue(dueDate, edited(setDueDate))} />}
      </FormField>
      <ReasonField id="add-task-reason" value={reason} problem={problem} onChange={edited(setReason)} />
    </FormFrame>
  );
}
