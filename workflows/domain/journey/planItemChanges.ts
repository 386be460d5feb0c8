/**
 * HR's changes to one hire's plan while the journey runs: move a planned item to another day, drop it, give it to
 * another role, or add a task of their own. The template stays as it is. Pure: the decider asks `planChangeEffects`
 * whether a change may be made and what it does; evolve applies the recorded effects with the `with…` functions.
 *
 * Why these rules:
 * - Nothing moves into the past, and nothing past the end of the programme: a date that has gone cannot be acted on,
 *   and after the end there is no journey to act.
 * - Pre-boarding items stay before day one while the hire has not started: they exist to prepare that day.
 * - The survey invitation stays between day 60 and day 120: the questionnaire asks about the first 90 days, so it
 *   must come after most of them and before they are long forgotten. Its reminder and HR's follow-up call move
 *   with it (they count from it), and its reminder cannot move or go on its own.
 * - The programme's end is how a journey lands, and the mentor period's end frees the mentor's hours: neither is
 *   dropped or moved as an item (a start-date change or leave moves them).
 * - An item that cites the law (a VOG, the SKJ registration) is not dropped per hire, and neither is an item that
 *   another still open item waits on (`requires`): dropping it would open that gate silently, and gates exist for
 *   what must come first (no caseload before the VOG). The refusal names what waits on it; HR completes the item,
 *   or drops the dependants first.
 * - A task HR added is moved, dropped and re-owned by the rules of adhocTaskChanges.ts; the tasks the journey opens
 *   itself are not changed here.
 */
import { type IsoDate, addDays, compareDates, daysBetween, isIsoDate } from '../calendar';
import { OWNER_ROLES, type OwnerRole } from '../journeyTemplate';
import { type JourneyPlan, type PlanItem, type PlanItemKind, dated, sortItems } from '../schedule';
import { type JourneyState, isHumanItem, isOpen } from './state';
import { titleIn } from '../templateText';
import { HR_ADDED_TASK_PREFIX, adhocTaskChangeEffects } from './adhocTaskChanges';

export type PlanItemChange =
  | { readonly kind: 'move-item'; readonly itemId: string; readonly dueDate: IsoDate }
  | { readonly kind: 'drop-item'; readonly itemId: string }
  | { readonly kind: 'reown-item'; readonly itemId: string; readonly ownerRole: OwnerRole }
  | { readonly kind: 'add-task'; readonly title: string; readonly ownerRole: OwnerRole; readonly dueDate: IsoDate };

export const MAX_TASK_TITLE_LENGTH = 120;
/** HR's reason for a change: short, and kept off the hire's stream (services/people/planChangeReasons.ts). */
export const MAX_REASON_LENGTH = 500;
/** Days after the start between which the 90-day survey invitation may go out. */
export const SURVEY_INVITATION_DAYS = { earliest: 60, latest: 120 } as const;

export type PlanChangeRefusalCode =
  | 'on-leave'
  | 'unknown-item'
  | 'item-closed'
  | 'not-a-date'
  | 'date-in-the-past'
  | 'preboarding-after-day-one'
  | 'before-day-one'
  | 'after-programme-end'
  | 'survey-out-of-bounds'
  | 'programme-end-is-fixed'
  | 'mentor-period-end-is-fixed'
  | 'reminder-follows-invitation'
  | 'coffee-moment-chosen'
  | 'legal-requirement'
  | 'required-by-others'
  | 'no-owner-to-change'
  | 'unknown-role'
  | 'invalid-title'
  | 'task-exists'
  | 'opened-by-journey';

/** Why a change is refused: a code, where in the request (a JSON pointer), and what the sentence names. */
export interface PlanChangeRefusal {
  readonly code: PlanChangeRefusalCode;
  readonly pointer: string;
  readonly params: Readonly<Record<string, string>>;
}

