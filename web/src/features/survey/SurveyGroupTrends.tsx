import { Column, Heading, Paragraph, Table } from '@amsterdam/design-system-react';
import { useCallback, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import type { SurveyTrends } from '../../api/schemas';
import { Chart, type ChartColours, type PlotModule } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';
import { problemOrNetwork } from '../../api/problems';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { type SurveyDimension, SurveyDimensionSelect } from './SurveyDimensionSelect';

type Period = SurveyTrends['waves'][number];

const enpsOf = (period: Period): number | undefined => period.items?.find((item) => item.kind === 'enps')?.enps;

/**
 * The trends per group of one dimension, as the API shows them (`groupBy`): a group's hidden waves and years stay
 * hidden here, with the reason, and the chart draws only the figures the API gave.
 */
export function SurveyGroupTrends({ questionnaireId }: { questionnaireId: string }) {
  const { t, language } = useLanguage();
  const [dimension, setDimension] = useState<SurveyDimension>('team');
  const trends = $api.useQuery('get', '/questionnaires/{questionnaireId}/trends', {
    params: { header: organisationHeader(), path: { questionnaireId }, query: { groupBy: dimension } },
  });
  const groups = trends.data?.groups ?? [];
  const dimensionName = t.surveyReport.dimensions[dimension].toLowerCase();
  const points = groups.flatMap((group) =>
    group.waves.flatMap((wave) => {
      const enps = enpsOf(wave);
      return enps === undefined ? [] : [{ group: group.value, period: wave.period, enps }];
    }),
  );
  const enpsPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => ({
      width,
      height: 260,
      x: {
        type: 'point' as const,
        label: t.surveyReport.trendsWave,
        domain: (trends.data?.waves ?? []).map((wave) => wave.period),
      },
      y: { domain: [-100, 100], label: 'eNPS', grid: true },
      color: { legend: true, range: [...colours.series] },
      marks: [
        Plot.ruleY([0], { stroke: colours.separator }),
        Plot.line(points, { x: 'period', y: 'enps', stroke: 'group' }),
        Plot.dot(points, { x: 'period', y: 'enps', fill: 'group' }),
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the trends or the language change
    [trends.data, language],
  );
  const hidden = (period: Period) => t.surveyReport.trendHidden[period.suppressed ?? 'below-minimum'];
  const cell = (period: Period) =>
    period.responses === undefined || !period.items
      ? hidden(period)
      : t.surveyReport.groupTrendsCell(period.responses, enpsOf(period));
  // The organisation's periods are the columns; a group's own list may lack a period nobody of it answered in.
  const periodNames = [...(trends.data?.waves ?? []), ...(trends.data?.years ?? [])].map((period) => period.period);

  return (
    <Column gap="small" data-testid="survey-group-trends-section">
      <Heading level={3} size="level-4">
        {t.surveyReport.groupTrendsHeading}
      </Heading>
      <Paragraph>{t.surveyReport.groupTrendsIntro(trends.data?.minimumGroupSize ?? 5)}</Paragraph>
      <SurveyDimensionSelect
        id="survey-trend-dimension"
        label={t.surveyReport.groupTrendsBy}
        value={dimension}
        onChange={setDimension}
      />
      {trends.isError && <ProblemAlert {...problemOrNetwork(trends.error)} />}
      {points.length > 0 && (
        <Chart
          label={t.surveyReport.groupTrendsEnpsLabel(dimensionName)}
          plot={enpsPlot}
          table={{
            columns: [t.surveyReport.dimensions[dimension], t.surveyReport.trendsWave, 'eNPS'],
            rows: points.map((point) => [point.group, point.period, point.enps]),
          }}
        />
      )}
      {trends.data && groups.length === 0 && <Paragraph>{t.surveyReport.groupTrendsNone}</Paragraph>}
      {groups.length > 0 && (
        <Table data-testid="survey-group-trends">
          <Table.Caption>{t.surveyReport.groupTrendsCaption(dimensionName)}</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">{t.surveyReport.dimensions[dimension]}</Table.HeaderCell>
              {periodNames.map((name) => (
                <Table.HeaderCell scope="col" key={name}>
                  {name}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {groups.map((group) => (
              <Table.Row key={group.value}>
                <Table.HeaderCell scope="row">{group.value}</Table.HeaderCell>
                {periodNames.map((name) => {
                  const period = [...group.waves, ...group.years].find((entry) => entry.period === name);
                  return <Table.Cell key={name}>{period ? cell(period) : '–'}</Table.Cell>;
                })}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Column>
  );
}
