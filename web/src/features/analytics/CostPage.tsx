import { Field, Grid, Heading, Label, Paragraph, Table, TextInput } from '@amsterdam/design-system-react';
import { useCallback, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { problemOrNetwork } from '../../api/problems';
import { Chart, type ChartColours, type PlotModule } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { formatEuros, formatShare } from './analyticsAccess';
import { boundValue } from '../../layout/boundValue';

/** The rekentool's breakdown per hire and what early leaving costs; the API computes, the page shows. */
export function CostPage() {
  const { t, language } = useLanguage();
  const a = t.analytics;
  const [targetPercent, setTargetPercent] = useState('3');
  const target = Number(targetPercent.replace(',', '.'));
  const targetRate = Number.isFinite(target) && target >= 0 && target <= 100 ? target / 100 : 0.03;
  const cost = $api.useQuery('get', '/analytics/cost', {
    params: { header: organisationHeader(), query: { targetRate } },
  });
  const euros = (value: number) => formatEuros(value, language);
  const data = cost.data;

  const breakdownPlot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const bars = (data?.perHire.categories ?? []).map((category) => ({
        category: a.categories[category.category],
        euros: category.euros,
      }));
      return {
        width,
        height: 220,
        marginLeft: 110,
        marginRight: 90,
        x: { label: a.amount, grid: true, ticks: 5, tickFormat: (value: number) => formatEuros(value, language) },
        y: { label: null, domain: bars.map((bar) => bar.category) },
        marks: [
          Plot.barX(bars, { x: 'euros', y: 'category', fill: colours.interactive }),
          Plot.text(bars, {
            x: 'euros',
            y: 'category',
            text: (bar: { euros: number }) => formatEuros(bar.euros, language),
            dx: 6,
            textAnchor: 'start',
            fill: colours.text,
          }),
          Plot.ruleX([0], { stroke: colours.text }),
        ],
      };
    },
    [data, a, language],
  );

  return (
    <>
      <PageIntroCell title={a.costTitle} intro={a.costIntro}>
        {data && (
          <Paragraph size="small">
            {data.settingsVersion === 0
              ? a.noSettings
              : `${a.settingsVersion(data.settingsVersion)} · ${a.asOf(data.asOf)}`}
          </Paragraph>
        )}
      </PageIntroCell>
      {cost.isError && (
        <Grid.Cell span="all">
          <ProblemAlert {...problemOrNetwork(cost.error)} />
        </Grid.Cell>
      )}
      {data && (
        <>
          <Grid.Cell span="all">
            <Chart
              label={a.breakdownTitle}
              description={`${a.total}: ${euros(data.perHire.euros)}`}
              plot={breakdownPlot}
              table={{
                columns: [a.category, a.line, a.hoursCol, a.rateCol, a.oopCol, a.amount],
                rows: data.perHire.categories.flatMap((category) => [
                  ...category.lines.map((line) => [
                    a.categories[category.category],
                    line.label,
                    line.hours,
                    euros(line.hourlyRate),
                    euros(line.outOfPocket),
                    euros(line.euros),
                  ]),
                  [a.categories[category.category], a.total, '', '', '', euros(category.euros)],
                ]),
              }}
            />
          </Grid.Cell>
          <Grid.Cell span="all">
            <Heading level={2} size="level-3" id="early-leaving">
              {a.earlyTitle}
            </Heading>
          </Grid.Cell>
          <Grid.Cell span={{ narrow: 4, medium: 4, wide: 4 }}>
            <Field>
              <Label htmlFor="target-rate">{a.target}</Label>
              <Paragraph id="target-rate-hint" size="small">
                {a.targetHint}
              </Paragraph>
              <TextInput
                id="target-rate"
                inputMode="decimal"
                aria-describedby="target-rate-hint"
                {...boundValue(targetPercent, setTargetPercent)}
              />
            </Field>
          </Grid.Cell>
          <Grid.Cell span="all">
            <section aria-labelledby="early-leaving">
              <Table>
                <Table.Body>
                  {[
                    [a.hires, String(data.earlyLeaving.hires)],
                    [a.earlyLeavers, String(data.earlyLeaving.earlyLeavers)],
                    [a.earlyRate, formatShare(data.earlyLeaving.earlyLeaverRate, language, a.unknown)],
                    [a.earlyCost, euros(data.earlyLeaving.earlyLeaversEuros)],
                    [
                      a.saving(formatShare(data.earlyLeaving.targetRate, language, a.unknown)),
                      euros(data.earlyLeaving.savingAtTargetEuros),
                    ],
                    [
                      a.mentorHours,
                      a.mentorHoursValue(
                        data.earlyLeaving.mentorHoursPerHire.observed === null
                          ? a.unknown
                          : Math.round(data.earlyLeaving.mentorHoursPerHire.observed).toString(),
                        data.earlyLeaving.mentorHoursPerHire.setting === null
                          ? a.unknown
                          : String(data.earlyLeaving.mentorHoursPerHire.setting),
                      ),
                    ],
                  ].map(([label, value]) => (
                    <Table.Row key={label}>
                      <Table.HeaderCell scope="row">{label}</Table.HeaderCell>
                      <Table.Cell>{value}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </section>
          </Grid.Cell>
        </>
      )}
    </>
  );
}
