/**
 * Writes hire histories the way the journey workflow does (workflows/hireJourney.ts: event data, metadata
 * envelope, deterministic ids per revision), for the projection tests and the rebuild benchmark.
 */
import { type IsoDate, addDays } from '../../workflows/domain/calendar';
import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { buildPlan } from '../../workflows/domain/schedule';
import { appendOnce } from '../event-store/appendOnce';
import { deterministicEventId } from '../event-store/deterministicEventId';
import type { EventStore, JsonObject, NewEvent } from '../event-store/eventStore';
import { hireStreamName } from '../event-store/streamNames';
import { mentorPoolStreamName } from '../people/mentorPool';

export const SYSTEM_ACTOR = 'system:hire-journey';
export const RIVIERENLAND = DEFAULT_TEMPLATES.find((template) => template.id === 'rivierenland-team')!;

export interface Step {
  readonly day: IsoDate;
  readonly type: string;
  readonly data?: JsonObject;
  readonly actor?: string;
}

export function toNewEvents(organisationId: string, hireId: string, steps: readonly Step[], firstRevision = 0): NewEvent[] {
  const stream = hireStreamName({ organisationId, hireId });
  return steps.map((step, index) => ({
    id: deterministicEventId(stream, `revision-${firstRevision + index}`),
    type: step.type,
    data: { organisationId, hireId, ...step.data },
    metadata: {
      organisationId,
      hireId,
      actor: step.actor ?? SYSTEM_ACTOR,
      occurredAt: `${step.day}T08:00:00.000Z`,
      correlationId: `hire-journey:${organisationId}:${hireId}`,
      causationId: `run-1/${firstRevision + index}`,
      schemaVersion: 1,
    },
  }));
}

/** HireRegistered and JourneyStarted as the journey writes them on `day`, with the plan of `template`. */
export function startSteps(
  day: IsoDate,
  hire: { startDate: IsoDate; role?: string; team?: string; managerRef?: string; template?: JourneyTemplate },
): Step[] {
  const template = hire.template ?? RIVIERENLAND;
  const plan = buildPlan(template, hire.startDate, day);
  return [
    {
      day,
      type: 'HireRegistered',
      actor: 'user:hr-advisor',
      data: {
        startDate: hire.startDate,
        role: hire.role ?? 'Jeugdzorgwerker',
        ...(hire.team ? { team: hire.team } : {}),
        ...(hire.managerRef ? { managerRef: hire.managerRef } : {}),
      },
    },
    {
      day,
      type: 'JourneyStarted',
      actor: 'user:hr-advisor',
      data: {
        startDate: plan.startDate,
        templateId: template.id,
        templateVersion: template.version,
        endDate: plan.endDate,
        items: plan.items.map((item) => ({ id: item.id, kind: item.kind, ownerRole: item.ownerRole, dueDate: item.dueDate })),
      },
    },
  ];
}

/** One hire's stream, appended step by step with the revision the journey would expect. */
export class HireScript {
  private revision = -1;

  constructor(
    private readonly store: EventStore,
    readonly organisationId: string,
    readonly hireId: string,
  ) {}

  async append(...steps: Step[]): Promise<void> {
    const events = toNewEvents(this.organisationId, this.hireId, steps, this.revision + 1);
    await this.store.appendToStream(hireStreamName(this), events, {
      expectedRevision: this.revision < 0 ? 'no_stream' : BigInt(this.revision),
    });
    this.revision += steps.length;
  }
}

export function mentorOffered(id: string, overrides: JsonObject = {}): JsonObject {
  return { id, team: 'Team Noord', location: 'Tiel', experienceYears: 8, hoursPerWeekAvailable: 10, maxMentees: 2, active: true, ...overrides };
}

/** Appends to the organisation's mentor pool stream as services/people/mentorPool.ts does. */
export async function appendPoolEvent(store: EventStore, organisationId: string, type: string, data: JsonObject, key: string): Promise<void> {
  const stream = mentorPoolStreamName(organisationId);
  await appendOnce(store, stream, { id: deterministicEventId(stream, key), type, data, metadata: { organisationId, actor: SYSTEM_ACTOR } });
}

/**
 * A whole landed journey of one hire, about `events` long: start, mentor asked and accepted, reminders, every
 * task and milestone completed, survey, mentorship end, programme end. For benchmarks.
 */
export function syntheticJourney(registeredOn: IsoDate, mentorRef: string): Step[] {
  const startDate = addDays(registeredOn, 30);
  const plan = buildPlan(RIVIERENLAND, startDate, registeredOn);
  const steps: Step[] = [...startSteps(registeredOn, { startDate, team: 'Team Noord' })];
  steps.push({ day: registeredOn, type: 'MentorRequested', data: { mentorRef, answerDeadline: addDays(registeredOn, 3), hoursPerWeek: 5 } });
  steps.push({ day: addDays(registeredOn, 1), type: 'MentorAccepted', actor: `person:${mentorRef}`, data: { mentorRef, hoursPerWeek: 5 } });
  steps.push({ day: addDays(registeredOn, 1), type: 'MentorWelcomeMailSent', data: { mentorRef, coffeeMoment: addDays(startDate, -5), mailDelivered: true } });
  for (const item of plan.items) {
    switch (item.kind) {
      case 'preboarding-task':
      case 'welcome-card':
      case 'milestone':
        steps.push({ day: addDays(item.dueDate, -2), type: 'TaskReminderSent', data: { itemId: item.id, title: item.title, dueDate: item.dueDate, ownerRole: item.ownerRole, mailDelivered: true } });
        steps.push({
          day: item.dueDate,
          type: item.kind === 'milestone' ? 'MilestoneCompleted' : 'TaskCompleted',
          actor: `person:${item.ownerRole}`,
          data: { itemId: item.id },
        });
        break;
      case 'welcome-mail':
        steps.push({ day: item.dueDate, type: 'WelcomeMailSent', data: { itemId: item.id, title: item.title, dueDate: item.dueDate, mailDelivered: true } });
        break;
      case 'survey-invitation':
      case 'survey-reminder':
        steps.push({
          day: item.dueDate,
          type: item.kind === 'survey-invitation' ? 'SurveyInvitationSent' : 'SurveyReminderSent',
          data: { itemId: item.id, title: item.title, dueDate: item.dueDate, survey: 'ninety-days', mailDelivered: true },
        });
        break;
      case 'mentor-period-end':
        steps.push({ day: item.dueDate, type: 'MentorshipEnded', data: { mentorRef, reason: 'period-ended' } });
        break;
      case 'programme-end':
        steps.push({ day: item.dueDate, type: 'JourneyEnded', data: { outcome: 'landed' } });
        break;
      default:
        break;
    }
  }
  return steps;
}