/** What an accepted change does, item by item: each becomes one event. */
export type PlanChangeEffect =
  | { readonly kind: 'moved'; readonly itemId: string; readonly from: IsoDate; readonly to: IsoDate }
  | { readonly kind: 'dropped'; readonly itemId: string }
  | { readonly kind: 'reowned'; readonly itemId: string; readonly from: OwnerRole; readonly to: OwnerRole }
  | {
      readonly kind: 'added';
      readonly itemId: string;
      readonly title: string;
      readonly ownerRole: OwnerRole;
      readonly dueDate: IsoDate;
    };

const PREBOARDING_KINDS: ReadonlySet<PlanItemKind> = new Set(['preboarding-task', 'welcome-card', 'welcome-mail']);
/** Steps that count from the survey invitation and follow it. */
const FOLLOWS_SURVEY_INVITATION = ['survey-reminder', 'survey-phone-follow-up'];

/** The id of a task HR adds: derived from the change, so a retried request names the same task. */
export const addedTaskId = (changeId: string): string => `${HR_ADDED_TASK_PREFIX}${changeId.slice(0, 16)}`;

/** The effects of `change` on this journey today, or why it is refused. An empty list: nothing to change. */
export function planChangeEffects(
  state: JourneyState,
  change: PlanItemChange,
  today: IsoDate,
  changeId: string,
): PlanChangeRefusal | PlanChangeEffect[] {
  const { plan } = state;
  if (plan.pausedSince !== null) return refusal('on-leave', '/change', { since: plan.pausedSince });
  if (change.kind === 'add-task') return addTask(state, change, today, addedTaskId(changeId));
  const item = plan.items.find((candidate) => candidate.id === change.itemId);
  const task = item ? undefined : state.adhoc.find((candidate) => candidate.id === change.itemId);
  if (task) return adhocTaskChangeEffects(state, task, change, today);
  if (!item) return refusal('unknown-item', '/change/itemId', { itemId: change.itemId });
  if (isClosed(state, item, today)) return refusal('item-closed', '/change/itemId', titles(item));
  switch (change.kind) {
    case 'move-item':
      return move(state, item, change.dueDate, today);
    case 'drop-item':
      return drop(state, item);
    case 'reown-item':
      return reown(state, item, change.ownerRole);
  }
}

export type PlanItemChangeKind = Exclude<PlanItemChange['kind'], 'add-task'>;

/** Refusals about the day asked for, not the item: the item itself can still be moved to another day. */
const DAY_REFUSALS: ReadonlySet<PlanChangeRefusalCode> = new Set([
  'not-a-date',
  'date-in-the-past',
  'preboarding-after-day-one',
  'before-day-one',
  'after-programme-end',
  'survey-out-of-bounds',
]);

/**
 * What HR can do with a planned item now, so a page offers only that: the same rules, asked with the item as it
 * stands. The decider still decides each change when it comes.
 */
export function changesOffered(
  state: JourneyState,
  item: Pick<PlanItem, 'id' | 'dueDate' | 'ownerRole'>,
  today: IsoDate,
): PlanItemChangeKind[] {
  if (state.outcome || state.leaving) return [];
  const probe = (change: PlanItemChange) => planChangeEffects(state, change, today, '0'.repeat(32));
  const offered: PlanItemChangeKind[] = [];
  const moved = probe({ kind: 'move-item', itemId: item.id, dueDate: item.dueDate });
  if (!isPlanChangeRefusal(moved) || DAY_REFUSALS.has(moved.code)) offered.push('move-item');
  if (!isPlanChangeRefusal(probe({ kind: 'drop-item', itemId: item.id }))) offered.push('drop-item');
  const otherRole = journeyRoles(state).find((role) => role !== item.ownerRole);
  if (otherRole && !isPlanChangeRefusal(probe({ kind: 'reown-item', itemId: item.id, ownerRole: otherRole })))
    offered.push('reown-item');
  return offered;
}

