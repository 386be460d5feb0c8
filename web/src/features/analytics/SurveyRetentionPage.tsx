import { Column, Grid, Heading, Paragraph, Table } from '@amsterdam/design-system-react';
import { useCallback, useState } from 'react';
import type { components } from '../../../../contracts/generated/openapi';
import { $api, organisationHeader } from '../../api/client';
import { problemOrNetwork } from '../../api/problems';
import { Chart, type ChartColours, type PlotModule } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { type SurveyDimension, SurveyDimensionSelect } from '../survey/SurveyDimensionSelect';
import { SurveyWavePicker, useSurveyWaves } from '../survey/SurveyWavePicker';
import { formatShare } from './analyticsAccess';
import { SurveyRetentionCsvLink } from './SurveyRetentionCsvLink';
import { TableHead } from '../../layout/TableHead';

type View = components['schemas']['SurveyBesideRetention'];

/**
 * The 90-day survey beside retention (issue #13): per group the survey's report shows, its item scores next to
 * whether its hires stayed. Hidden groups are named with the survey's reason and no figures; the page derives nothing.
 */
export function SurveyRetentionPage() {
  const { t } = useLanguage();
  const s = t.surveyRetention;
  const waves = useSurveyWaves();
  const { waveId } = waves;
  return (
    <>
      <PageIntroCell title={s.title} intro={s.intro} gap="small" />
      <Grid.Cell span="all">
        <SurveyWavePicker id="survey-retention-wave" label={s.wave} noWaves={s.noWaves} state={waves} />
      </Grid.Cell>
      {waveId && <WaveBesideRetention key={waveId} waveId={waveId} />}
      {waveId && (
        <Grid.Cell span="all">
          <SurveyRetentionCsvLink waveId={waveId} />
        </Grid.Cell>
      )}
    </>
  );
}

function WaveBesideRetention({ waveId }: { waveId: string }) {
  const { t } = useLanguage();
  const view = $api.useQuery('get', '/analytics/survey-retention', {
    params: { header: organisationHeader(), query: { waveId } },
  });
  const questionnaireId = view.data?.questionnaireId;
  const questionnaire = $api.useQuery(
    'get',
    '/questionnaires/{questionnaireId}',
    { params: { header: organisationHeader(), path: { questionnaireId: questionnaireId ?? '-' } } },
    { enabled: questionnaireId !== undefined },
  );
  const failure = view.error ?? questionnaire.error;
  if (failure)
    return (
      <Grid.Cell span="all">
        <ProblemAlert {...problemOrNetwork(failure)} />
      </Grid.Cell>
    );
  if (!view.data || !questionnaire.data) {
    return (
      <Grid.Cell span="all">
        <Paragraph>{t.app.loading}</Paragraph>
      </Grid.Cell>
    );
  }
  return (
    <Groups
      view={view.data}
      itemText={(itemId) =>
        questionnaire.data.items.find((item) => item.id === itemId)?.text ?? { nl: itemId, en: itemId }
      }
    />
  );
}

