/**
 * A journey template: an organisation's starting point for a hire's soft landing. Versioned, because a running
 * journey keeps the version it started with; changeable per hire, because the research is clear that one size
 * does not fit all (experienced hires find a full programme a straitjacket — RvdK, domain.md stage 5).
 * Pure: the workflow bundle imports this module.
 */
import { gateProblems, sourceProblems } from './itemGates';
import { type ReminderPolicy, reminderPolicyProblems } from './reminderPolicy';

/** Who does a task or answers for a milestone. Roles, never people: the journey resolves them per hire. */
export const OWNER_ROLES = ['hr', 'manager', 'mentor', 'team', 'it', 'facilities', 'new-hire'] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

export const MILESTONE_KINDS = [
  'no-caseload-period',
  'intervision',
  'development-assessment',
  'caseload-build-up',
  'training',
  'coach-talk',
  // A registration the rules require, e.g. in the youth-care professional register (SKJ).
  'registration',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/**
 * When to nudge. Both offsets count from the item's own due date, so moving the item moves its nudges:
 * a reminder to the owner (usually before or on the due day) and, once overdue, an escalation to the manager.
 */
export interface FollowUp {
  readonly reminderOffsetDays: number;
  readonly escalationOffsetDays: number;
  /** Who hears of it once overdue; the manager unless set. Compliance items go to HR, who answers for them. */
  readonly escalateTo?: OwnerRole;
}

/** Where the rule behind a compliance item is written, shown beside it so HR can check it. */
export interface LegalSource {
  /** Dutch: what the rule asks, and which part of the due date is the template's assumption, not the law's. */
  readonly rule: string;
  /** The same in English, for English readers; omitted, they read the Dutch rule. */
  readonly ruleEn?: string;
  /** The law, article or framework, e.g. "Jeugdwet art. 4.1.6 lid 1–2". */
  readonly reference: string;
}

/** What a task or milestone may add: the rule it follows, and the items that must be done before it can be. */
export interface ComplianceFields {
  readonly source?: LegalSource;
  /** Ids of tasks or milestones of the same template; until each is done this one cannot be completed. */
  readonly requires?: readonly string[];
}

export interface PreboardingTask extends FollowUp, ComplianceFields {
  readonly id: string;
  readonly ownerRole: OwnerRole;
  /** Dutch: people read it. */
  readonly title: string;
  /** English, for English readers; omitted, they read the Dutch title (templateText.ts). */
  readonly titleEn?: string;
  /** Days relative to the start date; negative is before day one. */
  readonly dueOffsetDays: number;
  /**
   * Held by the hire's contact person from the vacancy profile (RvdK: one contact person during and after
   * recruitment); a hire without one leaves it to `ownerRole`, as before (workflows/domain/contactPerson.ts).
   */
  readonly heldByContactPerson?: boolean;
}

export interface WelcomeCardSettings extends FollowUp {
  readonly card: boolean;
  readonly flowers: boolean;
  readonly ownerRole: OwnerRole;
  /** Before day one: the card is in the letterbox when the new colleague starts. */
  readonly dueOffsetDays: number;
  /** The digital welcome mail to the new hire; omitted when the organisation welcomes in another way. */
  readonly welcomeMailOffsetDays?: number;
}

export interface MentorSettings {
  /** A mentor who has not answered within this many days is passed over for the next candidate. */
  readonly answerWindowDays: number;
  readonly hoursPerWeek: number;
  /** How long the hire has a mentor, counted from day one. */
  readonly programmeLengthDays: number;
  /** The coffee moment the mentor proposes in the welcome mail; negative is before day one. */
  readonly coffeeMomentOffsetDays: number;
}

export interface Milestone extends FollowUp, ComplianceFields {
  readonly id: string;
  readonly title: string;
  /** English, for English readers; omitted, they read the Dutch title (templateText.ts). */
  readonly titleEn?: string;
  readonly kind: MilestoneKind;
  /** Days relative to the start date. */
  readonly dueOffsetDays: number;
  readonly responsibleRole: OwnerRole;
}

export interface SurveySettings {
  /** Day after the start date on which the anonymous survey invitation goes out. */
  readonly dayOffset: number;
  /** Days after the invitation for the single reminder. */
  readonly reminderAfterDays: number;
  /** Days after the invitation by which HR calls the new colleague; omitted: no phone follow-up. */
  readonly phoneFollowUpAfterDays?: number;
  /**
   * Short anonymous pulse surveys before the 90-day one (day 30 and 60, say), each with its own questionnaire
   * `pulse-<day>`, link and wave; no reminder and no phone call follow them. Omitted: none.
   */
  readonly pulses?: readonly SurveyPulse[];
}

export interface SurveyPulse {
  /** Day after the start date on which the pulse invitation goes out; before the 90-day invitation. */
  readonly dayOffset: number;
}

/** More pulses would make the survey a chore, which is what the pulses are meant to find out about. */
export const MAX_SURVEY_PULSES = 3;

/**
 * A task of the offboarding checklist: opened when a termination is registered, due on the last working day,
 * completed like any other task. Without a list of its own a template gets DEFAULT_OFFBOARDING_TASKS.
 */
export interface OffboardingTask {
  readonly id: string;
  readonly ownerRole: OwnerRole;
  /** Dutch: people read it. */
  readonly title: string;
  /** English, for English readers; omitted, they read the Dutch title (templateText.ts). */
  readonly titleEn?: string;
}

export interface JourneyTemplate {
  readonly id: string;
  /** Starts at 1; a new version never changes a running journey, which keeps its own copy. */
  readonly version: number;
  readonly organisationId: string;
  readonly name: string;
  readonly preboardingTasks: readonly PreboardingTask[];
  readonly welcomeCard: WelcomeCardSettings;
  readonly mentor: MentorSettings;
  readonly milestones: readonly Milestone[];
  readonly survey: SurveySettings;
  /** Length of the whole programme from day one; completing it ends the journey as `landed`. */
  readonly programmeLengthDays: number;
  readonly offboardingTasks?: readonly OffboardingTask[];
  /** When owners and managers hear of open tasks in their daily digest; omitted: DEFAULT_REMINDER_POLICY. */
  readonly reminderPolicy?: ReminderPolicy;
}

export interface TemplateProblem {
  /** Where in the template, e.g. `milestones[2].dueOffsetDays`. */
  readonly path: string;
  /** Dutch: shown to the HR advisor who edits the template. */
  readonly message: string;
}

/** Pre-boarding may start when the contract is signed; a year ahead is the most we plan for. */
const EARLIEST_OFFSET_DAYS = -365;

/** Every problem at once, so the editor fixes the template in one pass; empty means valid. */
export function validateJourneyTemplate(template: JourneyTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const programmeEnd = template.programmeLengthDays;

  requireText(template.id, 'id', 'Het sjabloon heeft geen id.', report);
  requireText(template.organisationId, 'organisationId', 'Het sjabloon hoort bij geen organisatie.', report);
  requireText(template.name, 'name', 'Het sjabloon heeft geen naam.', report);
  if (!Number.isInteger(template.version) || template.version < 1) {
    report('version', 'De versie moet een heel getal van 1 of hoger zijn.');
  }
  if (!isWholeNumber(template.programmeLengthDays) || template.programmeLengthDays < 1) {
    report('programmeLengthDays', 'De duur van het programma moet een heel aantal dagen van 1 of meer zijn.');
  }

  const seenIds = new Set<string>();
  const checkId = (id: string, path: string) => {
    if (!requireText(id, path, 'Een taak of mijlpaal heeft geen id.', report)) return;
    if (seenIds.has(id)) report(path, `De id "${id}" komt meer dan één keer voor.`);
    seenIds.add(id);
  };

  template.preboardingTasks.forEach((task, index) => {
    const path = `preboardingTasks[${index}]`;
    checkId(task.id, `${path}.id`);
    requireText(task.title, `${path}.title`, 'Een taak heeft een titel nodig.', report);
    checkEnglishTitle(task, path, report);
    checkPlannedStep(task, path, 'ownerRole', EARLIEST_OFFSET_DAYS, 0, report, PREBOARDING_TASK_RANGE);
    problems.push(...sourceProblems(task, path));
  });

  template.offboardingTasks?.forEach((task, index) => {
    const path = `offboardingTasks[${index}]`;
    checkId(task.id, `${path}.id`);
    requireText(task.title, `${path}.title`, 'Een taak heeft een titel nodig.', report);
    checkEnglishTitle(task, path, report);
    checkRole(task.ownerRole, `${path}.ownerRole`, report);
  });

  const card = template.welcomeCard;
  checkPlannedStep(card, 'welcomeCard', 'ownerRole', EARLIEST_OFFSET_DAYS, -1, report, WELCOME_CARD_RANGE);
  if (card.welcomeMailOffsetDays !== undefined) {
    checkOffset(
      card.welcomeMailOffsetDays,
      'welcomeCard.welcomeMailOffsetDays',
      EARLIEST_OFFSET_DAYS,
      0,
      report,
      'De welkomstmail gaat uiterlijk op de eerste werkdag uit (0 of eerder).',
    );
  }

  const mentor = template.mentor;
  if (!isWholeNumber(mentor.answerWindowDays) || mentor.answerWindowDays < 1) {
    report('mentor.answerWindowDays', 'De mentor moet minstens één dag krijgen om te antwoorden.');
  }
  if (typeof mentor.hoursPerWeek !== 'number' || !(mentor.hoursPerWeek > 0 && mentor.hoursPerWeek <= 40)) {
    report('mentor.hoursPerWeek', 'De begeleidingstijd moet tussen 0 en 40 uur per week liggen.');
  }
  checkOffset(
    mentor.programmeLengthDays,
    'mentor.programmeLengthDays',
    1,
    programmeEnd,
    report,
    'De mentorperiode duurt minstens één dag en niet langer dan het programma.',
  );
  checkOffset(
    mentor.coffeeMomentOffsetDays,
    'mentor.coffeeMomentOffsetDays',
    EARLIEST_OFFSET_DAYS,
    -1,
    report,
    'Het koffiemoment met de mentor valt vóór de eerste werkdag (-1 of eerder).',
  );

  template.milestones.forEach((milestone, index) => {
    const path = `milestones[${index}]`;
    const ownProblems = milestoneProblems(milestone, path, programmeEnd);
    problems.push(...ownProblems);
    if (!ownProblems.some((problem) => problem.path === `${path}.id`)) checkId(milestone.id, `${path}.id`);
  });

  const survey = template.survey;
  checkOffset(
    survey.dayOffset,
    'survey.dayOffset',
    1,
    programmeEnd,
    report,
    'De vragenlijst gaat uit na de eerste werkdag en binnen het programma.',
  );
  if (!isWholeNumber(survey.reminderAfterDays) || survey.reminderAfterDays < 1) {
    report('survey.reminderAfterDays', 'De herinnering voor de vragenlijst komt minstens één dag na de uitnodiging.');
  }
  if (
    survey.phoneFollowUpAfterDays !== undefined &&
    (!isWholeNumber(survey.phoneFollowUpAfterDays) || survey.phoneFollowUpAfterDays < 1)
  ) {
    report('survey.phoneFollowUpAfterDays', 'Het nabellen komt minstens één dag na de uitnodiging.');
  }
  if (survey.pulses !== undefined) checkPulses(survey, report);
  problems.push(...gateProblems(gatedItems(template), itemIds(template)));
  if (template.reminderPolicy !== undefined) problems.push(...reminderPolicyProblems(template.reminderPolicy));
  return problems;
}

function checkPulses(survey: SurveySettings, report: Report): void {
  const pulses = survey.pulses ?? [];
  if (pulses.length > MAX_SURVEY_PULSES) {
    report('survey.pulses', `Een sjabloon heeft hoogstens ${MAX_SURVEY_PULSES} korte vragenlijsten.`);
  }
  const days = new Set<number>();
  pulses.forEach((pulse, index) => {
    const path = `survey.pulses[${index}].dayOffset`;
    const day = pulse.dayOffset;
    if (!isWholeNumber(day)) report(path, 'Dit moet een heel aantal dagen zijn.');
    else if (day < 1) report(path, 'Een korte vragenlijst gaat uit na de eerste werkdag (dag 1 of later).');
    else if (isWholeNumber(survey.dayOffset) && day >= survey.dayOffset) {
      report(path, `Een korte vragenlijst gaat uit vóór de vragenlijst van dag ${survey.dayOffset}.`);
    } else if (days.has(day)) report(path, `Er gaat al een korte vragenlijst uit op dag ${day}.`);
    if (isWholeNumber(day)) days.add(day);
  });
}

function gatedItems(template: JourneyTemplate) {
  return [
    ...template.preboardingTasks.map((item, index) => ({ item, path: `preboardingTasks[${index}]` })),
    ...template.milestones.map((item, index) => ({ item, path: `milestones[${index}]` })),
  ];
}

/** The ids a gate may name: the template's tasks and milestones (they share one id space). */
function itemIds(template: JourneyTemplate): Set<string> {
  return new Set([...template.preboardingTasks, ...template.milestones].map((item) => item.id));
}

/** The problems of one milestone; also what an Update validator asks before a per-hire change. */
export function milestoneProblems(milestone: Milestone, path: string, programmeLengthDays: number): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (where: string, message: string) => problems.push({ path: where, message });
  requireText(milestone.id, `${path}.id`, 'Een mijlpaal heeft een id nodig.', report);
  requireText(milestone.title, `${path}.title`, 'Een mijlpaal heeft een titel nodig.', report);
  checkEnglishTitle(milestone, path, report);
  if (!(MILESTONE_KINDS as readonly string[]).includes(milestone.kind)) {
    report(
      `${path}.kind`,
      `Onbekende soort mijlpaal "${String(milestone.kind)}"; kies uit: ${MILESTONE_KINDS.join(', ')}.`,
    );
  }
  checkPlannedStep(milestone, path, 'responsibleRole', 0, programmeLengthDays, report, MILESTONE_RANGE);
  problems.push(...sourceProblems(milestone, path));
  return problems;
}