/** The roles a task of this journey can go to: those its plan and template use, and HR and the manager always. */
export function journeyRoles(state: JourneyState): OwnerRole[] {
  const { template, plan } = state;
  const used = new Set<OwnerRole>(['hr', 'manager']);
  for (const item of plan.items) if (item.ownerRole) used.add(item.ownerRole);
  for (const task of template.preboardingTasks) used.add(task.ownerRole);
  for (const milestone of template.milestones) used.add(milestone.responsibleRole);
  used.add(template.welcomeCard.ownerRole);
  return OWNER_ROLES.filter((role) => used.has(role));
}

function isClosed(state: JourneyState, item: PlanItem, today: IsoDate): boolean {
  if (isHumanItem(item)) return !isOpen(state, item.id);
  if (item.kind === 'mentor-period-end' && state.mentor.status === 'ended') return true;
  // A step the system takes on its day is over once taken, or once its day has gone.
  return state.handled.includes(`${item.id}:due`) || compareDates(item.dueDate, today) < 0;
}

function move(state: JourneyState, item: PlanItem, to: string, today: IsoDate): PlanChangeRefusal | PlanChangeEffect[] {
  const { plan } = state;
  const at = '/change/dueDate';
  if (item.kind === 'programme-end') return refusal('programme-end-is-fixed', '/change/itemId', {});
  if (item.kind === 'survey-reminder') return refusal('reminder-follows-invitation', '/change/itemId', {});
  if (item.kind === 'mentor-coffee-moment' && state.mentor.status === 'accepted')
    return refusal('coffee-moment-chosen', '/change/itemId', {});
  const dateRefusal = plannable(plan, to, today, at);
  if (dateRefusal) return dateRefusal;
  if (to === item.dueDate) return [];
  const hasStarted = compareDates(today, plan.startDate) >= 0;
  if (PREBOARDING_KINDS.has(item.kind) && !hasStarted && compareDates(to, plan.startDate) >= 0)
    return refusal('preboarding-after-day-one', at, { startDate: plan.startDate });
  if (!PREBOARDING_KINDS.has(item.kind) && compareDates(to, plan.startDate) < 0)
    return refusal('before-day-one', at, { startDate: plan.startDate });
  if (item.kind === 'survey-invitation') {
    const day = daysBetween(plan.startDate, to);
    if (day < SURVEY_INVITATION_DAYS.earliest || day > SURVEY_INVITATION_DAYS.latest)
      return refusal('survey-out-of-bounds', at, {
        earliest: addDays(plan.startDate, SURVEY_INVITATION_DAYS.earliest),
        latest: addDays(plan.startDate, SURVEY_INVITATION_DAYS.latest),
      });
    const shift = daysBetween(item.dueDate, to);
    const followers = plan.items.filter(
      (other) => FOLLOWS_SURVEY_INVITATION.includes(other.id) && !isClosed(state, other, today),
    );
    return [
      { kind: 'moved', itemId: item.id, from: item.dueDate, to },
      ...followers.map((other) => {
        const moved = addDays(other.dueDate, shift);
        return { kind: 'moved' as const, itemId: other.id, from: other.dueDate, to: moved };
      }),
    ];
  }
  return [{ kind: 'moved', itemId: item.id, from: item.dueDate, to }];
}

function drop(state: JourneyState, item: PlanItem): PlanChangeRefusal | PlanChangeEffect[] {
  const at = '/change/itemId';
  if (item.kind === 'programme-end') return refusal('programme-end-is-fixed', at, {});
  if (item.kind === 'mentor-period-end') return refusal('mentor-period-end-is-fixed', at, {});
  if (item.kind === 'survey-reminder') return refusal('reminder-follows-invitation', at, {});
  if (item.source) return refusal('legal-requirement', at, { ...titles(item), reference: item.source.reference });
  const waiting = state.plan.items.filter(
    (other) => other.requires?.includes(item.id) && isOpen(state, other.id) && other.id !== item.id,
  );
  if (waiting.length > 0)
    return refusal('required-by-others', at, {
      ...titles(item),
      waiting: waiting.map((other) => `"${other.title}"`).join(', '),
      waitingEn: waiting.map((other) => `"${titleIn(other, 'en')}"`).join(', '),
    });
  const reminder =
    item.kind === 'survey-invitation'
      ? state.plan.items.filter((other) => other.id === 'survey-reminder' && !state.handled.includes(`${other.id}:due`))
      : [];
  return [item, ...reminder].map((dropped) => ({ kind: 'dropped', itemId: dropped.id }));
}

