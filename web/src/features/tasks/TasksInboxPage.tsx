import { Button, Column, Grid, Link as DsLink, Paragraph, Table } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { isProblem } from '../../api/problems';
import type { OpenTask, OwnerRole, Problem, Role } from '../../api/schemas';
import { useItemTitle } from '../../i18n/itemTitle';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { localToday } from '../hires/journeyTimeline';
import { OwnerRoleField } from './OwnerRoleField';
import { SurveyTopicTasks } from './SurveyTopicTasks';
import { PendingOrEmpty } from '../../layout/QueryOutcome';
import { TableHead } from '../../layout/TableHead';
import { CompleteColumn } from './CompleteColumn';
import { DueDateCell } from './DueDateCell';

/** A personal role sees its own tasks only (the API fills in its person); the others pick whose tasks to see. */
const PERSONAL_OWNER: Partial<Record<Role, OwnerRole>> = {
  manager: 'manager',
  mentor: 'mentor',
  'new-hire': 'new-hire',
};
/** The tasks list is a projection: it follows completions a moment later, so the page refreshes while open. */
const REFRESH_MS = 5_000;

const taskKey = (task: OpenTask) => `${task.hireId}/${task.itemId}`;

export function TasksInboxPage() {
  const { t } = useLanguage();
  const titleOf = useItemTitle();
  const session = useSignedIn();
  const personal = PERSONAL_OWNER[session.role];
  const [chosenOwner, setChosenOwner] = useState<OwnerRole>('hr');
  const ownerRole = personal ?? chosenOwner;
  const tasks = $api.useQuery(
    'get',
    '/tasks',
    { params: { header: organisationHeader(), query: { ownerRole, limit: 200 } } },
    { refetchInterval: REFRESH_MS },
  );
  const [completed, setCompleted] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const today = localToday();
  const open = (tasks.data?.tasks ?? []).filter((task) => !completed.has(taskKey(task)));

  return (
    <>
      <PageIntroCell title={t.tasks.title} intro={t.tasks.intro} />
      {!personal && (
        <Grid.Cell span={{ narrow: 4, medium: 4, wide: 4 }}>
          <OwnerRoleField id="owner-role" label={t.tasks.ownerRole} value={chosenOwner} onChange={setChosenOwner} />
        </Grid.Cell>
      )}
      <Grid.Cell span="all">
        <Column gap="large">
          <div role="status" className="sl-status">
            {announcement && <Paragraph>{announcement}</Paragraph>}
          </div>
          <ProblemAlert problem={problem ?? (tasks.isError ? tasks.error : undefined)} />
          <PendingOrEmpty pending={tasks.isPending} isEmpty={open.length === 0} empty={t.tasks.empty}>
            {() => (
              <Table>
                <TableHead
                  caption={t.tasks.tableCaption(open.length)}
                  columns={[t.tasks.task, t.tasks.hire, t.tasks.due, <CompleteColumn key="complete" />]}
                />
                <Table.Body>
                  {open.map((task) => (
                    <TaskRow
                      key={taskKey(task)}
                      task={task}
                      overdue={task.dueDate < today}
                      onCompleted={() => {
                        setProblem(undefined);
                        setCompleted((current) => new Set(current).add(taskKey(task)));
                        setAnnouncement(t.tasks.completed(titleOf(task)));
                      }}
                      onProblem={setProblem}
                    />
                  ))}
                </Table.Body>
              </Table>
            )}
          </PendingOrEmpty>
          <SurveyTopicTasks announce={setAnnouncement} />
        </Column>
      </Grid.Cell>
    </>
  );
}

function TaskRow({
  task,
  overdue,
  onCompleted,
  onProblem,
}: {
  task: OpenTask;
  overdue: boolean;
  onCompleted(): void;
  onProblem(problem: Problem): void;
}) {
  const { t } = useLanguage();
  const titleOf = useItemTitle();
  const queryClient = useQueryClient();
  // One key per task: a second press (or a retry after a lost answer) completes it once.
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);
  const complete = $api.useMutation('post', '/hires/{hireId}/tasks/{itemId}/completion');
  const onClick = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await complete.mutateAsync({
        params: {
          header: { ...organisationHeader(), 'Idempotency-Key': idempotencyKey.current },
          path: { hireId: task.hireId, itemId: task.itemId },
        },
        body: {},
      });
      onCompleted();
      await queryClient.invalidateQueries({ queryKey: ['get', '/tasks'] });
    } catch (error) {
      if (isProblem(error)) onProblem(error);
    } finally {
      inFlight.current = false;
    }
  };
  return (
    <Table.Row className={overdue ? 'sl-task--overdue' : undefined} data-task={taskKey(task)}>
      <Table.Cell>
        {titleOf(task)}
        {task.blockedBy && task.blockedBy.length > 0 && (
          <Paragraph size="small" data-blocked-by={task.blockedBy.map((gate) => gate.id).join(' ')}>
            {t.compliance.waitsOn(task.blockedBy.map(titleOf).join(', '))}
          </Paragraph>
        )}
      </Table.Cell>
      <Table.Cell className="sl-nowrap">
        <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(task.hireId)}`}>
          {task.hireId}
        </DsLink>
      </Table.Cell>
      <DueDateCell date={task.dueDate} overdue={overdue} />
      <Table.Cell>
        <Button
          variant="secondary"
          onClick={onClick}
          disabled={complete.isPending}
          aria-label={t.tasks.completeLabel(titleOf(task), task.hireId)}
        >
          {complete.isPending ? t.tasks.completing : t.tasks.complete}
        </Button>
      </Table.Cell>
    </Table.Row>
  );
}