type Report = (path: string, message: string) => void;

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function requireText(value: unknown, path: string, message: string, report: Report): boolean {
  if (typeof value === 'string' && value.trim() !== '') return true;
  report(path, message);
  return false;
}

/** English is optional (readers fall back to Dutch), but one that is given must say something. */
function checkEnglishTitle(item: { readonly titleEn?: unknown }, path: string, report: Report): void {
  if (item.titleEn === undefined) return;
  requireText(
    item.titleEn,
    `${path}.titleEn`,
    'Een Engelse titel mag niet leeg zijn; laat hem weg of vul hem in.',
    report,
  );
}

const PREBOARDING_TASK_RANGE = 'Een pre-boardingtaak valt uiterlijk op de eerste werkdag (0 of eerder).';
const WELCOME_CARD_RANGE = 'De welkomstkaart moet vóór de eerste werkdag binnen zijn (-1 of eerder).';
const MILESTONE_RANGE = 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.';

/**
 * What a pre-boarding task, the welcome card and a milestone are checked for alike: the role that holds it (under
 * `roleField`), its day from `min` to `max` (else `rangeMessage`) and its reminder and escalation.
 */
function checkPlannedStep<RoleField extends 'ownerRole' | 'responsibleRole'>(
  step: FollowUp & { readonly dueOffsetDays: number } & { readonly [field in RoleField]: unknown },
  path: string,
  roleField: RoleField,
  min: number,
  max: number,
  report: Report,
  rangeMessage: string,
): void {
  checkRole(step[roleField], `${path}.${roleField}`, report);
  checkOffset(step.dueOffsetDays, `${path}.dueOffsetDays`, min, max, report, rangeMessage);
  checkFollowUp(step, path, report);
}