function reown(state: JourneyState, item: PlanItem, to: OwnerRole): PlanChangeRefusal | PlanChangeEffect[] {
  if (!isHumanItem(item) || item.ownerRole === null)
    return refusal('no-owner-to-change', '/change/itemId', titles(item));
  if (!journeyRoles(state).includes(to)) return refusal('unknown-role', '/change/ownerRole', { role: String(to) });
  if (item.ownerRole === to) return [];
  return [{ kind: 'reowned', itemId: item.id, from: item.ownerRole, to }];
}

function addTask(
  state: JourneyState,
  change: Extract<PlanItemChange, { kind: 'add-task' }>,
  today: IsoDate,
  itemId: string,
): PlanChangeRefusal | PlanChangeEffect[] {
  const title = typeof change.title === 'string' ? change.title.trim() : '';
  if (title.length === 0 || title.length > MAX_TASK_TITLE_LENGTH)
    return refusal('invalid-title', '/change/title', { max: String(MAX_TASK_TITLE_LENGTH) });
  if (!journeyRoles(state).includes(change.ownerRole))
    return refusal('unknown-role', '/change/ownerRole', { role: String(change.ownerRole) });
  const dateRefusal = plannable(state.plan, change.dueDate, today, '/change/dueDate');
  if (dateRefusal) return dateRefusal;
  const exists = state.plan.items.some((item) => item.id === itemId) || state.adhoc.some((task) => task.id === itemId);
  if (exists) return refusal('task-exists', '/change', { itemId });
  return [{ kind: 'added', itemId, title, ownerRole: change.ownerRole, dueDate: change.dueDate }];
}

/** A day the plan can act on: a date, not before today, not after the programme's end. */
export function plannable(plan: JourneyPlan, date: string, today: IsoDate, at: string): PlanChangeRefusal | undefined {
  if (!isIsoDate(date)) return refusal('not-a-date', at, {});
  if (compareDates(date, today) < 0) return refusal('date-in-the-past', at, { today });
  if (compareDates(date, plan.endDate) > 0) return refusal('after-programme-end', at, { endDate: plan.endDate });
  return undefined;
}

function refusal(
  code: PlanChangeRefusalCode,
  pointer: string,
  params: Readonly<Record<string, string>>,
): PlanChangeRefusal {
  return { code, pointer, params };
}

export function isPlanChangeRefusal(value: PlanChangeRefusal | PlanChangeEffect[]): value is PlanChangeRefusal {
  return !Array.isArray(value);
}

