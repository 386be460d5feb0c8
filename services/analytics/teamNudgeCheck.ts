/**
 * The scheduled check behind issue #13's nudges: per organisation and team, the leading indicators of today
 * against the thresholds; a crossing mails the team's managers once, through the same mailer as the journeys,
 * and is recorded as TeamNudgeSent in `teamnudges-<organisation>`. Runs beside the read models (the API process),
 * not in the journey workflow: it is about teams, and no journey owns a team.
 */
import type { IsoDate } from '../../workflows/domain/calendar';
import { deterministicEventId } from '../event-store/deterministicEventId';
import { type EventStore, type ExpectedRevision, WrongExpectedRevisionError } from '../event-store/eventStore';
import type { PeopleDirectory } from '../people/peopleDirectory';
import { type ReadModelDb, retentionRows } from '../projections';
import type { Logger } from '../shared/logger';
import { dutchDate } from '../shared/dutchClock';
import { type PeriodicCheck, startPeriodicCheck } from '../shared/periodicCheck';
import { WEB_APP_PREFIX } from '../shared/webAppPaths';
import type { Mailer } from '../worker/mail/mailer';
import { type MailLanguage, renderMail } from '../worker/mail/mailTemplates';
import { leadingIndicators } from './retentionReport';
import { type NudgeDecision, type TeamNudgeThresholds, crossingStates, nudgeDecisions } from './teamNudgeCrossings';
import { TeamNudgeThresholdsStore } from './teamNudgeThresholdsStore';

export const teamNudgeStreamName = (organisationId: string): string => `teamnudges-${organisationId}`;

export interface TeamNudgeDeps {
  readonly readModels: ReadModelDb;
  readonly store: EventStore;
  readonly directory: PeopleDirectory;
  readonly mailer: Mailer;
  readonly publicBaseUrl: string;
  /** The deployment's defaults (TEAM_NUDGE_*), for organisations that saved no thresholds of their own. */
  readonly thresholds: TeamNudgeThresholds;
  readonly logger: Logger;
}

export interface TeamNudgeOutcome {
  readonly sent: readonly NudgeDecision[];
  readonly cleared: readonly NudgeDecision[];
}

/**
 * One organisation, as of `today`. The mails go before the event that records them: a check that stops in
 * between mails again on its next run with the same Message-ID (mailer.ts), which mail systems recognise; the
 * other order could record a nudge no manager ever got.
 */
export async function checkTeamNudges(
  deps: TeamNudgeDeps,
  organisationId: string,
  today: IsoDate,
): Promise<TeamNudgeOutcome> {
  const stream = teamNudgeStreamName(organisationId);
  const thresholds = await new TeamNudgeThresholdsStore(deps.store, deps.thresholds).latest(organisationId);
  const events: { type: string; data: Record<string, unknown> }[] = [];
  let expectedRevision: ExpectedRevision = 'no_stream';
  for await (const event of deps.store.readStream(stream)) {
    events.push(event);
    expectedRevision = event.revision;
  }
  const teams = leadingIndicators(retentionRows(deps.readModels, organisationId), {
    today,
    noMentorAfterDays: thresholds.noMentorAfterDays,
  });
  const outcome = { sent: [] as NudgeDecision[], cleared: [] as NudgeDecision[] };
  for (const decision of nudgeDecisions(teams, crossingStates(events), thresholds)) {
    let data: Record<string, unknown> = {
      organisationId,
      team: decision.team,
      indicator: decision.indicator,
      crossing: decision.crossing,
      count: decision.count,
      checkedOn: today,
    };
    if (decision.kind === 'send') {
      const managerRefs = await mailManagers(deps, organisationId, decision, thresholds.noMentorAfterDays);
      // Nobody to tell yet (no manager with an address): not recorded, so a later check tries again.
      if (managerRefs.length === 0) {
        deps.logger.warn(
          { organisationId, indicator: decision.indicator },
          'Team over de drempel, maar geen leidinggevende met een adres',
        );
        continue;
      }
      data = { ...data, threshold: decision.threshold, managerRefs };
    }
    const type = decision.kind === 'send' ? 'TeamNudgeSent' : 'TeamNudgeCleared';
    try {
      const result = await deps.store.appendToStream(
        stream,
        [
          {
            id: deterministicEventId(stream, `${type}:${decision.team}:${decision.indicator}:${decision.crossing}`),
            type,
            data,
            metadata: { organisationId, actor: 'system:team-nudges' },
          },
        ],
        { expectedRevision },
      );
      expectedRevision = result.nextExpectedRevision;
    } catch (error) {
      // Another check of the same organisation got there first: it recorded what this one would have.
      if (error instanceof WrongExpectedRevisionError) return outcome;
      throw error;
    }
    (decision.kind === 'send' ? outcome.sent : outcome.cleared).push(decision);
  }
  return outcome;
}

