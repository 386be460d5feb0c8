import {
  Alert,
  Button,
  Column,
  DescriptionList,
  Grid,
  Heading,
  Paragraph,
  Table,
  UnorderedList,
} from '@amsterdam/design-system-react';
import { useCallback, useState } from 'react';
import { $api, fetchClient, organisationHeader } from '../../api/client';
import type { Questionnaire, SurveyReport, SurveyTrends } from '../../api/schemas';
import { Chart, type ChartColours, type PlotModule } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { problemOrNetwork } from '../../api/problems';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { OpenAnswerItem } from './OpenAnswerRedaction';
import { type SurveyDimension, SurveyDimensionSelect } from './SurveyDimensionSelect';
import { SurveyGroupTrends } from './SurveyGroupTrends';
import { SurveyWavePicker, useSurveyWaves } from './SurveyWavePicker';
import { SurveyYearAnalysis } from './SurveyYearAnalysis';
import { TableHead } from '../../layout/TableHead';
import { Fact } from '../../layout/Fact';

/**
 * HR's view of a survey wave: only what the API reports, which is figures of groups of at least k people. The page
 * shows what is hidden and why, never works anything out itself.
 */
export function SurveyReportPage() {
  const { t } = useLanguage();
  const waves = useSurveyWaves();
  const { waveId } = waves;
  return (
    <>
      <PageIntroCell title={t.surveyReport.title} intro={t.surveyReport.intro} gap="small" />
      <Grid.Cell span="all">
        <SurveyWavePicker
          id="survey-wave"
          label={t.surveyReport.wave}
          noWaves={t.surveyReport.noWaves}
          state={waves}
          optionLabel={(wave) => t.surveyReport.waveOption(wave.waveId, wave.answered, wave.invited, wave.closed)}
        />
      </Grid.Cell>
      {waveId && <WaveReport key={waveId} waveId={waveId} questionnaireId={questionnaireOf(waves, waveId)} />}
      {waves.waves.data && waves.waves.data.waves.length > 0 && <Trends />}
      {waves.waves.data && waves.waves.data.waves.length > 0 && (
        <Grid.Cell span="all">
          <SurveyYearAnalysis />
        </Grid.Cell>
      )}
    </>
  );
}

/** A wave of the 90-day survey or of a template's pulse (`pulse-30-2026-Q4`): its items are its questionnaire's. */
function questionnaireOf(waves: ReturnType<typeof useSurveyWaves>, waveId: string): string {
  return waves.waves.data?.waves.find((wave) => wave.waveId === waveId)?.questionnaireId ?? 'ninety-days';
}

function WaveReport({ waveId, questionnaireId }: { waveId: string; questionnaireId: string }) {
  const { t } = useLanguage();
  const report = $api.useQuery('get', '/survey-waves/{waveId}/report', {
    params: { header: organisationHeader(), path: { waveId } },
  });
  const questionnaire = $api.useQuery('get', '/questionnaires/{questionnaireId}', {
    params: { header: organisationHeader(), path: { questionnaireId } },
  });
  if (report.isPending || questionnaire.isPending) {
    return (
      <Grid.Cell span="all">
        <Paragraph>{t.app.loading}</Paragraph>
      </Grid.Cell>
    );
  }
  if (report.isError || questionnaire.isError) {
    return (
      <Grid.Cell span="all">
        <ProblemAlert {...problemOrNetwork(report.error ?? questionnaire.error)} />
      </Grid.Cell>
    );
  }
  return <Figures report={report.data} questionnaire={questionnaire.data} />;
}