/** The sentence a person reads, in Dutch (the API has the English: services/problems/planChangeMessages.ts). */
export function planChangeRefusalText(refusal: PlanChangeRefusal): string {
  const p = refusal.params;
  switch (refusal.code) {
    case 'on-leave':
      return `De reis staat stil sinds ${p.since} (verlof); wijzig de planning als het verlof voorbij is.`;
    case 'unknown-item':
      return `Deze reis heeft geen gepland onderdeel "${p.itemId}".`;
    case 'item-closed':
      return `"${p.title}" is al afgerond, vervallen of voorbij; daar valt niets meer aan te wijzigen.`;
    case 'not-a-date':
      return 'Geef een datum (JJJJ-MM-DD).';
    case 'date-in-the-past':
      return `Die datum ligt in het verleden; kies ${p.today} of later.`;
    case 'preboarding-after-day-one':
      return `Een onderdeel van de voorbereiding valt vóór de eerste werkdag (${p.startDate}).`;
    case 'before-day-one':
      return `Dit onderdeel valt op of na de eerste werkdag (${p.startDate}).`;
    case 'after-programme-end':
      return `Die datum ligt na het einde van het inwerkprogramma (${p.endDate}).`;
    case 'survey-out-of-bounds':
      return `De uitnodiging voor de vragenlijst na 90 dagen gaat uit tussen ${p.earliest} en ${p.latest} (dag 60 tot 120).`;
    case 'programme-end-is-fixed':
      return 'Het einde van het inwerkprogramma volgt uit het sjabloon, de startdatum en verlof; het kan niet apart worden verplaatst of geschrapt.';
    case 'mentor-period-end-is-fixed':
      return 'Het einde van de mentorperiode beëindigt de begeleiding en geeft de uren van de mentor vrij; het kan niet vervallen.';
    case 'reminder-follows-invitation':
      return 'De herinnering volgt de uitnodiging voor de vragenlijst; verplaats of schrap de uitnodiging.';
    case 'coffee-moment-chosen':
      return 'De mentor heeft het koffiemoment al gekozen en doorgegeven; spreek een nieuw moment met de mentor af.';
    case 'legal-requirement':
      return `"${p.title}" volgt uit de wet (${p.reference}) en kan voor één medewerker niet vervallen; rond het af als het al geregeld is.`;
    case 'required-by-others':
      return `"${p.title}" kan niet vervallen: ${p.waiting} wacht erop. Rond het af, of laat eerst wat erop wacht vervallen.`;
    case 'no-owner-to-change':
      return `"${p.title}" doet de reis zelf (of hoort bij de mentor); er is geen eigenaar om te wijzigen.`;
    case 'unknown-role':
      return `"${p.role}" is geen rol in deze reis.`;
    case 'invalid-title':
      return `Geef de taak een naam van 1 tot ${p.max} tekens (geen namen van personen).`;
    case 'task-exists':
      return `De taak "${p.itemId}" bestaat al in deze reis.`;
    case 'opened-by-journey':
      return `"${p.title}" opent de reis zelf en volgt uit wat er gebeurde; die taak wordt niet verplaatst, geschrapt of aan een ander gegeven. Rond hem af als het gedaan is.`;
  }
}

/** The plan with one item moved to `to`: it counts from the start date from now on, so a new start date moves it too. */
export function planWithItemMoved(plan: JourneyPlan, itemId: string, to: IsoDate, today: IsoDate): JourneyPlan {
  const items = plan.items.map((item) => {
    if (item.id !== itemId) return item;
    const dueOffsetDays = daysBetween(plan.startDate, to) - item.pauseShiftDays;
    return dated({ ...item, dueOffsetDays }, plan.startDate, today);
  });
  return { ...plan, items: sortItems(items) };
}

export function planWithItemDropped(plan: JourneyPlan, itemId: string): JourneyPlan {
  return { ...plan, items: plan.items.filter((item) => item.id !== itemId) };
}

export function planWithItemReowned(plan: JourneyPlan, itemId: string, ownerRole: OwnerRole): JourneyPlan {
  return { ...plan, items: plan.items.map((item) => (item.id === itemId ? { ...item, ownerRole } : item)) };
}

/** A moved item's reminder and escalation follow its new day, even when its old ones went out. */
export function handledAfterMove(handled: readonly string[], itemId: string): string[] {
  return handled.filter((key) => key !== `${itemId}:reminder` && key !== `${itemId}:escalation`);
}

/** The item's title for the Dutch sentence, and its English one for the API's English (planChangeMessages.ts). */
function titles(item: PlanItem): { title: string; titleEn: string } {
  return { title: item.title, titleEn: titleIn(item, 'en') };
}
