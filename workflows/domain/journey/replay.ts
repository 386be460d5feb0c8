/**
 * A hire's recorded events folded with `evolve`: the journey's state as the workflow had it after those events,
 * for everyone who reads the journey from the event store (the auditor's as-of view, the read models). What the
 * state does not keep but the views show — who cancelled why, when a task was nudged — is gathered beside it.
 * Pure: templates are looked up by the caller, the events come in stream order.
 */
import { type IsoDate, compareDates } from '../calendar';
import { contactPersonHolding } from '../contactPerson';
import type { JourneyTemplate, OwnerRole } from '../journeyTemplate';
import type { PlanItemKind } from '../schedule';
import type { HireJourneyInput } from '../../hireJourneyContract';
import type { JourneyEventData } from './events';
import { evolve, journeyStateWithPlan } from './evolve';
import { type JourneyState, isHumanItem, isOpen } from './state';
import { type StoredJourneyEvent, planOfJourneyStarted, templateStandIn, upcastJourneyEvent } from './upcast';

export interface RecordedJourneyEvent extends StoredJourneyEvent {
  /** The envelope's actor (JOURNEY_SYSTEM_ACTOR for what the journey did by itself); '' when it names none. */
  readonly actor: string;
}

export type TemplateLookup = (
  organisationId: string,
  templateId: string,
  version: number,
) => JourneyTemplate | undefined;

export type TaskCancelReason = JourneyEventData<'OpenTasksCancelled'>['reason'] | 'journey-ended';

export interface ReplayedJourney {
  /** What HireRegistered recorded; the journey exists from JourneyStarted on. */
  readonly registration?: JourneyEventData<'HireRegistered'>;
  readonly state?: JourneyState;
  readonly cancelReasons: Readonly<Record<string, JourneyEventData<'OpenTasksCancelled'>['reason'] | undefined>>;
  readonly nudges: Readonly<
    Record<
      string,
      {
        readonly remindedOn?: IsoDate;
        readonly escalatedOn?: IsoDate;
        /** The escalation is the daily digest's to tell (TaskEscalated byDigest), not a mail of its own. */
        readonly escalatedByDigest?: true;
      }
    >
  >;
  /** Titles reminders and escalations carried, for items whose template could not be looked up. */
  readonly titles: Readonly<Record<string, string>>;
}

export const NOTHING_REPLAYED: ReplayedJourney = { cancelReasons: {}, nudges: {}, titles: {} };

export function replayJourney(
  events: Iterable<RecordedJourneyEvent>,
  templateOf: TemplateLookup,
  from: ReplayedJourney = NOTHING_REPLAYED,
): ReplayedJourney {
  let replayed = from;
  for (const event of events) replayed = replayEvent(replayed, event, templateOf);
  return replayed;
}

export function replayEvent(
  replayed: ReplayedJourney,
  recorded: RecordedJourneyEvent,
  templateOf: TemplateLookup,
): ReplayedJourney {
  const event = upcastJourneyEvent(recorded);
  if (!event) return replayed;
  switch (event.type) {
    case 'HireRegistered':
      return replayed.state ? replayed : { ...replayed, registration: event.data };
    case 'JourneyStarted':
      return replayed.state
        ? replayed
        : { ...replayed, state: startedState(replayed, event.data, recorded.on, templateOf) };
    case 'OpenTasksCancelled': {
      const reasons = Object.fromEntries(event.data.itemIds.map((id) => [id, event.data.reason]));
      replayed = { ...replayed, cancelReasons: { ...replayed.cancelReasons, ...reasons } };
      break;
    }
    case 'TaskReminderSent':
    case 'TaskEscalated': {
      const { itemId, title } = event.data;
      const nudge =
        event.type === 'TaskReminderSent'
          ? { remindedOn: recorded.on }
          : { escalatedOn: recorded.on, ...(event.data.byDigest ? { escalatedByDigest: true as const } : {}) };
      replayed = {
        ...replayed,
        nudges: { ...replayed.nudges, [itemId]: { ...replayed.nudges[itemId], ...nudge } },
        // The first title named wins: it is the one the journey had when it nudged.
        titles: title && !replayed.titles[itemId] ? { ...replayed.titles, [itemId]: title } : replayed.titles,
      };
      break;
    }
  }
  if (!replayed.state) return replayed;
  try {
    return {
      ...replayed,
      state: evolve(replayed.state, event, { actor: recorded.actor, on: recorded.on }),
    };
  } catch {
    // Only a plan stood in for an unknown template can refuse what the journey once applied (a milestone it does not
    // have); the rest of the history still counts.
    return replayed;
  }
}

