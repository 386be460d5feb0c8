import { Alert, Button, Column, Field, Heading, Label, Paragraph, Select, Table } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { isProblem, problemOrNetwork } from '../../api/problems';
import type { SurveyYearAnalysis as Analysis, SurveyTopic } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { mayDo } from '../../session/permissions';
import { useSignedIn } from '../../session/session';
import { TextField } from '../setup/fields';
import { useCommand } from '../setup/useCommand';
import { TableHead } from '../../layout/TableHead';
import { PageSection } from '../../layout/PageSection';
import { useSettingsForm } from '../setup/useSettingsForm';

const QUESTIONNAIRE_ID = 'ninety-days';
/** The topics of scale items: an open question never scores, so it never needs an owner. */
const OWNED_TOPICS: readonly SurveyTopic[] = [
  'recruitment',
  'selection',
  'first-ninety-days',
  'guidance',
  'basic-needs',
  'attractive-organisation',
  'loyalty',
];
const OWNERS_FORM = 'survey-topic-owners';

/**
 * The yearly analysis (issue #12, item 5): for a year, the statements that keep scoring worst and the follow-up tasks
 * opened for their topics' owners, as the API decided them; and HR's list of owners per topic.
 */
export function SurveyYearAnalysis() {
  const { t } = useLanguage();
  const session = useSignedIn();
  const y = t.yearAnalysis;
  const trends = $api.useQuery('get', '/questionnaires/{questionnaireId}/trends', {
    params: { header: organisationHeader(), path: { questionnaireId: QUESTIONNAIRE_ID } },
  });
  const years = [...(trends.data?.years ?? [])].map((period) => period.period).reverse();
  const [year, setYear] = useState<string>();
  const chosen = year ?? years[0];
  if (!mayDo(session.role, 'getSurveyYearAnalysis')) return null;
  return (
    <PageSection id="year-analysis-heading" heading={y.heading} gap="large" testId="survey-year-analysis">
      <Paragraph>{y.intro}</Paragraph>
      {years.length === 0 ? (
        <Paragraph>{y.noYears}</Paragraph>
      ) : (
        <Field>
          <Label htmlFor="year-analysis-year">{y.year}</Label>
          <Select id="year-analysis-year" value={chosen} onChange={(event) => setYear(event.target.value)}>
            {years.map((option) => (
              <Select.Option key={option} value={option}>
                {option}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
      {chosen && <YearResult key={chosen} year={chosen} runnable={mayDo(session.role, 'analyseSurveyYear')} />}
      {mayDo(session.role, 'getSurveyTopicOwners') && (
        <OwnersForm writable={mayDo(session.role, 'saveSurveyTopicOwners')} />
      )}
    </PageSection>
  );
}

function YearResult({ year, runnable }: { year: string; runnable: boolean }) {
  const { t } = useLanguage();
  const y = t.yearAnalysis;
  const queryClient = useQueryClient();
  const header = organisationHeader();
  const recorded = $api.useQuery('get', '/questionnaires/{questionnaireId}/year-analyses/{year}', {
    params: { header, path: { questionnaireId: QUESTIONNAIRE_ID, year } },
  });
  const run = $api.useMutation('post', '/questionnaires/{questionnaireId}/year-analyses');
  const command = useCommand();
  const notYet = isProblem(recorded.error) && recorded.error.status === 404;

  const analyse = async () => {
    await command.run(async () => {
      await run.mutateAsync({ params: { header, path: { questionnaireId: QUESTIONNAIRE_ID } }, body: { year } });
      await queryClient.invalidateQueries({
        queryKey: ['get', '/questionnaires/{questionnaireId}/year-analyses/{year}'],
      });
      return '';
    });
  };

  return (
    <Column gap="large">
      {recorded.isPending && <Paragraph>{t.app.loading}</Paragraph>}
      {recorded.isError && !notYet && <ProblemAlert {...problemOrNetwork(recorded.error)} />}
      <ProblemAlert problem={command.problem} networkError={command.networkError} />
      {notYet && (
        <>
          <Paragraph>{y.notYet(year)}</Paragraph>
          {runnable && (
            <div>
              <Button onClick={() => void analyse()} disabled={command.busy}>
                {y.run}
              </Button>
            </div>
          )}
        </>
      )}
      {recorded.data && <AnalysisView analysis={recorded.data} />}
    </Column>
  );
}

function AnalysisView({ analysis }: { analysis: Analysis }) {
  const { t, language } = useLanguage();
  const y = t.yearAnalysis;
  const periods = analysis.periods.join(', ');
  const topic = (value: SurveyTopic) => y.topics[value];
  return (
    <>
      <Paragraph size="small">
        {y.analysedAt(new Date(analysis.analysedAt).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB'))}{' '}
        {y.basis[analysis.basis](periods)}
      </Paragraph>
      {analysis.items.length === 0 ? (
        <Paragraph>{y.none}</Paragraph>
      ) : (
        <Table data-testid="year-analysis-items">
          <TableHead caption={y.itemsCaption} columns={[y.item, y.topic, y.means]} />
          <Table.Body>
            {analysis.items.map((item) => (
              <Table.Row key={item.itemId}>
                <Table.HeaderCell scope="row">{item.text?.[language] ?? item.itemId}</Table.HeaderCell>
                <Table.Cell>{topic(item.topic)}</Table.Cell>
                <Table.Cell>
                  {item.periods.map((period) => `${period.period}: ${period.mean.toFixed(2)}`).join('; ')}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Heading level={3} size="level-4">
        {y.tasksHeading}
      </Heading>
      {analysis.tasks.length === 0 ? (
        <Paragraph>{y.noTasks}</Paragraph>
      ) : (
        <Table data-testid="year-analysis-tasks">
          <TableHead caption={y.tasksCaption} columns={[y.topic, y.owner, y.due, y.status]} />
          <Table.Body>
            {analysis.tasks.map((task) => (
              <Table.Row key={task.taskId}>
                <Table.HeaderCell scope="row">{topic(task.topic)}</Table.HeaderCell>
                <Table.Cell>{task.ownerRef}</Table.Cell>
                <Table.Cell>{task.dueOn}</Table.Cell>
                <Table.Cell>{y.statuses[task.status]}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {analysis.unassignedTopics.length > 0 && (
        <Alert severity="warning" heading={y.unassignedHeading} headingLevel={3} data-testid="year-analysis-unassigned">
          <Paragraph>{y.unassigned(analysis.unassignedTopics.map(topic).join(', '))}</Paragraph>
        </Alert>
      )}
    </>
  );
}

const ownersDraftOf = (saved: {
  owners: readonly { topic: SurveyTopic; ownerRef: string }[];
}): Partial<Record<SurveyTopic, string>> =>
  Object.fromEntries(saved.owners.map((owner) => [owner.topic, owner.ownerRef]));

/** PUT /survey-topic-owners with every filled-in field; the API checks that each person is known. */
function OwnersForm({ writable }: { writable: boolean }) {
  const { t } = useLanguage();
  const y = t.yearAnalysis;
  const { current, save, command, draft, setDraft } = useSettingsForm('/survey-topic-owners', ownersDraftOf);
  const [sent, setSent] = useState<readonly SurveyTopic[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const owners = OWNED_TOPICS.flatMap((topic) => {
      const ownerRef = draft[topic]?.trim() ?? '';
      return ownerRef === '' ? [] : [{ topic, ownerRef }];
    });
    setSent(owners.map((owner) => owner.topic));
    await command.run(async () => {
      await save({ owners });
      await current.refetch();
      return y.ownersSaved;
    });
  };
  // The API names an entry by its place in the list sent; each field shows what was said about its own entry.
  const pointerOf = (topic: SurveyTopic) => `/owners/${sent.indexOf(topic)}/ownerRef`;
  const placed = OWNED_TOPICS.filter((topic) => sent.includes(topic)).map(pointerOf);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="topic-owners-heading">
      <Column gap="small">
        <Heading level={3} size="level-4" id="topic-owners-heading">
          {y.ownersHeading}
        </Heading>
        <Paragraph size="small">{y.ownersIntro}</Paragraph>
        {current.isError && <ProblemAlert {...problemOrNetwork(current.error)} />}
        <ProblemAlert problem={command.problem} errors={command.unplaced(placed)} networkError={command.networkError} />
        {draft &&
          OWNED_TOPICS.map((topic) => (
            <TextField
              key={topic}
              form={OWNERS_FORM}
              pointer={`/${topic}`}
              label={y.ownerLabel(y.topics[topic])}
              optional
              value={draft[topic] ?? ''}
              onChange={(value) => setDraft((old) => ({ ...old, [topic]: value }))}
              error={sent.includes(topic) ? command.errorAt(pointerOf(topic)) : undefined}
            />
          ))}
        <div role="status">{command.done && <Paragraph>{command.done}</Paragraph>}</div>
        {writable && (
          <div>
            <Button type="submit" variant="secondary" disabled={command.busy || !draft}>
              {y.saveOwners}
            </Button>
          </div>
        )}
      </Column>
    </form>
  );
}
