import type { JourneyTemplate, JourneyTemplateVersion, Milestone, OwnerRole, PreboardingTask } from '../../api/schemas';

/**
 * A template as the publish form holds it: every number as typed (a string), so what the person typed stays in
 * the field whatever the API says about it. The API decides what is missing or wrong; nothing is checked here.
 */
export interface TemplateDraft {
  name: string;
  programmeLengthDays: string;
  preboardingTasks: TaskDraft[];
  milestones: MilestoneDraft[];
  mentor: Record<'answerWindowDays' | 'hoursPerWeek' | 'programmeLengthDays' | 'coffeeMomentOffsetDays', string>;
  welcomeCard: { card: boolean; flowers: boolean; ownerRole: string } & Record<
    'dueOffsetDays' | 'welcomeMailOffsetDays' | 'reminderOffsetDays' | 'escalationOffsetDays',
    string
  >;
  /** `pulses` as typed: the days of the short pulse surveys, separated by commas ("30, 60"); empty for none. */
  survey: Record<'dayOffset' | 'reminderAfterDays' | 'phoneFollowUpAfterDays' | 'pulses', string>;
  /** `daysBefore` as typed: whole numbers separated by commas ("7, 2"). */
  reminderPolicy: { daysBefore: string; overdueDaily: boolean; escalateAfterDays: string };
}
/**
 * What a compliance step carries beside its fields: its legal source, its gates and whom it escalates to. The form
 * shows them and sends them back unchanged, so publishing a new version never drops the rule a step follows.
 */
export type ComplianceDraft = Partial<Pick<PreboardingTask, 'source' | 'requires' | 'escalateTo'>>;
export type TaskDraft = Record<
  'id' | 'ownerRole' | 'title' | 'titleEn' | 'dueOffsetDays' | 'reminderOffsetDays' | 'escalationOffsetDays',
  string
> & {
  compliance?: ComplianceDraft;
  /** Carried unchanged like the compliance fields: the vacancy profile's contact person holds the task. */
  heldByContactPerson?: true;
};
export type MilestoneDraft = Record<
  | 'id'
  | 'title'
  | 'titleEn'
  | 'kind'
  | 'dueOffsetDays'
  | 'responsibleRole'
  | 'reminderOffsetDays'
  | 'escalationOffsetDays',
  string
> & { compliance?: ComplianceDraft };

function complianceOf(item: ComplianceDraft): { compliance?: ComplianceDraft } {
  const { source, requires, escalateTo } = item;
  const compliance = defined({ source, requires, escalateTo });
  return Object.keys(compliance).length > 0 ? { compliance } : {};
}

const text = (value: number | undefined): string => (value === undefined ? '' : String(value));

export function draftOf(template: JourneyTemplate): TemplateDraft {
  const card = template.welcomeCard;
  return {
    name: template.name,
    programmeLengthDays: text(template.programmeLengthDays),
    preboardingTasks: template.preboardingTasks.map((task) => ({
      id: task.id,
      ownerRole: task.ownerRole,
      title: task.title,
      titleEn: task.titleEn ?? '',
      dueOffsetDays: text(task.dueOffsetDays),
      reminderOffsetDays: text(task.reminderOffsetDays),
      escalationOffsetDays: text(task.escalationOffsetDays),
      ...complianceOf(task),
      ...(task.heldByContactPerson ? { heldByContactPerson: true as const } : {}),
    })),
    milestones: template.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      titleEn: milestone.titleEn ?? '',
      kind: milestone.kind,
      dueOffsetDays: text(milestone.dueOffsetDays),
      responsibleRole: milestone.responsibleRole,
      reminderOffsetDays: text(milestone.reminderOffsetDays),
      escalationOffsetDays: text(milestone.escalationOffsetDays),
      ...complianceOf(milestone),
    })),
    mentor: {
      answerWindowDays: text(template.mentor.answerWindowDays),
      hoursPerWeek: text(template.mentor.hoursPerWeek),
      programmeLengthDays: text(template.mentor.programmeLengthDays),
      coffeeMomentOffsetDays: text(template.mentor.coffeeMomentOffsetDays),
    },
    welcomeCard: {
      card: card.card,
      flowers: card.flowers,
      ownerRole: card.ownerRole,
      dueOffsetDays: text(card.dueOffsetDays),
      welcomeMailOffsetDays: text(card.welcomeMailOffsetDays),
      reminderOffsetDays: text(card.reminderOffsetDays),
      escalationOffsetDays: text(card.escalationOffsetDays),
    },
    survey: {
      dayOffset: text(template.survey.dayOffset),
      reminderAfterDays: text(template.survey.reminderAfterDays),
      phoneFollowUpAfterDays: text(template.survey.phoneFollowUpAfterDays),
      pulses: (template.survey.pulses ?? []).map((pulse) => pulse.dayOffset).join(', '),
    },
    reminderPolicy: reminderPolicyDraftOf(template.reminderPolicy),
  };
}