function checkRole(role: unknown, path: string, report: Report): void {
  if (!(OWNER_ROLES as readonly unknown[]).includes(role)) {
    report(path, `Onbekende rol "${String(role)}"; kies uit: ${OWNER_ROLES.join(', ')}.`);
  }
}

function checkOffset(
  value: unknown,
  path: string,
  min: number,
  max: number,
  report: Report,
  rangeMessage: string,
): void {
  if (!isWholeNumber(value)) report(path, 'Dit moet een heel aantal dagen zijn.');
  else if (value < min || value > max) report(path, rangeMessage);
}

function checkFollowUp(followUp: FollowUp, path: string, report: Report): void {
  const { reminderOffsetDays: reminder, escalationOffsetDays: escalation } = followUp;
  if (!isWholeNumber(reminder)) report(`${path}.reminderOffsetDays`, 'De herinnering moet een heel aantal dagen zijn.');
  if (!isWholeNumber(escalation))
    report(`${path}.escalationOffsetDays`, 'Het escaleren moet een heel aantal dagen zijn.');
  else if (escalation < 1) {
    report(
      `${path}.escalationOffsetDays`,
      'Escaleren naar de leidinggevende kan pas als iets te laat is (1 dag of later).',
    );
  } else if (isWholeNumber(reminder) && reminder >= escalation) {
    report(`${path}.reminderOffsetDays`, 'De herinnering moet vóór het escaleren komen.');
  }
  if (followUp.escalateTo !== undefined) checkRole(followUp.escalateTo, `${path}.escalateTo`, report);
}