function Figures({ report, questionnaire }: { report: SurveyReport; questionnaire: Questionnaire }) {
  const { t, language } = useLanguage();
  const [dimension, setDimension] = useState<SurveyDimension>('team');
  const textOf = (itemId: string) => questionnaire.items.find((item) => item.id === itemId)?.text[language] ?? itemId;
  const overall = report.overall;
  const enps = overall?.items.find((item) => item.kind === 'enps');
  const likert = overall?.items.filter((item) => item.kind === 'likert') ?? [];
  const groups = report.dimensions.find((entry) => entry.dimension === dimension)?.groups ?? [];
  const shownGroups = groups.filter((group) => group.figures);
  const percentage = (rate: number) => `${Math.round(rate * 100)}%`;

  const meansPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => ({
      width,
      height: Math.max(240, likert.length * 26 + 40),
      marginLeft: Math.min(420, width * 0.5),
      marginRight: 30,
      x: { domain: [1, 5], label: t.surveyReport.meanAxis, grid: true },
      // Long statements are cut to the margin; the table under the chart has them in full.
      y: {
        label: null,
        domain: likert.map((item) => textOf(item.itemId)),
        tickFormat: (text: string) => shorten(text, Math.floor(Math.min(420, width * 0.5) / 7)),
      },
      marks: [
        Plot.barX(likert, {
          x1: 1,
          x2: 'mean',
          y: (item: { itemId: string }) => textOf(item.itemId),
          fill: colours.interactive,
        }),
        Plot.ruleX([1], { stroke: colours.separator }),
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the report or the language changes
    [report, language],
  );
  const enpsPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const rows = shownGroups.map((group) => ({
        group: group.value,
        enps: group.figures!.items.find((item) => item.kind === 'enps')?.enps ?? 0,
      }));
      return {
        width,
        height: Math.max(160, rows.length * 32 + 50),
        marginLeft: 160,
        x: { domain: [-100, 100], label: 'eNPS', grid: true },
        y: { label: null },
        marks: [
          Plot.barX(rows, { x: 'enps', y: 'group', fill: colours.series[1] }),
          Plot.ruleX([0], { stroke: colours.text }),
        ],
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the report, grouping or language changes
    [report, dimension, language],
  );

  async function downloadCsv() {
    const { data } = await fetchClient.GET('/survey-waves/{waveId}/report/export', {
      params: { header: organisationHeader(), path: { waveId: report.waveId } },
      parseAs: 'text',
    });
    if (typeof data !== 'string') return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
    link.download = `${report.waveId}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <>
      <Grid.Cell span="all">
        <Column gap="large">
          <DescriptionList>
            <Fact term={t.surveyReport.invited} testId="survey-invited">
              {report.invited}
            </Fact>
            <Fact term={t.surveyReport.responses} testId="survey-responses">
              {overall ? `${overall.responses} (${percentage(overall.responseRate)})` : t.surveyReport.hidden}
            </Fact>
            <DescriptionList.Term>eNPS</DescriptionList.Term>
            <DescriptionList.Description>{enps?.enps ?? t.surveyReport.hidden}</DescriptionList.Description>
            <Fact term={t.surveyReport.minimumGroup}>{report.minimumGroupSize}</Fact>
          </DescriptionList>
          {!overall && (
            <Alert heading={t.surveyReport.nothingYetHeading} headingLevel={2} data-testid="survey-nothing-yet">
              <Paragraph>{t.surveyReport.nothingYet(report.minimumGroupSize)}</Paragraph>
            </Alert>
          )}
          {overall && (
            <Chart
              label={t.surveyReport.meansLabel}
              description={t.surveyReport.meansDescription(overall.responses)}
              plot={meansPlot}
              table={{
                columns: [t.surveyReport.item, t.surveyReport.mean, t.surveyReport.answers],
                rows: likert.map((item) => [textOf(item.itemId), item.mean.toFixed(2), item.responses]),
              }}
            />
          )}
          {overall && (
            <div>
              <Button variant="secondary" onClick={() => void downloadCsv()}>
                {t.surveyReport.downloadCsv}
              </Button>
            </div>
          )}
        </Column>
      </Grid.Cell>
      {overall && (
        <Grid.Cell span="all">
          <Column gap="large">
            <Heading level={2} size="level-3">
              {t.surveyReport.groupsHeading}
            </Heading>
            <SurveyDimensionSelect
              id="survey-dimension"
              label={t.surveyReport.groupBy}
              value={dimension}
              onChange={setDimension}
            />
            <Table data-testid="survey-groups">
              <TableHead
                caption={t.surveyReport.groupsCaption(t.surveyReport.dimensions[dimension])}
                columns={[t.surveyReport.group, t.surveyReport.invited, t.surveyReport.responses, 'eNPS']}
              />
              <Table.Body>
                {groups.map((group) => (
                  <Table.Row key={group.value}>
                    <Table.Cell>{group.value}</Table.Cell>
                    <Table.Cell>{group.invited}</Table.Cell>
                    <Table.Cell>
                      {group.figures
                        ? `${group.figures.responses} (${percentage(group.figures.responseRate)})`
                        : t.surveyReport.suppressed[group.suppressed ?? 'below-minimum']}
                    </Table.Cell>
                    <Table.Cell>
                      {group.figures ? (group.figures.items.find((item) => item.kind === 'enps')?.enps ?? '') : '–'}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            {shownGroups.length > 0 && (
              <Chart
                label={t.surveyReport.enpsLabel(t.surveyReport.dimensions[dimension])}
                plot={enpsPlot}
                table={{
                  columns: [t.surveyReport.group, 'eNPS'],
                  rows: shownGroups.map((group) => [
                    group.value,
                    group.figures!.items.find((item) => item.kind === 'enps')?.enps ?? '',
                  ]),
                }}
              />
            )}
          </Column>
        </Grid.Cell>
      )}
      {report.openAnswers.some((open) => open.answers.length > 0) && (
        <Grid.Cell span="all">
          <Column gap="small">
            <Heading level={2} size="level-3">
              {t.surveyReport.openHeading}
            </Heading>
            <Alert severity="warning" heading={t.surveyReport.openWarningHeading} headingLevel={3}>
              <Paragraph>{t.surveyReport.openWarning}</Paragraph>
            </Alert>
            {report.openAnswers
              .filter((open) => open.answers.length > 0)
              .map((open) => (
                <section key={open.itemId} aria-label={textOf(open.itemId)}>
                  <Heading level={3} size="level-4">
                    {textOf(open.itemId)}
                  </Heading>
                  <UnorderedList>
                    {open.answers.map((answer) => (
                      <UnorderedList.Item key={answer.answerId}>
                        <OpenAnswerItem waveId={report.waveId} answer={answer} />
                      </UnorderedList.Item>
                    ))}
                  </UnorderedList>
                </section>
              ))}
          </Column>
        </Grid.Cell>
      )}
    </>
  );
}

/** Item means and eNPS wave by wave and year by year, as the API shows them: hidden periods stay hidden here. */
function Trends() {
  const { t, language } = useLanguage();
  const trends = $api.useQuery('get', '/questionnaires/{questionnaireId}/trends', {
    params: { header: organisationHeader(), path: { questionnaireId: 'ninety-days' } },
  });
  const questionnaire = $api.useQuery('get', '/questionnaires/{questionnaireId}', {
    params: { header: organisationHeader(), path: { questionnaireId: 'ninety-days' } },
  });
  const data = trends.data;
  const rows = (data?.waves ?? []).flatMap((wave) => {
    const enps = wave.items?.find((item) => item.kind === 'enps')?.enps;
    return enps === undefined ? [] : [{ period: wave.period, enps }];
  });
  const enpsPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => ({
      width,
      height: 240,
      x: { type: 'point' as const, label: t.surveyReport.trendsWave, domain: rows.map((row) => row.period) },
      y: { domain: [-100, 100], label: 'eNPS', grid: true },
      marks: [
        Plot.ruleY([0], { stroke: colours.separator }),
        Plot.line(rows, { x: 'period', y: 'enps', stroke: colours.interactive }),
        Plot.dot(rows, { x: 'period', y: 'enps', fill: colours.interactive }),
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the trends or the language change
    [data, language],
  );
  if (trends.isError)
    return (
      <Grid.Cell span="all">
        <ProblemAlert {...problemOrNetwork(trends.error)} />
      </Grid.Cell>
    );
  if (!data || !questionnaire.data) return null;
  const periods = [...data.waves, ...data.years];
  const textOf = (itemId: string) =>
    questionnaire.data.items.find((item) => item.id === itemId)?.text[language] ?? itemId;
  const itemIds = questionnaire.data.items.filter((item) => item.kind !== 'open').map((item) => item.id);
  const cell = (period: SurveyTrends['waves'][number], itemId: string) => {
    if (!period.items) return t.surveyReport.trendHidden[period.suppressed ?? 'below-minimum'];
    const item = period.items.find((entry) => entry.itemId === itemId);
    if (!item) return '–';
    return item.kind === 'enps' ? String(item.enps ?? '') : item.mean.toFixed(2);
  };

  async function downloadCsv() {
    const { data: csv } = await fetchClient.GET('/questionnaires/{questionnaireId}/trends/export', {
      params: { header: organisationHeader(), path: { questionnaireId: 'ninety-days' } },
      parseAs: 'text',
    });
    if (typeof csv !== 'string') return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = 'ninety-days-trends.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <Grid.Cell span="all">
      <Column gap="large">
        <Heading level={2} size="level-3">
          {t.surveyReport.trendsHeading}
        </Heading>
        <Paragraph>{t.surveyReport.trendsIntro(data.minimumGroupSize)}</Paragraph>
        {rows.length > 0 && (
          <Chart
            label={t.surveyReport.trendsEnpsLabel}
            plot={enpsPlot}
            table={{ columns: [t.surveyReport.trendsWave, 'eNPS'], rows: rows.map((row) => [row.period, row.enps]) }}
          />
        )}
        <Table data-testid="survey-trends">
          <Table.Caption>{t.surveyReport.trendsCaption}</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">{t.surveyReport.item}</Table.HeaderCell>
              {periods.map((period) => (
                <Table.HeaderCell scope="col" key={period.period}>
                  {period.period}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            <Table.Row>
              <Table.HeaderCell scope="row">{t.surveyReport.answers}</Table.HeaderCell>
              {periods.map((period) => (
                <Table.Cell key={period.period}>
                  {period.responses ?? t.surveyReport.trendHidden[period.suppressed ?? 'below-minimum']}
                </Table.Cell>
              ))}
            </Table.Row>
            {itemIds.map((itemId) => (
              <Table.Row key={itemId}>
                <Table.HeaderCell scope="row">{textOf(itemId)}</Table.HeaderCell>
                {periods.map((period) => (
                  <Table.Cell key={period.period}>{cell(period, itemId)}</Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <div>
          <Button variant="secondary" onClick={() => void downloadCsv()}>
            {t.surveyReport.trendsCsv}
          </Button>
        </div>
        <SurveyGroupTrends questionnaireId="ninety-days" />
      </Column>
    </Grid.Cell>
  );
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, Math.max(1, length - 1)).trimEnd()}…`;
}
