import { Button, Paragraph, Table, UnorderedList } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { isProblem, problemOrNetwork } from '../../api/problems';
import type { Problem, SurveyTopicTask } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { mayDo, mayDoForAll } from '../../session/permissions';
import { useSignedIn } from '../../session/session';
import { localToday } from '../hires/journeyTimeline';
import { TableHead } from '../../layout/TableHead';
import { CompleteColumn } from './CompleteColumn';
import { DueDateCell } from './DueDateCell';
import { PageSection } from '../../layout/PageSection';

/**
 * The follow-up tasks the yearly survey analysis opened per topic (issue #12): the owner sees their own, HR every
 * one, as GET /survey-topic-tasks decides. Nothing at all while there is none: most people never get one, and an
 * empty heading on everyone's inbox would only be noise. Completions are announced in the page's live region.
 */
export function SurveyTopicTasks({ announce }: { announce(message: string): void }) {
  const { t } = useLanguage();
  const s = t.tasks.topicTasks;
  const session = useSignedIn();
  const listed = mayDo(session.role, 'listSurveyTopicTasks');
  const tasks = $api.useQuery(
    'get',
    '/survey-topic-tasks',
    { params: { header: organisationHeader() } },
    { enabled: listed },
  );
  const [problem, setProblem] = useState<Problem | undefined>();
  const list = tasks.data?.tasks ?? [];
  if (!listed || (list.length === 0 && !tasks.isError)) return null;
  const withOwner = mayDoForAll(session.role, 'listSurveyTopicTasks');
  const mayComplete = mayDo(session.role, 'completeSurveyTopicTask');

  return (
    <PageSection id="survey-topic-tasks-heading" heading={s.heading} gap="small" testId="survey-topic-tasks">
      <Paragraph size="small">{s.intro}</Paragraph>
      {tasks.isError && <ProblemAlert {...problemOrNetwork(tasks.error)} />}
      <ProblemAlert problem={problem} />
      {list.length > 0 && (
        <Table>
          <TableHead
            caption={s.caption(list.length)}
            columns={[
              t.yearAnalysis.topic,
              s.items,
              withOwner && t.yearAnalysis.owner,
              t.tasks.due,
              t.yearAnalysis.status,
              mayComplete && <CompleteColumn key="complete" />,
            ]}
          />
          <Table.Body>
            {list.map((task) => (
              <TopicTaskRow
                key={task.taskId}
                task={task}
                withOwner={withOwner}
                mayComplete={mayComplete}
                onCompleted={(name) => {
                  setProblem(undefined);
                  announce(s.completed(name));
                }}
                onProblem={setProblem}
              />
            ))}
          </Table.Body>
        </Table>
      )}
    </PageSection>
  );
}

function TopicTaskRow({
  task,
  withOwner,
  mayComplete,
  onCompleted,
  onProblem,
}: {
  task: SurveyTopicTask;
  withOwner: boolean;
  mayComplete: boolean;
  onCompleted(name: string): void;
  onProblem(problem: Problem): void;
}) {
  const { t, language } = useLanguage();
  const s = t.tasks.topicTasks;
  const queryClient = useQueryClient();
  const complete = $api.useMutation('post', '/survey-topic-tasks/{taskId}/completion');
  // The API completes a task once however often it is asked (no Idempotency-Key in the contract); this only spares
  // it the second request of a double click.
  const inFlight = useRef(false);
  const name = s.name(t.yearAnalysis.topics[task.topic], task.year);
  const open = task.status === 'open';
  const overdue = open && task.dueOn < localToday();

  const onClick = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await complete.mutateAsync({
        params: { header: organisationHeader(), path: { taskId: task.taskId } },
      });
      await queryClient.invalidateQueries({ queryKey: ['get', '/survey-topic-tasks'] });
      onCompleted(name);
    } catch (error) {
      if (isProblem(error)) onProblem(error);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Table.Row className={overdue ? 'sl-task--overdue' : undefined} data-survey-topic-task={task.taskId}>
      <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
      <Table.Cell>
        <UnorderedList size="small">
          {task.items.map((item) => (
            // An item the questionnaire no longer has keeps its (stable) id.
            <UnorderedList.Item key={item.itemId}>{item.text?.[language] ?? item.itemId}</UnorderedList.Item>
          ))}
        </UnorderedList>
      </Table.Cell>
      {withOwner && <Table.Cell>{task.ownerRef}</Table.Cell>}
      <DueDateCell date={task.dueOn} overdue={overdue} />
      <Table.Cell>{t.yearAnalysis.statuses[task.status]}</Table.Cell>
      {mayComplete && (
        <Table.Cell>
          {open && (
            <Button
              variant="secondary"
              onClick={onClick}
              disabled={complete.isPending}
              aria-label={s.completeLabel(name)}
            >
              {complete.isPending ? t.tasks.completing : t.tasks.complete}
            </Button>
          )}
        </Table.Cell>
      )}
    </Table.Row>
  );
}