/** The managers of the team's hires who are still there; each one mailed in their own language. */
async function mailManagers(
  deps: TeamNudgeDeps,
  organisationId: string,
  decision: NudgeDecision,
  noMentorAfterDays: number,
): Promise<string[]> {
  const refs = deps.readModels
    .prepare<[string, string], { manager_ref: string }>(
      `SELECT DISTINCT manager_ref FROM hires WHERE org = ? AND team = ? AND manager_ref IS NOT NULL AND phase <> 'ended' ORDER BY manager_ref`,
    )
    .all(organisationId, decision.team)
    .map((row) => row.manager_ref);
  const mailed: string[] = [];
  for (const ref of refs) {
    const manager = await deps.directory.find(organisationId, ref);
    if (!manager) continue;
    const language = manager.language;
    const common = {
      managerName: manager.displayName,
      teamName: decision.team,
      colleagues: newColleagues(decision.count, language),
    };
    const rendered =
      decision.indicator === 'withoutMentor'
        ? await renderMail(
            'team-nudge-without-mentor',
            {
              ...common,
              period: periodOfDays(noMentorAfterDays, language),
              appLink: `${deps.publicBaseUrl}${WEB_APP_PREFIX}/hires?team=${encodeURIComponent(decision.team)}`,
            },
            language,
          )
        : await renderMail(
            'team-nudge-overdue',
            { ...common, appLink: `${deps.publicBaseUrl}${WEB_APP_PREFIX}/tasks` },
            language,
          );
    await deps.mailer.send({
      to: manager.email,
      subject: rendered.subject,
      text: rendered.text,
      language,
      idempotencyKey: `teamnudge/${organisationId}/${decision.team}/${decision.indicator}/${decision.crossing}/${ref}`,
    });
    mailed.push(ref);
  }
  return mailed;
}

const NUMBER_WORDS: Record<MailLanguage, readonly string[]> = {
  nl: ['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};
const inWords = (count: number, language: MailLanguage) => NUMBER_WORDS[language][count] ?? String(count);

/** "twee nieuwe collega's", "one new colleague": how the issue words it, for any count. */
export function newColleagues(count: number, language: MailLanguage): string {
  if (language === 'nl') return `${inWords(count, language)} ${count === 1 ? 'nieuwe collega' : "nieuwe collega's"}`;
  return `${inWords(count, language)} ${count === 1 ? 'new colleague' : 'new colleagues'}`;
}

/** "twee weken" for 14 days, "10 dagen" for 10. */
export function periodOfDays(days: number, language: MailLanguage): string {
  if (days > 0 && days % 7 === 0) {
    const weeks = days / 7;
    return language === 'nl'
      ? `${inWords(weeks, language)} ${weeks === 1 ? 'week' : 'weken'}`
      : `${inWords(weeks, language)} ${weeks === 1 ? 'week' : 'weeks'}`;
  }
  return language === 'nl' ? `${days} ${days === 1 ? 'dag' : 'dagen'}` : `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Every organisation with hires in the retention read model, checked as of the Dutch date every `intervalMs`. */
export function startTeamNudgeSchedule(deps: TeamNudgeDeps, intervalMs: number): PeriodicCheck {
  // The first check after one interval: a restart is no reason to look again.
  return startPeriodicCheck(
    async () => {
      const today = dutchDate(Date.now());
      const organisations = deps.readModels
        .prepare<[], { org: string }>(`SELECT DISTINCT org FROM retention_hires`)
        .all();
      for (const { org } of organisations) {
        try {
          const { sent, cleared } = await checkTeamNudges(deps, org, today);
          if (sent.length + cleared.length > 0)
            deps.logger.info(
              { organisationId: org, sent: sent.length, cleared: cleared.length },
              'Teamsignalen gecontroleerd',
            );
        } catch (error) {
          deps.logger.error(
            { organisationId: org, err: error },
            'Controle van teamsignalen mislukt; de volgende ronde probeert opnieuw',
          );
        }
      }
    },
    intervalMs,
    { atOnce: false },
  );
}
