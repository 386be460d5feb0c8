import { type Request, Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { type IsoDate, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import {
  COST_CATEGORIES,
  costLineLabel,
  costPerHire,
  earlyLeavingCost,
  validateCostSettings,
} from '../../workflows/domain/costCalculator';
import { DEFAULT_EARLY_LEAVER_DAYS, RETENTION_HORIZONS } from '../../workflows/domain/retention';
import { type CostSettingsStore, CostSettingsVersionConflictError } from '../analytics/costSettingsStore';
import {
  type CohortDimension,
  type CohortGroup,
  type CohortPeriod,
  DEFAULT_NO_MENTOR_AFTER_DAYS,
  type ExitThemeView,
  cohortRetention,
  exitThemes,
  DEFAULT_CHECK_IN_WITHIN_DAYS,
  leadingIndicators,
  missedStepsByOutcome,
  observedOutflow,
} from '../analytics/retentionReport';
import { csvField } from '../audit/historyRecords';
import { organisationOf } from '../auth/principal';
import { type ReadModelDb, retentionRows } from '../projections';
import { surveyBesideRetention } from '../analytics/surveyBesideRetention';
import { surveyBesideRetentionCsv } from '../analytics/surveyRetentionCsv';
import { teamNudgeHistory } from '../analytics/teamNudgeHistory';
import {
  type TeamNudgeThresholdsStore,
  TeamNudgeThresholdsVersionConflictError,
} from '../analytics/teamNudgeThresholdsStore';
import type { EventStore } from '../event-store/eventStore';
import type { SurveyService } from '../survey/surveyService';
import { actorOf } from './actor';
import { accessOf } from './authorization';
import { Problem, preferredLanguage, versionConflict } from '../problems/problem';
import type { OperationGuard } from './operationGuard';

type Schemas = components['schemas'];

/** Query values as the contract validated them (the validator has already refused anything else). */
function query(req: Request) {
  const q = req.query as Record<string, string | undefined>;
  const int = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  return {
    asOf: (q.asOf ?? isoDateOfEpochMs(Date.now())) as IsoDate,
    range: { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) },
    period: (q.period ?? 'quarter') as CohortPeriod,
    groupBy: (q.groupBy ? q.groupBy.split(',') : []) as CohortDimension[],
    earlyLeaverDays: int(q.earlyLeaverDays, DEFAULT_EARLY_LEAVER_DAYS),
    noMentorAfterDays: int(q.noMentorAfterDays, DEFAULT_NO_MENTOR_AFTER_DAYS),
    view: (q.view ?? 'team') as ExitThemeView,
    targetRate: q.targetRate === undefined ? 0.03 : Number(q.targetRate),
    role: q.role,
    format: q.format === 'csv' ? 'csv' : 'json',
  };
}

const euros = (cents: number) => cents / 100;

/** Retention analytics and the cost calculator (issue #13): group figures from the retention read model. */
export function analyticsRouter(deps: {
  guard: OperationGuard;
  readModels: ReadModelDb;
  costSettings: CostSettingsStore;
  nudgeThresholds: TeamNudgeThresholdsStore;
  store: EventStore;
  survey: SurveyService;
}): Router {
  const router = Router();
  const { guard, readModels, costSettings, nudgeThresholds, store, survey } = deps;

  /** The survey's own report, suppression included: this view shows only groups that report shows. */
  const besideRetention = async (req: Request) => {
    const q = query(req);
    const organisationId = organisationOf(req);
    const waveId = (req.query as { waveId: string }).waveId;
    const report = await survey.report(organisationId, waveId);
    if (!report) throw new Problem(404, 'survey-wave-not-found', { waveId });
    const view = surveyBesideRetention(report, retentionRows(readModels, organisationId), {
      today: q.asOf,
      earlyLeaverDays: q.earlyLeaverDays,
    });
    return { ...view, asOf: q.asOf, earlyLeaverDays: q.earlyLeaverDays };
  };

  router.get('/analytics/survey-retention', guard.middleware('getSurveyBesideRetention'), async (req, res) => {
    const body = await besideRetention(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(body as Schemas['SurveyBesideRetention']);
  });

  router.get(
    '/analytics/survey-retention/export',
    guard.middleware('exportSurveyBesideRetention'),
    async (req, res) => {
      const body = await besideRetention(req);
      res.setHeader('Cache-Control', 'no-store');
      res
        .attachment(`enquete-en-behoud-${body.waveId}-${body.asOf}.csv`)
        .type('text/csv; charset=utf-8; header=present')
        .send(surveyBesideRetentionCsv(body));
    },
  );

  router.get('/analytics/retention', guard.middleware('getCohortRetention'), (req, res) => {
    const q = query(req);
    const { groups, curves } = cohortRetention(retentionRows(readModels, organisationOf(req), q.range), {
      period: q.period,
      groupBy: q.groupBy,
      today: q.asOf,
      earlyLeaverDays: q.earlyLeaverDays,
    });
    if (q.format === 'csv') {
      res
        .attachment(`retentie-${q.asOf}.csv`)
        .type('text/csv; charset=utf-8; header=present')
        .send(cohortCsv(groups, q.groupBy));
      return;
    }
    const body: Schemas['CohortRetention'] = {
      asOf: q.asOf,
      period: q.period,
      earlyLeaverDays: q.earlyLeaverDays,
      groups: groups.map(toCohortGroup),
      curves: curves.map((curve) => ({ ...curve, points: [...curve.points] })),
    };
    res.json(body);
  });

  router.get('/analytics/exit-themes', guard.middleware('getExitThemes'), (req, res) => {
    const q = query(req);
    const result = exitThemes(retentionRows(readModels, organisationOf(req), q.range), {
      view: q.view,
      period: q.period,
    });
    res.json({ view: q.view, ...result } satisfies Schemas['ExitThemes']);
  });

  router.get('/analytics/missed-steps', guard.middleware('getMissedSteps'), (req, res) => {
    const q = query(req);
    const result = missedStepsByOutcome(retentionRows(readModels, organisationOf(req), q.range), {
      today: q.asOf,
      noMentorAfterDays: q.noMentorAfterDays,
    });
    res.json({ asOf: q.asOf, noMentorAfterDays: q.noMentorAfterDays, ...result } satisfies Schemas['MissedSteps']);
  });

  router.get('/analytics/leading-indicators', guard.middleware('getLeadingIndicators'), (req, res) => {
    const q = query(req);
    const teams = leadingIndicators(retentionRows(readModels, organisationOf(req)), {
      today: q.asOf,
      noMentorAfterDays: q.noMentorAfterDays,
    });
    res.json({
      asOf: q.asOf,
      noMentorAfterDays: q.noMentorAfterDays,
      checkInWithinDays: DEFAULT_CHECK_IN_WITHIN_DAYS,
      teams,
    } satisfies Schemas['LeadingIndicators']);
  });

  router.get('/analytics/cost', guard.middleware('getCostOfLeaving'), async (req, res) => {
    const q = query(req);
    const organisationId = organisationOf(req);
    const settings = await costSettings.latest(organisationId);
    const language = preferredLanguage(req);
    const breakdown = costPerHire(settings, q.role);
    const observed = observedOutflow(retentionRows(readModels, organisationId, q.range), {
      today: q.asOf,
      earlyLeaverDays: q.earlyLeaverDays,
    });
    const leaving = earlyLeavingCost(settings, observed, q.targetRate);
    const body: Schemas['CostOfLeaving'] = {
      asOf: q.asOf,
      settingsVersion: settings.version,
      perHire: {
        ...(q.role ? { role: q.role } : {}),
        categories: COST_CATEGORIES.map((category) => ({
          category,
          euros: euros(breakdown.categoryCents[category]),
          lines: breakdown.lines
            .filter((line) => line.category === category)
            .map(({ line, role, hours, hourlyRate, outOfPocket, totalCents }) => ({
              line,
              label: costLineLabel(line, language),
              ...(role ? { role } : {}),
              hours,
              hourlyRate,
              outOfPocket,
              euros: euros(totalCents),
            })),
        })),
        euros: euros(breakdown.totalCents),
      },
      earlyLeaving: {
        hires: leaving.hires,
        earlyLeavers: leaving.earlyLeavers,
        earlyLeaverRate: leaving.earlyLeaverRate,
        earlyLeaverDays: q.earlyLeaverDays,
        earlyLeaversEuros: euros(leaving.earlyLeaversCents),
        costPerEarlyLeaverEuros:
          leaving.costPerEarlyLeaverCents === null ? null : euros(leaving.costPerEarlyLeaverCents),
        targetRate: leaving.targetRate,
        savingAtTargetEuros: euros(leaving.savingAtTargetCents),
        mentorHoursPerHire: { ...leaving.mentorHoursPerHire },
      },
    };
    res.json(body);
  });

  router.get('/cost-settings', guard.middleware('getCostSettings'), async (req, res) => {
    res.json(await costSettings.latest(organisationOf(req)));
  });

  router.put('/cost-settings', guard.middleware('saveCostSettings'), async (req, res) => {
    const body = req.body as Schemas['CostSettingsVersion'];
    const checked = validateCostSettings(body);
    if (!checked.ok) {
      const language = preferredLanguage(req);
      throw new Problem(
        400,
        'invalid-cost-settings',
        {},
        checked.problems.map((problem) => ({ pointer: problem.pointer, detail: problem[language] })),
      );
    }
    try {
      res.json(await costSettings.save(organisationOf(req), body.version, checked.value, actorOf(req)));
    } catch (error) {
      if (error instanceof CostSettingsVersionConflictError)
        throw versionConflict('cost-settings-version-conflict', error.latest);
      throw error;
    }
  });

  router.get('/team-nudge-thresholds', guard.middleware('getTeamNudgeThresholds'), async (req, res) => {
    res.json((await nudgeThresholds.latest(organisationOf(req))) satisfies Schemas['TeamNudgeThresholds']);
  });

  router.put('/team-nudge-thresholds', guard.middleware('saveTeamNudgeThresholds'), async (req, res) => {
    const { version, ...thresholds } = req.body as Schemas['TeamNudgeThresholdsVersion'];
    try {
      res.json(await nudgeThresholds.save(organisationOf(req), version, thresholds, actorOf(req)));
    } catch (error) {
      if (error instanceof TeamNudgeThresholdsVersionConflictError)
        throw versionConflict('team-nudge-thresholds-version-conflict', error.latest);
      throw error;
    }
  });

  router.get('/analytics/team-nudges', guard.middleware('listTeamNudges'), async (req, res) => {
    const { grant, principal } = accessOf(req);
    // A manager (grant `own`, always with a person reference) sees the teams they were mailed about.
    const nudges = await teamNudgeHistory(
      store,
      principal.organisationId,
      grant === 'own' ? { managerRef: principal.personRef! } : {},
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json({ nudges } satisfies Schemas['TeamNudgeList']);
  });

  return router;
}

function toCohortGroup(group: CohortGroup): Schemas['CohortGroup'] {
  const { dimensions, retention, ...counts } = group;
  return { ...counts, ...dimensions, retention: { ...retention } };
}

/** RFC 4180, like the history export: one row per group, retention as shares with four decimals. */
function cohortCsv(groups: readonly CohortGroup[], groupBy: readonly CohortDimension[]): string {
  const header = [
    'cohort',
    ...groupBy,
    'hires',
    'stillEmployed',
    'left',
    'withdrawn',
    'earlyLeavers',
    ...RETENTION_HORIZONS.map(({ key }) => `retention_${key}`),
  ];
  const rows = groups.map((group) => [
    group.cohort,
    ...groupBy.map((dimension) => group.dimensions[dimension] ?? ''),
    ...[group.hires, group.stillEmployed, group.left, group.withdrawn, group.earlyLeavers].map(String),
    ...RETENTION_HORIZONS.map(({ key }) => (group.retention[key] === null ? '' : group.retention[key]!.toFixed(4))),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
