/**
 * Issue #13's "survey beside retention": per group of a wave's survey report, its item scores next to whether
 * that group's hires stayed. Which groups may be shown is the survey report's decision (surveyReport.ts, k and
 * complementary suppression) and only that: a group it hides gets no figures here either, so this view cannot
 * show anything the report does not. The two sides meet per group, never per person (answers stay unlinkable).
 */
import type { IsoDate } from '../../workflows/domain/calendar';
import { type RetentionSummary, summariseRetention } from '../../workflows/domain/retention';
import { NOT_GIVEN, type SurveyDimension, surveyGroupOf } from '../../workflows/domain/surveyGroups';
import type { GroupFigures, SurveyReport } from '../../workflows/domain/surveyReport';
import type { RetentionRow } from '../projections/retentionProjection';

export interface SurveyRetentionGroup {
  readonly dimension: SurveyDimension;
  readonly value: string;
  readonly survey?: GroupFigures & { readonly responseRate: number };
  readonly retention?: {
    hires: number;
    stillEmployed: number;
    left: number;
    earlyLeavers: number;
    retention: RetentionSummary['retention'];
  };
  readonly suppressed?: 'below-minimum' | 'complementary';
}

export interface SurveyBesideRetention {
  readonly waveId: string;
  readonly questionnaireId: string;
  readonly minimumGroupSize: number;
  readonly startQuarters: readonly string[];
  readonly groups: readonly SurveyRetentionGroup[];
}

/**
 * Retention is of the hires who started in the wave's start quarters (the cohorts it invited), grouped as the
 * survey groups them: by the same `surveyGroupOf`, so a team or role family means the same on both sides.
 */
export function surveyBesideRetention(
  report: SurveyReport,
  rows: readonly RetentionRow[],
  options: { today: IsoDate; earlyLeaverDays: number },
): SurveyBesideRetention {
  const startQuarters =
    report.dimensions.find((entry) => entry.dimension === 'startQuarter')?.groups.map((group) => group.value) ?? [];
  const inWave = new Set(startQuarters);
  const grouped = rows
    .map((row) => ({
      row,
      group: surveyGroupOf({
        ...(row.team === null ? {} : { team: row.team }),
        ...(row.location === null ? {} : { location: row.location }),
        startDate: row.startDate,
        role: row.role,
        templateId: row.templateId ?? NOT_GIVEN,
      }),
    }))
    .filter(({ group }) => inWave.has(group.startQuarter));
  const groups: SurveyRetentionGroup[] = [];
  for (const { dimension, groups: reported } of report.dimensions) {
    for (const group of reported) {
      if (!group.figures) {
        groups.push({ dimension, value: group.value, suppressed: group.suppressed ?? 'below-minimum' });
        continue;
      }
      const members = grouped.filter((entry) => entry.group[dimension] === group.value).map((entry) => entry.row);
      const { hires, stillEmployed, left, earlyLeavers, retention } = summariseRetention(
        members,
        options.today,
        options.earlyLeaverDays,
      );
      groups.push({
        dimension,
        value: group.value,
        survey: group.figures,
        retention: { hires, stillEmployed, left, earlyLeavers, retention },
      });
    }
  }
  return {
    waveId: report.waveId,
    questionnaireId: report.questionnaireId,
    minimumGroupSize: report.minimumGroupSize,
    startQuarters,
    groups,
  };
}
