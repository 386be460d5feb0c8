import { useCallback } from 'react';
import type { JourneyStage } from '../../api/schemas';
import { Chart, type ChartColours, type PlotModule } from '../../charts/Chart';
import { useLanguage } from '../../i18n/language';
import { JOURNEY_STAGES } from './hireFilters';

/**
 * The hires of the chosen filters by stage, as a funnel: one bar per stage in the order a journey goes through
 * them, centred so the narrowing shows, with the count at the end of each bar.
 */
export function StageFunnel({ counts }: { counts: Record<JourneyStage, number> }) {
  const { t } = useLanguage();
  const total = JOURNEY_STAGES.reduce((sum, stage) => sum + counts[stage], 0);
  // The chart redraws only when the figures or the language change, not on every refresh of the list.
  const figures = JOURNEY_STAGES.map((stage) => counts[stage]).join(',');
  const plot = useCallback(
    (Plot: PlotModule, colours: ChartColours, width: number) => {
      const rows = JOURNEY_STAGES.map((stage) => ({ stage: t.stages[stage], count: counts[stage] }));
      const widest = Math.max(1, ...rows.map((row) => row.count));
      return {
        width,
        height: 40 * rows.length + 20,
        marginLeft: 150,
        marginRight: 48,
        x: { axis: null, domain: [-widest / 2, widest / 2] },
        y: { domain: rows.map((row) => row.stage), label: null, tickSize: 0 },
        marks: [
          Plot.barX(rows, {
            y: 'stage',
            x1: (row: { count: number }) => -row.count / 2,
            x2: (row: { count: number }) => row.count / 2,
            fill: colours.interactive,
            insetTop: 4,
            insetBottom: 4,
          }),
          Plot.text(rows, {
            y: 'stage',
            x: (row: { count: number }) => row.count / 2,
            text: (row: { count: number }) => String(row.count),
            dx: 6,
            textAnchor: 'start',
            fill: colours.text,
          }),
          Plot.ruleX([0], { stroke: colours.separator }),
        ],
      };
    },
    // `figures` stands for `counts`, whose object is new on every refresh.
    [figures, t],
  );
  return (
    <Chart
      label={t.funnel.label}
      description={t.funnel.description(total)}
      plot={plot}
      table={{
        columns: [t.funnel.stage, t.funnel.count],
        rows: JOURNEY_STAGES.map((stage) => [t.stages[stage], counts[stage]]),
      }}
    />
  );
}
