/**
 * The compliance steps every youth-care template starts with, each with the rule it follows and where that rule
 * is written. Where the law sets a period the due date follows it; where it sets none the due date is the
 * template's assumption, and both the comment and the `source` say so — an organisation tunes it, the law does not.
 * Escalations go to HR, who answers to the inspectorate for these, not to the manager.
 */
import type { FollowUp, Milestone, PreboardingTask } from './journeyTemplate';

export const VOG_APPLICATION_TASK_ID = 'vog-application';
export const VOG_TASK_ID = 'vog-on-file';
export const SKJ_MILESTONE_ID = 'skj-registration';
export const MELDCODE_MILESTONE_ID = 'meldcode-training';
export const FIRST_CASELOAD_MILESTONE_ID = 'first-own-caseload';

/** Assumption: a fortnight's warning before the due day, HR hears the day after it. */
const COMPLIANCE_NUDGES: FollowUp = { reminderOffsetDays: -14, escalationOffsetDays: 1, escalateTo: 'hr' };

const VOG_SOURCE = {
  rule:
    'De jeugdhulpaanbieder of gecertificeerde instelling heeft een verklaring omtrent het gedrag (VOG) van ' +
    'iedereen die beroepsmatig in contact kan komen met jeugdigen of ouders. De VOG is niet eerder afgegeven ' +
    'dan drie maanden vóór de eerste werkdag. Daarom: binnen vóór de eerste werkdag.',
  ruleEn:
    'The youth care provider or certified institution holds a certificate of conduct (VOG) of everyone who may ' +
    'come into contact with young people or parents at work. The VOG is issued no earlier than three months ' +
    'before the first working day. Hence: on file before the first working day.',
  reference: 'Jeugdwet art. 4.1.6 lid 1 en 2',
} as const;

/**
 * The certificate of conduct: asked for by the new hire (Justis sends the request the employer starts; the new
 * hire completes it with DigiD), on file with HR before day one. Four weeks ahead is an assumption that leaves
 * Justis its time and still keeps the VOG within the three months before the start the law allows.
 */
export function vogTasks(): PreboardingTask[] {
  return [
    {
      id: VOG_APPLICATION_TASK_ID,
      ownerRole: 'new-hire',
      title: 'Vraag je verklaring omtrent het gedrag (VOG) aan met de link van Justis',
      titleEn: 'Apply for your certificate of conduct (VOG) with the link from Justis',
      dueOffsetDays: -28, // assumption: four weeks for Justis, and not more than three months before the start
      reminderOffsetDays: -3,
      escalationOffsetDays: 3,
      escalateTo: 'hr',
      source: VOG_SOURCE,
    },
    {
      id: VOG_TASK_ID,
      ownerRole: 'hr',
      title: 'VOG ontvangen en bewaard (vóór de eerste werkdag)',
      titleEn: 'Certificate of conduct (VOG) received and filed (before the first working day)',
      dueOffsetDays: -1, // Jeugdwet art. 4.1.6: before the new colleague starts working
      ...COMPLIANCE_NUDGES,
      source: VOG_SOURCE,
    },
  ];
}

/**
 * Registration in the youth-care professional register and the reporting-code training, due after day one.
 * `skjDueOffsetDays` and `meldcodeDueOffsetDays` are assumptions: the law sets neither period.
 */
export function complianceMilestones(skjDueOffsetDays = 42, meldcodeDueOffsetDays = 90): Milestone[] {
  return [
    {
      id: SKJ_MILESTONE_ID,
      kind: 'registration',
      title: 'Registratie in het Kwaliteitsregister Jeugd (SKJ) rond',
      titleEn: 'Registration in the youth care quality register (SKJ) complete',
      // Assumption: registration takes about four weeks; six weeks after day one, before registered tasks are given.
      dueOffsetDays: skjDueOffsetDays,
      responsibleRole: 'hr',
      ...COMPLIANCE_NUDGES,
      source: {
        rule:
          'Norm van verantwoorde werktoedeling: taken waarvoor het Kwaliteitskader Jeugd een geregistreerde ' +
          'professional (hbo+) vraagt, gaan alleen naar wie in het Kwaliteitsregister Jeugd (SKJ) staat. De wet ' +
          `noemt geen termijn; registratie duurt ongeveer 4 weken, herregistratie volgt elke 5 jaar. De termijn ` +
          `van ${skjDueOffsetDays} dagen na de eerste werkdag is een aanname van dit sjabloon: vóór de eerste ` +
          'taak waarvoor registratie nodig is.',
        ruleEn:
          'Standard of responsible allocation of work: tasks for which the youth care quality framework asks for a ' +
          'registered professional (higher vocational level or above) go only to those in the youth care quality ' +
          'register (SKJ). The law sets no period; registration takes about 4 weeks, re-registration follows every ' +
          `5 years. The period of ${skjDueOffsetDays} days after the first working day is this template's ` +
          'assumption: before the first task that needs registration.',
        reference: 'Besluit Jeugdwet art. 5.1.1 (norm van verantwoorde werktoedeling); Kwaliteitskader Jeugd',
      },
    },
    {
      id: MELDCODE_MILESTONE_ID,
      kind: 'training',
      title: 'Training meldcode huiselijk geweld en kindermishandeling gevolgd',
      titleEn: 'Training on the reporting code for domestic violence and child abuse completed',
      dueOffsetDays: meldcodeDueOffsetDays, // assumption: the law sets no period for the training
      responsibleRole: 'hr',
      ...COMPLIANCE_NUDGES,
      source: {
        rule:
          'De organisatie heeft een meldcode huiselijk geweld en kindermishandeling (met afwegingskader sinds ' +
          '1 januari 2019) en bevordert de kennis en het gebruik ervan. De wet noemt geen termijn voor de ' +
          `training; binnen ${meldcodeDueOffsetDays} dagen na de eerste werkdag is een aanname van dit sjabloon.`,
        ruleEn:
          'The organisation has a reporting code for domestic violence and child abuse (with an assessment ' +
          'framework since 1 January 2019) and promotes knowledge and use of it. The law sets no period for the ' +
          `training; within ${meldcodeDueOffsetDays} days after the first working day is this template's assumption.`,
        reference: 'Wet verplichte meldcode huiselijk geweld en kindermishandeling (sinds 1 juli 2013)',
      },
    },
  ];
}

/** The first own clients: not before the VOG is on file (Jeugdwet art. 4.1.6), so the VOG gates it. */
export function firstOwnCaseload(dueOffsetDays: number): Milestone {
  return {
    id: FIRST_CASELOAD_MILESTONE_ID,
    kind: 'caseload-build-up',
    title: 'Eerste eigen caseload',
    titleEn: 'First caseload of your own',
    dueOffsetDays,
    responsibleRole: 'manager',
    reminderOffsetDays: -7,
    escalationOffsetDays: 7,
    requires: [VOG_TASK_ID],
  };
}

/** Every id the steps above add to a template; a test of other rules may leave them out (`withoutComplianceSteps`). */
export const COMPLIANCE_ITEM_IDS: readonly string[] = [
  VOG_APPLICATION_TASK_ID,
  VOG_TASK_ID,
  SKJ_MILESTONE_ID,
  MELDCODE_MILESTONE_ID,
  FIRST_CASELOAD_MILESTONE_ID,
];
