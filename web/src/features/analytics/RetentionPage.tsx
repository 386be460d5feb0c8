import { Button, Grid, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useCallback, useState } from 'react';
import type { components } from '../../../../contracts/generated/openapi';
import { $api, fetchClient, organisationHeader } from '../../api/client';
import { problemOrNetwork } from '../../api/problems';
import { Chart, type ChartColours, FiguresTable, type PlotModule } from '../../charts/Chart';
import { ExitQuestionnaireSection } from './ExitQuestionnaireSection';
import { useLanguage } from '../../i18n/language';
import { ChoiceField } from '../../layout/ChoiceField';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { ANALYTICS_ROLES, formatShare } from './analyticsAccess';
import { COHORT_PERIODS } from '../../api/schemas';

type Schemas = components['schemas'];
type Period = Schemas['CohortRetention']['period'];
const STEPS = ['noMentorInTime', 'declinedMentor', 'escalatedTask', 'escalatedMilestone', 'lateWelcome'] as const;

/** Retention by start cohort: survival curves, cohort × team heat map, exit themes, missed steps, team signals. */
export function RetentionPage() {
  const { t, language } = useLanguage();
  const a = t.analytics;
  const session = useSignedIn();
  const full = ANALYTICS_ROLES.includes(session.role);
  const [period, setPeriod] = useState<Period>('quarter');
  const header = organisationHeader();
  const curves = $api.useQuery('get', '/analytics/retention', { params: { header, query: { period } } });
  const byTeam = $api.useQuery('get', '/analytics/retention', {
    params: { header, query: { period, groupBy: ['team'] } },
  });
  // The operation also answers CSV (format=csv); these queries ask JSON.
  const cohorts = typeof curves.data === 'object' ? curves.data : undefined;
  const teams = typeof byTeam.data === 'object' ? byTeam.data : undefined;
  const themes = $api.useQuery(
    'get',
    '/analytics/exit-themes',
    { params: { header, query: { view: 'team' } } },
    { enabled: full },
  );
  const missed = $api.useQuery('get', '/analytics/missed-steps', { params: { header, query: {} } }, { enabled: full });
  const signals = $api.useQuery(
    'get',
    '/analytics/leading-indicators',
    { params: { header, query: {} } },
    { enabled: full },
  );
  const share = (value: number | null | undefined) => formatShare(value, language, a.notYetKnown);
  const teamName = (team: string | null | undefined) => team ?? a.noTeam;
  const failure = [curves, byTeam, themes, missed, signals].find((query) => query.isError)?.error;

  const download = async () => {
    const { data } = await fetchClient.GET('/analytics/retention', {
      params: { header, query: { period, groupBy: ['team'], format: 'csv' } },
      parseAs: 'text',
    });
    if (typeof data !== 'string') return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
    link.download = `retentie-${period}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const survivalPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const points = (cohorts?.curves ?? []).flatMap((curve) =>
        curve.points.map((point) => ({ ...point, cohort: curve.cohort })),
      );
      return {
        width,
        height: 320,
        x: { label: a.days, grid: true },
        y: { label: a.stillEmployedShare, domain: [0, 1], tickFormat: '.0%', grid: true },
        color: { legend: true, range: [...colours.series] },
        marks: [
          Plot.ruleY([0], { stroke: colours.separator }),
          Plot.line(points, { x: 'day', y: 'survival', stroke: 'cohort', curve: 'step-after', strokeWidth: 2 }),
        ],
      };
    },
    [cohorts, a],
  );

  const heatPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const cells = (teams?.groups ?? []).map((group) => ({
        cohort: group.cohort,
        team: teamName(group.team),
        value: group.retention.months6,
      }));
      return {
        width,
        height: 60 + 40 * new Set(cells.map((cell) => cell.team)).size,
        marginLeft: 110,
        x: { label: a.cohort },
        y: { label: null },
        // Light colours only, from warm (few stay) to cool (most stay): the figure printed in each cell stays readable.
        color: {
          type: 'linear' as const,
          domain: [0.5, 0.75, 1],
          range: ['#f4a582', '#fff7bc', '#a6d4f2'],
          clamp: true,
          legend: true,
          label: a.retention6m,
          tickFormat: '.0%',
        },
        marks: [
          Plot.cell(cells, { x: 'cohort', y: 'team', fill: 'value', inset: 1 }),
          Plot.text(cells, {
            x: 'cohort',
            y: 'team',
            text: (cell: { value: number | null }) => (cell.value === null ? '–' : share(cell.value)),
            fill: colours.text,
          }),
        ],
      };
    },
    [teams, a, language],
  );

  const shownThemes = (themes.data?.groups ?? []).filter((group) => !group.suppressed);
  const themePlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const bars = shownThemes.flatMap((group) =>
        (group.themes ?? []).map((theme) => ({
          team: teamName(group.team),
          theme: a.themes[theme.theme],
          share: theme.count / (group.interviewed ?? 1),
        })),
      );
      return {
        width,
        height: 60 + 28 * bars.length,
        marginLeft: 150,
        x: { label: a.leaversWithTheme, domain: [0, 1], tickFormat: '.0%', grid: true },
        y: { label: null },
        fy: { label: null },
        marks: [
          Plot.barX(bars, { x: 'share', y: 'theme', fy: 'team', fill: colours.interactive, sort: { y: '-x' } }),
          Plot.ruleX([0], { stroke: colours.text }),
        ],
      };
    },
    [themes.data, a],
  );

  const missedPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const groups = [
        { label: a.leavers, group: missed.data?.leavers },
        { label: a.stayers, group: missed.data?.stayers },
      ];
      const bars = groups.flatMap(({ label, group }) =>
        group?.rates ? STEPS.map((step) => ({ step: a.steps[step], group: label, share: group.rates![step] })) : [],
      );
      return {
        width,
        height: 360,
        marginLeft: 160,
        x: { label: a.share, domain: [0, 1], tickFormat: '.0%', grid: true },
        y: { label: null, domain: [a.leavers, a.stayers] },
        fy: { label: null },
        color: { domain: [a.leavers, a.stayers], range: [colours.series[2]!, colours.interactive], legend: true },
        marks: [
          Plot.barX(bars, { x: 'share', y: 'group', fy: 'step', fill: 'group' }),
          Plot.ruleX([0], { stroke: colours.text }),
        ],
      };
    },
    [missed.data, a],
  );

  const curveRows = (cohorts?.groups ?? []).map((group) => [
    group.cohort,
    group.hires,
    group.stillEmployed,
    group.left,
    group.withdrawn,
    share(group.retention.days90),
    share(group.retention.months6),
    share(group.retention.year1),
    share(group.retention.years2),
  ]);

  return (
    <>
      <PageIntroCell title={a.title} intro={a.intro}>
        {cohorts && <Paragraph size="small">{a.asOf(cohorts.asOf)}</Paragraph>}
      </PageIntroCell>
      <Grid.Cell span={{ narrow: 4, medium: 4, wide: 4 }}>
        <ChoiceField
          id="cohort-period"
          label={a.period}
          choices={COHORT_PERIODS}
          labels={a.periods}
          value={period}
          onChange={setPeriod}
        />
      </Grid.Cell>
      <Grid.Cell span={{ narrow: 4, medium: 4, wide: 8 }}>
        <Button variant="secondary" onClick={download}>
          {a.download}
        </Button>
      </Grid.Cell>
      {failure !== undefined && (
        <Grid.Cell span="all">
          <ProblemAlert {...problemOrNetwork(failure)} />
        </Grid.Cell>
      )}
      {curves.isPending ? (
        <Grid.Cell span="all">
          <Paragraph>{t.app.loading}</Paragraph>
        </Grid.Cell>
      ) : (
        <>
          <Grid.Cell span="all">
            <Chart
              label={a.survivalTitle}
              description={a.survivalDescription}
              plot={survivalPlot}
              table={{
                columns: [
                  a.cohort,
                  a.hires,
                  a.stillEmployed,
                  a.left,
                  a.withdrawn,
                  a.retention90,
                  a.retention6m,
                  a.retention1y,
                  a.retention2y,
                ],
                rows: curveRows,
              }}
            />
          </Grid.Cell>
          <Grid.Cell span="all">
            <Chart
              label={a.heatTitle}
              description={a.heatDescription}
              plot={heatPlot}
              table={{
                columns: [a.cohort, a.team, a.hires, a.left, a.earlyLeavers, a.retention6m, a.retention1y],
                rows: (teams?.groups ?? []).map((group) => [
                  group.cohort,
                  teamName(group.team),
                  group.hires,
                  group.left,
                  group.earlyLeavers,
                  share(group.retention.months6),
                  share(group.retention.year1),
                ]),
              }}
            />
          </Grid.Cell>
        </>
      )}
      {full && themes.data && (
        <Grid.Cell span="all">
          {shownThemes.length === 0 ? (
            <section aria-labelledby="exit-themes">
              <Heading level={2} size="level-4" id="exit-themes">
                {a.exitTitle}
              </Heading>
              <Paragraph>{a.noExitData}</Paragraph>
            </section>
          ) : (
            <Chart
              label={a.exitTitle}
              description={a.exitDescription(themes.data.minimumGroupSize)}
              plot={themePlot}
              table={{
                columns: [a.team, a.interviewed, a.exitTheme, a.leaversWithTheme],
                rows: themes.data.groups.flatMap((group) =>
                  group.suppressed
                    ? [[teamName(group.team), a.suppressed, '', '']]
                    : (group.themes ?? []).map((theme) => [
                        teamName(group.team),
                        group.interviewed,
                        a.themes[theme.theme],
                        theme.count,
                      ]),
                ),
              }}
            />
          )}
          {themes.data.groups.some((group) => group.suppressed) && (
            <Paragraph size="small">
              {a.suppressed}:{' '}
              {themes.data.groups
                .filter((group) => group.suppressed)
                .map((group) => teamName(group.team))
                .join(', ')}
            </Paragraph>
          )}
        </Grid.Cell>
      )}
      {full && (
        <Grid.Cell span="all">
          <ExitQuestionnaireSection />
        </Grid.Cell>
      )}
      {full && missed.data && (
        <Grid.Cell span="all">
          <Chart
            label={a.missedTitle}
            description={a.missedDescription(missed.data.noMentorAfterDays)}
            plot={missedPlot}
            table={{
              columns: [a.group, a.hires, ...STEPS.map((step) => a.steps[step])],
              rows: [
                [
                  a.leavers,
                  missed.data.leavers.size ?? a.suppressed,
                  ...STEPS.map((step) => share(missed.data.leavers.rates?.[step])),
                ],
                [
                  a.stayers,
                  missed.data.stayers.size ?? a.suppressed,
                  ...STEPS.map((step) => share(missed.data.stayers.rates?.[step])),
                ],
              ],
            }}
          />
        </Grid.Cell>
      )}
      {full && signals.data && (
        <Grid.Cell span="all">
          <section aria-labelledby="team-signals">
            <Heading level={2} size="level-4" id="team-signals">
              {a.indicatorsTitle}
            </Heading>
            <Paragraph>{a.indicatorsIntro}</Paragraph>
            <FiguresTable
              table={{
                columns: [
                  a.team,
                  a.hires,
                  a.withoutMentor,
                  a.overdue,
                  a.escalated,
                  a.missedCheckIns(signals.data.checkInWithinDays),
                ],
                rows: signals.data.teams.map((team) => [
                  teamName(team.team),
                  team.hires,
                  team.withoutMentor,
                  team.overdue,
                  team.escalated,
                  team.missedCheckIns,
                ]),
              }}
            />
          </section>
        </Grid.Cell>
      )}
    </>
  );
}