/** A per-hire change to the learning line, made while the journey runs. */
export type MilestoneChange =
  | { readonly kind: 'add-milestone'; readonly milestone: Milestone }
  | { readonly kind: 'drop-milestone'; readonly milestoneId: string }
  | { readonly kind: 'move-milestone'; readonly milestoneId: string; readonly dueOffsetDays: number };

export class JourneyTemplateChangeError extends Error {
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join(' '));
    this.name = 'JourneyTemplateChangeError';
  }
}

/** Why a change cannot be made; empty when it can. An Update's validator asks this before accepting. */
export function milestoneChangeProblems(template: JourneyTemplate, change: MilestoneChange): TemplateProblem[] {
  switch (change.kind) {
    case 'add-milestone': {
      const problems = milestoneProblems(change.milestone, 'milestone', template.programmeLengthDays);
      const taken = [...template.preboardingTasks, ...template.milestones].some(
        (item) => item.id === change.milestone.id,
      );
      if (taken)
        problems.push({ path: 'milestone.id', message: `De id "${change.milestone.id}" bestaat al in deze reis.` });
      problems.push(...gateProblems([{ item: change.milestone, path: 'milestone' }], itemIds(template)));
      return problems;
    }
    case 'drop-milestone':
      return unknownMilestone(template, change.milestoneId);
    case 'move-milestone': {
      const problems = unknownMilestone(template, change.milestoneId);
      const { dueOffsetDays } = change;
      if (!isWholeNumber(dueOffsetDays) || dueOffsetDays < 0 || dueOffsetDays > template.programmeLengthDays) {
        problems.push({
          path: 'dueOffsetDays',
          message: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
        });
      }
      return problems;
    }
  }
}