/** A template without a policy has the journey's defaults (workflows/domain/reminderPolicy.ts): shown as such. */
function reminderPolicyDraftOf(policy: JourneyTemplate['reminderPolicy']): TemplateDraft['reminderPolicy'] {
  return {
    daysBefore: (policy?.daysBefore ?? [7, 2]).join(', '),
    overdueDaily: policy?.overdueDaily ?? true,
    escalateAfterDays: text(policy?.escalateAfterDays),
  };
}

/** The defaults are sent as no policy at all: a template published unchanged stays as it was. */
function reminderPolicyOf(policy: TemplateDraft['reminderPolicy']): Pick<JourneyTemplateVersion, 'reminderPolicy'> {
  const defaults = reminderPolicyDraftOf(undefined);
  const days = dayList(policy.daysBefore);
  const unchanged =
    days.join(', ') === defaults.daysBefore &&
    policy.overdueDaily === defaults.overdueDaily &&
    policy.escalateAfterDays.trim() === '';
  if (unchanged) return {};
  return {
    reminderPolicy: defined({
      daysBefore: days,
      overdueDaily: policy.overdueDaily,
      escalateAfterDays: number(policy.escalateAfterDays),
    }) as NonNullable<JourneyTemplateVersion['reminderPolicy']>,
  };
}

/** Where the API places a problem with one typed pulse day; the one pulses field shows them all. */
export function pulsePointers(draft: TemplateDraft): string[] {
  return dayList(draft.survey.pulses).map((_, index) => `/survey/pulses/${index}/dayOffset`);
}

/** No pulse days are sent as no pulses at all: a template published unchanged stays as it was. */
function pulsesOf(value: string): Pick<JourneyTemplateVersion['survey'], 'pulses'> {
  const days = dayList(value);
  return days.length === 0 ? {} : { pulses: days.map((dayOffset) => ({ dayOffset })) };
}

/** "7, 2" → [7, 2]; what is no number goes as typed, so the API names the place that is wrong. */
function dayList(value: string): number[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (/^-?\d+$/.test(part) ? Number(part) : (part as unknown as number)));
}

export const EMPTY_TASK: TaskDraft = {
  id: '',
  ownerRole: 'hr',
  title: '',
  titleEn: '',
  dueOffsetDays: '',
  reminderOffsetDays: '',
  escalationOffsetDays: '',
};
export const EMPTY_MILESTONE: MilestoneDraft = {
  id: '',
  title: '',
  titleEn: '',
  kind: 'training',
  dueOffsetDays: '',
  responsibleRole: 'manager',
  reminderOffsetDays: '',
  escalationOffsetDays: '',
};

