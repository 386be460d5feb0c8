import type { GroupFigures, SurveyReport } from '../../workflows/domain/surveyReport';
import type { GroupTrend } from '../../workflows/domain/surveyGroupTrends';
import type { SurveyTrends } from '../../workflows/domain/surveyTrends';
import { csvField } from '../audit/historyRecords';

const HEADER = [
  'wave',
  'dimension',
  'group',
  'invited',
  'responses',
  'response_rate',
  'item',
  'mean',
  'enps',
  'distribution',
];

/** The report's aggregates, one row per shown group and item; hidden groups appear with their invitations only. */
export function surveyReportCsv(report: SurveyReport): string {
  const rows: string[][] = [HEADER];
  const figureRows = (
    dimension: string,
    group: string,
    invited: number,
    figures: (GroupFigures & { responseRate: number }) | undefined,
  ) => {
    if (!figures) return void rows.push([report.waveId, dimension, group, String(invited), '', '', '', '', '', '']);
    for (const item of figures.items) {
      rows.push([
        report.waveId,
        dimension,
        group,
        String(invited),
        String(figures.responses),
        figures.responseRate.toFixed(3),
        item.itemId,
        String(item.mean),
        item.enps === undefined ? '' : String(item.enps),
        item.distribution.join(' '),
      ]);
    }
  };
  figureRows('wave', 'all', report.invited, report.overall);
  for (const { dimension, groups } of report.dimensions)
    for (const group of groups) figureRows(dimension, group.value, group.invited, group.figures);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const TREND_HEADER = [
  'questionnaire',
  'period_kind',
  'period',
  'responses',
  'suppressed',
  'item',
  'item_responses',
  'mean',
  'enps',
];

/**
 * The trends' aggregates, one row per shown period and item; hidden periods appear with why, without figures. With
 * groups, two more columns say whose figures a row holds: the organisation's rows first, then each group's.
 */
export function surveyTrendsCsv(trends: SurveyTrends & { groupBy?: string; groups?: readonly GroupTrend[] }): string {
  const grouped = trends.groups !== undefined;
  const rows: string[][] = [
    grouped ? [TREND_HEADER[0]!, 'dimension', 'group', ...TREND_HEADER.slice(1)] : TREND_HEADER,
  ];
  const periodRows = (kind: 'wave' | 'year', periods: SurveyTrends['waves'], whose: string[]) => {
    const row = (fields: string[]) => rows.push([fields[0]!, ...(grouped ? whose : []), ...fields.slice(1)]);
    for (const period of periods) {
      if (period.responses === undefined || !period.items) {
        row([trends.questionnaireId, kind, period.period, '', period.suppressed ?? '', '', '', '', '']);
        continue;
      }
      for (const item of period.items) {
        row([
          trends.questionnaireId,
          kind,
          period.period,
          String(period.responses),
          '',
          item.itemId,
          String(item.responses),
          String(item.mean),
          item.enps === undefined ? '' : String(item.enps),
        ]);
      }
    }
  };
  periodRows('wave', trends.waves, ['organisation', 'all']);
  periodRows('year', trends.years, ['organisation', 'all']);
  for (const group of trends.groups ?? []) {
    periodRows('wave', group.waves, [trends.groupBy ?? '', group.value]);
    periodRows('year', group.years, [trends.groupBy ?? '', group.value]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