/** The template with one change made; the original stays as it was (it may be shared by other journeys). */
export function applyMilestoneChange(template: JourneyTemplate, change: MilestoneChange): JourneyTemplate {
  const problems = milestoneChangeProblems(template, change);
  if (problems.length > 0) throw new JourneyTemplateChangeError(problems);
  switch (change.kind) {
    case 'add-milestone':
      return { ...template, milestones: [...template.milestones, change.milestone] };
    case 'drop-milestone':
      return {
        ...template,
        milestones: template.milestones.filter((milestone) => milestone.id !== change.milestoneId),
      };
    case 'move-milestone':
      return {
        ...template,
        milestones: template.milestones.map((milestone) =>
          milestone.id === change.milestoneId ? { ...milestone, dueOffsetDays: change.dueOffsetDays } : milestone,
        ),
      };
  }
}

export function applyMilestoneChanges(template: JourneyTemplate, changes: readonly MilestoneChange[]): JourneyTemplate {
  return changes.reduce(applyMilestoneChange, template);
}

export const addMilestone = (template: JourneyTemplate, milestone: Milestone): JourneyTemplate =>
  applyMilestoneChange(template, { kind: 'add-milestone', milestone });

export const dropMilestone = (template: JourneyTemplate, milestoneId: string): JourneyTemplate =>
  applyMilestoneChange(template, { kind: 'drop-milestone', milestoneId });

export const moveMilestone = (template: JourneyTemplate, milestoneId: string, dueOffsetDays: number): JourneyTemplate =>
  applyMilestoneChange(template, { kind: 'move-milestone', milestoneId, dueOffsetDays });

function unknownMilestone(template: JourneyTemplate, milestoneId: string): TemplateProblem[] {
  return template.milestones.some((milestone) => milestone.id === milestoneId)
    ? []
    : [{ path: 'milestoneId', message: `Deze reis heeft geen mijlpaal "${milestoneId}".` }];
}
