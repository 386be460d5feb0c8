import { Button, Grid, Paragraph, Table } from '@amsterdam/design-system-react';
import type { FormEvent } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { problemOrNetwork } from '../../api/problems';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { mayDo } from '../../session/permissions';
import { useSignedIn } from '../../session/session';
import { TextField } from '../setup/fields';
import { TableHead } from '../../layout/TableHead';
import { HeadedForm } from '../../layout/HeadedForm';
import { PageSection } from '../../layout/PageSection';
import { useSettingsForm } from '../setup/useSettingsForm';

const FORM = 'nudge-thresholds';
const POINTERS = ['/withoutMentor', '/overdue', '/noMentorAfterDays'];
type Draft = Record<'withoutMentor' | 'overdue' | 'noMentorAfterDays', string>;

/**
 * Team nudges (issue #13): which teams crossed a threshold and were nudged, and when they fell under it again —
 * per team, never per person; and the organisation's thresholds, which HR sets. The API decides, the page shows.
 */
export function TeamNudgesPage() {
  const { t } = useLanguage();
  const n = t.teamNudges;
  const session = useSignedIn();
  const header = organisationHeader();
  const nudges = $api.useQuery('get', '/analytics/team-nudges', { params: { header } });
  const readsThresholds = mayDo(session.role, 'getTeamNudgeThresholds');
  return (
    <>
      <PageIntroCell title={n.title} intro={n.intro} gap="small" />
      <Grid.Cell span="all">
        <PageSection id="team-nudges-heading" heading={n.listHeading} gap="small">
          {nudges.isPending && <Paragraph>{t.app.loading}</Paragraph>}
          {nudges.isError && <ProblemAlert {...problemOrNetwork(nudges.error)} />}
          {nudges.data && nudges.data.nudges.length === 0 && <Paragraph>{n.none}</Paragraph>}
          {nudges.data && nudges.data.nudges.length > 0 && (
            <Table data-testid="team-nudges">
              <TableHead
                caption={n.caption}
                columns={[n.checkedOn, n.team, n.indicator, n.what, n.count, n.threshold]}
              />
              <Table.Body>
                {nudges.data.nudges.map((nudge) => (
                  <Table.Row key={`${nudge.team}/${nudge.indicator}/${nudge.crossing}/${nudge.kind}`}>
                    <Table.Cell>{nudge.checkedOn}</Table.Cell>
                    <Table.Cell>{nudge.team}</Table.Cell>
                    <Table.Cell>{n.indicators[nudge.indicator]}</Table.Cell>
                    <Table.Cell>{n.kinds[nudge.kind]}</Table.Cell>
                    <Table.Cell>{nudge.count}</Table.Cell>
                    <Table.Cell>{nudge.threshold ?? '–'}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </PageSection>
      </Grid.Cell>
      {readsThresholds && <ThresholdsForm writable={mayDo(session.role, 'saveTeamNudgeThresholds')} />}
    </>
  );
}

const thresholdsDraftOf = (saved: Record<keyof Draft, number>): Draft => ({
  withoutMentor: String(saved.withoutMentor),
  overdue: String(saved.overdue),
  noMentorAfterDays: String(saved.noMentorAfterDays),
});

function ThresholdsForm({ writable }: { writable: boolean }) {
  const { t } = useLanguage();
  const n = t.teamNudges;
  const { current, save, command, draft, setDraft } = useSettingsForm('/team-nudge-thresholds', thresholdsDraftOf);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!current.data || !draft) return;
    const version = current.data.version + 1;
    await command.run(async () => {
      // What was typed goes as typed: the API says what is wrong with it, per field.
      const asNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.trim()));
      const answer = await save({
        version,
        withoutMentor: asNumber(draft.withoutMentor),
        overdue: asNumber(draft.overdue),
        noMentorAfterDays: asNumber(draft.noMentorAfterDays),
      });
      await current.refetch();
      return n.saved(answer.version);
    });
  };
  const field = (key: keyof Draft, label: string, hint: string) => (
    <TextField
      form={FORM}
      pointer={`/${key}`}
      label={label}
      hint={hint}
      type="number"
      value={draft?.[key] ?? ''}
      onChange={(value) => setDraft((old) => ({ ...(old as Draft), [key]: value }))}
      error={command.errorAt(`/${key}`)}
    />
  );
  return (
    <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
      <HeadedForm headingId="nudge-thresholds-heading" heading={n.thresholdsHeading} onSubmit={submit}>
        {current.isError && <ProblemAlert {...problemOrNetwork(current.error)} />}
        {current.data && (
          <Paragraph size="small">
            {current.data.version === 0 ? n.defaults : n.version(current.data.version)}
          </Paragraph>
        )}
        <ProblemAlert
          problem={command.problem}
          errors={command.unplaced(POINTERS)}
          networkError={command.networkError}
        />
        {draft && (
          <>
            {field('withoutMentor', n.withoutMentorLabel, n.withoutMentorHint)}
            {field('noMentorAfterDays', n.afterDaysLabel, n.afterDaysHint)}
            {field('overdue', n.overdueLabel, n.overdueHint)}
          </>
        )}
        <div role="status">{command.done && <Paragraph>{command.done}</Paragraph>}</div>
        {writable && (
          <Button type="submit" disabled={command.busy || !draft}>
            {n.save}
          </Button>
        )}
      </HeadedForm>
    </Grid.Cell>
  );
}