function startedState(
  replayed: ReplayedJourney,
  started: JourneyEventData<'JourneyStarted'>,
  on: IsoDate,
  templateOf: TemplateLookup,
): JourneyState {
  const { organisationId, hireId } = started;
  const known =
    started.templateId !== undefined && started.templateVersion !== undefined
      ? templateOf(organisationId, started.templateId, started.templateVersion)
      : undefined;
  const plan = planOfJourneyStarted(started, known, on);
  const registration = replayed.registration;
  const input: HireJourneyInput = {
    organisationId,
    hireId,
    startDate: started.startDate,
    role: registration?.role ?? '',
    ...(registration?.team === undefined ? {} : { team: registration.team }),
    ...(registration?.location === undefined ? {} : { location: registration.location }),
    ...(registration?.managerRef === undefined ? {} : { managerRef: registration.managerRef }),
    ...(registration?.rehireOf === undefined ? {} : { rehireOf: registration.rehireOf }),
    ...(registration?.contactPersonRef === undefined ? {} : { contactPersonRef: registration.contactPersonRef }),
    ...(known ? { templateId: known.id } : {}),
    // Who registered is the registration event's actor, and the fingerprint the API's: no fold reads them here.
    actor: '',
    registrationFingerprint: '',
  };
  // The events do not name the workflow that wrote them; the views built from a fold do not ask.
  const state = journeyStateWithPlan(input, '', known ?? templateStandIn(organisationId, plan), plan);
  return started.adhocEscalationByPolicy ? { ...state, adhocEscalationByPolicy: true } : state;
}

export type JourneyTaskStatus = 'open' | 'done' | 'cancelled';

/** A task of the journey: a human item of the plan or a task the journey opened itself. */
export interface JourneyTask {
  readonly itemId: string;
  readonly kind: PlanItemKind | 'adhoc-task';
  readonly title: string;
  readonly ownerRole: OwnerRole | null;
  /**
   * The person holding it where the journey knows one: the accepted mentor, the registered manager, the hire, the
   * vacancy profile's contact person (workflows/domain/contactPerson.ts).
   */
  readonly ownerRef: string | null;
  readonly dueDate: IsoDate;
  readonly status: JourneyTaskStatus;
  readonly cancelReason?: TaskCancelReason;
  readonly completedBy?: string;
  readonly completedOn?: IsoDate;
  readonly remindedOn?: IsoDate;
  readonly escalatedOn?: IsoDate;
}

/**
 * Every task of the journey, by due date then id. Nobody can finish a task of an ended journey: what was still open
 * when it ended counts as cancelled.
 */
export function journeyTasks(replayed: ReplayedJourney): JourneyTask[] {
  const state = replayed.state;
  if (!state) return [];
  const candidates = [
    ...state.plan.items.filter(isHumanItem).map((item) => ({ ...item, itemId: item.id })),
    ...state.adhoc.map((task) => ({ ...task, itemId: task.id, kind: 'adhoc-task' as const })),
  ];
  return candidates
    .map((task): JourneyTask => {
      const done = state.completed[task.itemId];
      const cancelled = state.cancelled.includes(task.itemId);
      const endedOpen = !cancelled && state.outcome !== undefined && isOpen(state, task.itemId);
      const reason: TaskCancelReason | undefined = cancelled
        ? replayed.cancelReasons[task.itemId]
        : endedOpen
          ? 'journey-ended'
          : undefined;
      const nudge = replayed.nudges[task.itemId];
      return {
        itemId: task.itemId,
        kind: task.kind,
        title: task.title === task.itemId ? (replayed.titles[task.itemId] ?? task.title) : task.title,
        ownerRole: task.ownerRole,
        ownerRef: contactPersonHolding(state, task) ?? ownerRefOf(state, task.ownerRole),
        dueDate: task.dueDate,
        status: done ? 'done' : cancelled || endedOpen ? 'cancelled' : 'open',
        ...(done ? { ...(done.by ? { completedBy: done.by } : {}), completedOn: done.on } : {}),
        ...(!done && reason ? { cancelReason: reason } : {}),
        ...(nudge?.remindedOn ? { remindedOn: nudge.remindedOn } : {}),
        ...(nudge?.escalatedOn ? { escalatedOn: nudge.escalatedOn } : {}),
      };
    })
    .sort((a, b) => compareDates(a.dueDate, b.dueDate) || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

function ownerRefOf(state: JourneyState, role: OwnerRole | null): string | null {
  switch (role) {
    case 'new-hire':
      // A new hire's person reference is their hire id.
      return state.input.hireId;
    case 'manager':
      return state.input.managerRef ?? null;
    case 'mentor':
      return state.mentor.status === 'accepted' ? (state.mentor.mentorRef ?? null) : null;
    default:
      return null;
  }
}
