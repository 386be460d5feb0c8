import { DateInput, Paragraph, TextArea, TextInput } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { $api } from '../../api/client';
import { fieldProblem } from '../../api/problems';
import type { Hire, JourneyItem, OwnerRole, Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ChoiceField } from '../../layout/ChoiceField';
import { OwnerRoleField } from '../tasks/OwnerRoleField';
import { FormField } from '../../layout/FormField';
import { boundValue } from '../../layout/boundValue';
import { HireCommandForm } from './HireCommandForm';
import { useHireCommand } from './useHireCommand';

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

/** What each field of a plan change is given: its id and value, the answer that may name it, and where an edit goes. */
interface PlanField<V> {
  id: string;
  value: V;
  problem: Problem | undefined;
  onChange(value: V): void;
}

/**
 * One submission of a plan change, with its key, its problem and the page refreshed after it; `field` gives a field
 * its PlanField: the submission's problem, and edits through `edited` (a change typed is a new submission).
 */
function usePlanChange(hireId: string) {
  const command = useHireCommand(hireId, $api.useMutation('post', '/hires/{hireId}/plan-changes').mutateAsync);
  const field = <V,>(id: string, value: V, set: (value: V) => void): PlanField<V> => ({
    id,
    value,
    problem: command.problem,
    onChange: command.edited(set),
  });
  return { ...command, field, send: (change: Change, reason: string) => command.send({ change, reason }) };
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
  const command = usePlanChange(hire.hireId);
  const { send, edited, field, problem } = command;
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
      <HireCommandForm
        id={id}
        gap="small"
        command={command}
        placed={['/change/dueDate', '/change/ownerRole', '/reason']}
        submitLabel={t.planChanges.save}
        sendingLabel={t.planChanges.sending}
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
          <OwnerSelect label={t.planChanges.newOwner} {...field(`${id}-owner`, ownerRole, setOwnerRole)} />
        )}
        {action === 'drop-item' && <Paragraph size="small">{t.planChanges.dropWarning}</Paragraph>}
        <ReasonField {...field(`${id}-reason`, reason, setReason)} />
      </HireCommandForm>
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
  const command = usePlanChange(hire.hireId);
  const { send, edited, field, problem } = command;
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
    <HireCommandForm
      id="add-task"
      heading={t.planChanges.addTaskHeading}
      gap="small"
      command={command}
      placed={['/change/title', '/change/ownerRole', '/change/dueDate', '/reason']}
      submitLabel={t.planChanges.addTask}
      sendingLabel={t.planChanges.sending}
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
      <OwnerSelect label={t.planChanges.owner} {...field('add-task-owner', ownerRole, setOwnerRole)} />
      <FormField id="add-task-due" label={t.planChanges.dueDate} error={fieldProblem(problem, '/change/dueDate')}>
        {(input) => <DateInput {...input} {...boundValue(dueDate, edited(setDueDate))} />}
      </FormField>
      <ReasonField {...field('add-task-reason', reason, setReason)} />
    </HireCommandForm>
  );
}