function Groups({ view, itemText }: { view: View; itemText: (itemId: string) => { nl: string; en: string } }) {
  const { t, language } = useLanguage();
  const s = t.surveyRetention;
  const [dimension, setDimension] = useState<SurveyDimension>('team');
  const groups = view.groups.filter((group) => group.dimension === dimension);
  const shown = groups.filter((group) => group.survey && group.retention);
  const share = (value: number | null | undefined) => formatShare(value, language, s.notYetKnown);
  const score = (value: number | null | undefined) =>
    value === null || value === undefined
      ? '–'
      : new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(value);
  const likertMean = (group: View['groups'][number]) => {
    const items = group.survey?.items.filter((item) => item.kind === 'likert' && item.responses > 0) ?? [];
    return items.length === 0 ? null : items.reduce((sum, item) => sum + item.mean, 0) / items.length;
  };
  const itemIds = [
    ...new Set(
      shown.flatMap((group) => group.survey!.items.filter((item) => item.kind === 'likert').map((item) => item.itemId)),
    ),
  ];

  // A year of retention where every shown group has been followed that long, else 90 days (recent waves).
  const horizon: 'year1' | 'days90' =
    shown.length > 0 && shown.every((group) => group.retention!.retention.year1 !== null) ? 'year1' : 'days90';
  const horizonLabel = horizon === 'year1' ? s.retention1y : s.retention90;
  const plot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const byPoint = new Map<string, { score: number; stayed: number; groups: string[] }>();
      for (const group of shown) {
        const point = { score: likertMean(group), stayed: group.retention!.retention[horizon] };
        if (point.score === null || point.stayed === null) continue;
        // Groups on the same spot share one label, so no name is drawn over another.
        const key = `${point.score}/${point.stayed}`;
        const entry = byPoint.get(key) ?? { score: point.score, stayed: point.stayed, groups: [] };
        entry.groups.push(group.value);
        byPoint.set(key, entry);
      }
      const points = [...byPoint.values()].map((point) => ({ ...point, label: point.groups.join(', ') }));
      return {
        width,
        height: 320,
        marginRight: 40,
        inset: 12,
        x: { domain: [1, 5], label: s.scoreAxis, grid: true },
        y: { domain: [0, 1], label: horizonLabel, tickFormat: '.0%', grid: true },
        marks: [
          Plot.dot(points, { x: 'score', y: 'stayed', r: 6, fill: colours.interactive }),
          // Names near an edge of the scale run inwards, so none is cut off.
          ...(['start', 'middle', 'end'] as const).map((textAnchor) =>
            Plot.text(
              points.filter((point) => (point.score > 4 ? 'end' : point.score < 2 ? 'start' : 'middle') === textAnchor),
              { x: 'score', y: 'stayed', text: 'label', dy: 14, lineAnchor: 'top', fill: colours.text, textAnchor },
            ),
          ),
        ],
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the figures, grouping or language change
    [view, dimension, language],
  );

  return (
    <Grid.Cell span="all">
      <Column gap="large">
        <Paragraph>{s.cohorts(view.startQuarters, view.minimumGroupSize)}</Paragraph>
        <SurveyDimensionSelect
          id="survey-retention-dimension"
          label={s.groupBy}
          value={dimension}
          onChange={setDimension}
        />
        <Table data-testid="survey-retention-groups">
          <TableHead
            caption={s.caption(t.surveyReport.dimensions[dimension])}
            columns={[s.group, s.answers, s.meanScore, 'eNPS', s.hires, s.left, s.retention90, s.retention1y]}
          />
          <Table.Body>
            {groups.map((group) =>
              group.survey && group.retention ? (
                <Table.Row key={group.value}>
                  <Table.Cell>{group.value}</Table.Cell>
                  <Table.Cell>{group.survey.responses}</Table.Cell>
                  <Table.Cell>{score(likertMean(group))}</Table.Cell>
                  <Table.Cell>{group.survey.items.find((item) => item.kind === 'enps')?.enps ?? '–'}</Table.Cell>
                  <Table.Cell>{group.retention.hires}</Table.Cell>
                  <Table.Cell>{group.retention.left}</Table.Cell>
                  <Table.Cell>{share(group.retention.retention.days90)}</Table.Cell>
                  <Table.Cell>{share(group.retention.retention.year1)}</Table.Cell>
                </Table.Row>
              ) : (
                <Table.Row key={group.value}>
                  <Table.Cell>{group.value}</Table.Cell>
                  <Table.Cell colSpan={7}>{t.surveyReport.suppressed[group.suppressed ?? 'below-minimum']}</Table.Cell>
                </Table.Row>
              ),
            )}
          </Table.Body>
        </Table>
        {shown.length > 0 && (
          <Chart
            label={s.chartLabel(t.surveyReport.dimensions[dimension], horizonLabel)}
            description={s.chartDescription}
            plot={plot}
            table={{
              columns: [s.group, s.meanScore, horizonLabel],
              rows: shown.map((group) => [
                group.value,
                score(likertMean(group)),
                share(group.retention!.retention[horizon]),
              ]),
            }}
          />
        )}
        {shown.length > 0 && (
          <>
            <Heading level={2} size="level-3">
              {s.itemsHeading}
            </Heading>
            <Table data-testid="survey-retention-items">
              <Table.Caption>{s.itemsCaption(t.surveyReport.dimensions[dimension])}</Table.Caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{s.item}</Table.HeaderCell>
                  {shown.map((group) => (
                    <Table.HeaderCell key={group.value} scope="col">
                      {group.value}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {itemIds.map((itemId) => (
                  <Table.Row key={itemId}>
                    <Table.HeaderCell scope="row">{itemText(itemId)[language]}</Table.HeaderCell>
                    {shown.map((group) => (
                      <Table.Cell key={group.value}>
                        {score(group.survey!.items.find((item) => item.itemId === itemId)?.mean)}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </>
        )}
      </Column>
    </Grid.Cell>
  );
}