/** A typed number: left out when empty (the API names what is missing), else as the browser reads it. */
function number(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

/** English is optional: an empty field sends none, and readers of English see the Dutch title. */
function englishTitle(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

/** Properties left undefined are not sent at all. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** The request publishing the draft as `version`. */
export function versionOf(draft: TemplateDraft, version: number): JourneyTemplateVersion {
  return {
    version,
    name: draft.name.trim(),
    programmeLengthDays: number(draft.programmeLengthDays)!,
    preboardingTasks: draft.preboardingTasks.map(
      (task) =>
        defined({
          id: task.id.trim(),
          ownerRole: task.ownerRole as OwnerRole,
          title: task.title.trim(),
          titleEn: englishTitle(task.titleEn),
          dueOffsetDays: number(task.dueOffsetDays),
          reminderOffsetDays: number(task.reminderOffsetDays),
          escalationOffsetDays: number(task.escalationOffsetDays),
          ...task.compliance,
          ...(task.heldByContactPerson ? { heldByContactPerson: true } : {}),
        }) as PreboardingTask,
    ),
    milestones: draft.milestones.map(
      (milestone) =>
        defined({
          id: milestone.id.trim(),
          title: milestone.title.trim(),
          titleEn: englishTitle(milestone.titleEn),
          kind: milestone.kind as Milestone['kind'],
          dueOffsetDays: number(milestone.dueOffsetDays),
          responsibleRole: milestone.responsibleRole as OwnerRole,
          reminderOffsetDays: number(milestone.reminderOffsetDays),
          escalationOffsetDays: number(milestone.escalationOffsetDays),
          ...milestone.compliance,
        }) as Milestone,
    ),
    mentor: defined({
      answerWindowDays: number(draft.mentor.answerWindowDays),
      hoursPerWeek: number(draft.mentor.hoursPerWeek),
      programmeLengthDays: number(draft.mentor.programmeLengthDays),
      coffeeMomentOffsetDays: number(draft.mentor.coffeeMomentOffsetDays),
    }) as JourneyTemplateVersion['mentor'],
    welcomeCard: defined({
      card: draft.welcomeCard.card,
      flowers: draft.welcomeCard.flowers,
      ownerRole: draft.welcomeCard.ownerRole as OwnerRole,
      dueOffsetDays: number(draft.welcomeCard.dueOffsetDays),
      welcomeMailOffsetDays: number(draft.welcomeCard.welcomeMailOffsetDays),
      reminderOffsetDays: number(draft.welcomeCard.reminderOffsetDays),
      escalationOffsetDays: number(draft.welcomeCard.escalationOffsetDays),
    }) as JourneyTemplateVersion['welcomeCard'],
    survey: defined({
      dayOffset: number(draft.survey.dayOffset),
      reminderAfterDays: number(draft.survey.reminderAfterDays),
      phoneFollowUpAfterDays: number(draft.survey.phoneFollowUpAfterDays),
      ...pulsesOf(draft.survey.pulses),
    }) as JourneyTemplateVersion['survey'],
    ...reminderPolicyOf(draft.reminderPolicy),
  };
}

/** The pointer of every field the form shows for the draft: the API's word on any other place goes to the alert. */
export function templatePointers(draft: TemplateDraft): string[] {
  return [
    '/name',
    '/programmeLengthDays',
    ...draft.preboardingTasks.flatMap((task, index) =>
      Object.keys(task).map((key) => `/preboardingTasks/${index}/${key}`),
    ),
    ...draft.milestones.flatMap((milestone, index) =>
      Object.keys(milestone).map((key) => `/milestones/${index}/${key}`),
    ),
    ...Object.keys(draft.mentor).map((key) => `/mentor/${key}`),
    ...Object.keys(draft.welcomeCard).map((key) => `/welcomeCard/${key}`),
    ...Object.keys(draft.survey).map((key) => `/survey/${key}`),
    ...pulsePointers(draft),
    ...Object.keys(draft.reminderPolicy).map((key) => `/reminderPolicy/${key}`),
  ];
}
