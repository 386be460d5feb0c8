/**
 * Three starting templates, each after an organisation the research holds up as good practice. Every line says
 * where it comes from: `000` is the "Inwerken en behouden" working-group recommendation (2021) as summarised in
 * shared/domain.md. Where the research gives no number, the line says "assumption" — a default to be tuned by
 * the organisation, not a finding. Organisations copy one of these and change it; nothing here is binding —
 * except the youth-care compliance steps (youthCareCompliance.ts), which cite the law they follow.
 */
import type { FollowUp, JourneyTemplate, OffboardingTask, PreboardingTask } from './journeyTemplate';
import { complianceMilestones, firstOwnCaseload, vogTasks } from './youthCareCompliance';

/** Assumption: nudge two days before the due day, escalate to the manager three days after it. */
const NUDGES: FollowUp = { reminderOffsetDays: -2, escalationOffsetDays: 3 };
/** Assumption: milestones are weeks apart, so a week's warning and a week's grace before escalation. */
const MILESTONE_NUDGES: FollowUp = { reminderOffsetDays: -7, escalationOffsetDays: 7 };

/**
 * The offboarding checklist a template gets unless it sets its own (`offboardingTasks`). Leaving is the last
 * step of the journey the research follows (000, stage 6: the exit interview); what has to be done around it is
 * the mirror of pre-boarding — what facilities and IT handed out comes back or is switched off, and in youth
 * care above all the leaver's clients and cases go to a colleague before the last day, so no child or family
 * is left without a worker (assumption: the three owners below; organisations add their own).
 */
export const DEFAULT_OFFBOARDING_TASKS: readonly OffboardingTask[] = [
  {
    id: 'returned-items',
    ownerRole: 'facilities',
    title: 'Laptop, telefoon, pas en sleutels innemen',
    titleEn: 'Collect laptop, phone, pass and keys',
  },
  {
    id: 'access-removed',
    ownerRole: 'it',
    title: 'Accounts en toegang tot systemen intrekken',
    titleEn: 'Revoke accounts and access to systems',
  },
  {
    id: 'clients-and-cases-handed-over',
    ownerRole: 'manager',
    title: 'Cliënten en dossiers overdragen aan een collega',
    titleEn: 'Hand over clients and case files to a colleague',
  },
];

/** The pre-boarding every good example shares (000, stage 2). */
function commonPreboarding(): PreboardingTask[] {
  return [
    // 000 stage 2: read the new colleague's CV and ask the interviewers what stood out.
    {
      id: 'read-cv-and-ask-interviewers',
      ownerRole: 'manager',
      title: 'Lees het cv en vraag de sollicitatiecommissie wat opviel',
      titleEn: 'Read the CV and ask the interview panel what stood out',
      dueOffsetDays: -14,
      ...NUDGES,
    },
    // 000 stage 2: a message from the team before the first day — what the team looks forward to.
    {
      id: 'team-message-before-day-one',
      ownerRole: 'team',
      title: 'Stuur als team een bericht: waar kijken we naar uit?',
      titleEn: 'Send a message as a team: what are we looking forward to?',
      dueOffsetDays: -7,
      ...NUDGES,
    },
    // 000 cost calculator, recruitment: "preparing systems and practicalities" in advance.
    {
      id: 'accounts-ready',
      ownerRole: 'it',
      title: 'Accounts en systemen klaarzetten',
      titleEn: 'Set up accounts and systems',
      dueOffsetDays: -3,
      ...NUDGES,
    },
    // 000 cost calculator, onboarding: practical matters (systems, equipment).
    {
      id: 'workplace-and-equipment-ready',
      ownerRole: 'facilities',
      title: 'Werkplek, laptop en telefoon klaarzetten',
      titleEn: 'Prepare workplace, laptop and phone',
      dueOffsetDays: -3,
      ...NUDGES,
    },
    // Jeugdwet art. 4.1.6: the certificate of conduct, asked for and on file before day one.
    ...vogTasks(),
  ];
}

/** The team's welcome card without flowers (000 stage 3: the card; flowers are RvdK's practice). */
function cardWithoutFlowers(): JourneyTemplate['welcomeCard'] {
  return {
    card: true,
    flowers: false,
    ownerRole: 'team',
    dueOffsetDays: -2, // assumption
    welcomeMailOffsetDays: -7, // assumption
    ...NUDGES,
  };
}

export const rvdkTemplate: JourneyTemplate = {
  id: 'rvdk-two-year-programme',
  version: 1,
  organisationId: 'rvdk',
  name: 'Raad voor de Kinderbescherming: inwerkprogramma van twee jaar',
  preboardingTasks: [
    ...commonPreboarding(),
    // 000 stage 1: RvdK has one contact person during and after recruitment.
    {
      id: 'contact-person-introduces',
      ownerRole: 'hr',
      title: 'Vaste contactpersoon belt de nieuwe collega',
      titleEn: 'The contact person calls the new colleague',
      dueOffsetDays: -21,
      // The vacancy profile's contact person holds it; HR does for a hire registered without one.
      heldByContactPerson: true,
      ...NUDGES,
    },
  ],
  welcomeCard: {
    card: true, // 000 stage 3: "starts with a welcome card in the letterbox".
    flowers: true, // 000 stage 3: RvdK welcomes everyone with flowers.
    ownerRole: 'team',
    dueOffsetDays: -2, // assumption: in the letterbox a couple of days before day one.
    welcomeMailOffsetDays: -7, // 000 stage 3: a welcome mail; a week ahead is an assumption.
    ...NUDGES,
  },
  mentor: {
    answerWindowDays: 3, // assumption: pre-boarding is short, a mentor answers within days.
    hoursPerWeek: 5, // assumption: RvdK gives "extra time" (000 stage 4) without a number; Rivierenland's 5 h/week.
    programmeLengthDays: 365, // assumption: Molendrift's mentor for the first year (000 stage 4).
    coffeeMomentOffsetDays: -5, // 000 stage 3: the mentor plans a coffee moment in the welcome mail; the day is an assumption.
  },
  milestones: [
    // 000 stage 5: RvdK trains four products over two years; evenly spread is an assumption.
    {
      id: 'product-training-1',
      kind: 'training',
      title: 'Training product 1 van 4',
      titleEn: 'Product training 1 of 4',
      dueOffsetDays: 90,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    {
      id: 'product-training-2',
      kind: 'training',
      title: 'Training product 2 van 4',
      titleEn: 'Product training 2 of 4',
      dueOffsetDays: 270,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    {
      id: 'product-training-3',
      kind: 'training',
      title: 'Training product 3 van 4',
      titleEn: 'Product training 3 of 4',
      dueOffsetDays: 450,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    {
      id: 'product-training-4',
      kind: 'training',
      title: 'Training product 4 van 4',
      titleEn: 'Product training 4 of 4',
      dueOffsetDays: 630,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    // 000 stage 5: tailor the programme — experienced hires find a full one a straitjacket; a talk to tailor it is an assumption.
    {
      id: 'tailor-programme',
      kind: 'coach-talk',
      title: 'Gesprek: past het programma bij jou?',
      titleEn: 'Conversation: does the programme suit you?',
      dueOffsetDays: 30,
      responsibleRole: 'mentor',
      ...MILESTONE_NUDGES,
    },
    // youthCareCompliance.ts: SKJ registration and the reporting-code training (periods are assumptions there).
    ...complianceMilestones(),
    // assumption: own cases after the first month; gated by the VOG (Jeugdwet art. 4.1.6).
    firstOwnCaseload(30),
  ],
  survey: {
    dayOffset: 90, // 000 stage 6: an anonymous survey after 90 days.
    reminderAfterDays: 7, // assumption: one reminder a week later.
    phoneFollowUpAfterDays: 14, // 000 stage 6: RvdK calls everyone afterwards; two weeks is an assumption.
  },
  programmeLengthDays: 730, // 000 stage 5: four products over two years.
};

export const jbWestTemplate: JourneyTemplate = {
  id: 'jbwest-learning-line',
  version: 1,
  organisationId: 'jeugdbescherming-west',
  name: 'Jeugdbescherming west: eerste jaar met leerlijn',
  preboardingTasks: commonPreboarding(),
  // 000 stage 3: the welcome card; JB west's own welcome is not described, and the flowers are RvdK's, not JB west's.
  welcomeCard: cardWithoutFlowers(),
  mentor: {
    answerWindowDays: 3, // assumption
    hoursPerWeek: 4, // assumption: JB west adds a development coach and intervision, so the mentor needs less than 5 h.
    programmeLengthDays: 365, // 000 stage 5: the support described is JB west's first year.
    coffeeMomentOffsetDays: -5, // assumption
  },
  milestones: [
    // 000 stage 5: the first year has a learning line (training).
    {
      id: 'learning-line-start',
      kind: 'training',
      title: 'Start leerlijn',
      titleEn: 'Start of the learning line',
      dueOffsetDays: 14,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    // 000 stage 5: guided intervision with other starters; every two months is an assumption.
    {
      id: 'intervision-1',
      kind: 'intervision',
      title: 'Begeleide intervisie met andere starters (1)',
      titleEn: 'Guided peer review with other starters (1)',
      dueOffsetDays: 60,
      responsibleRole: 'hr',
      ...MILESTONE_NUDGES,
    },
    {
      id: 'intervision-2',
      kind: 'intervision',
      title: 'Begeleide intervisie met andere starters (2)',
      titleEn: 'Guided peer review with other starters (2)',
      dueOffsetDays: 120,
      responsibleRole: 'hr',
      ...MILESTONE_NUDGES,
    },
    {
      id: 'intervision-3',
      kind: 'intervision',
      title: 'Begeleide intervisie met andere starters (3)',
      titleEn: 'Guided peer review with other starters (3)',
      dueOffsetDays: 180,
      responsibleRole: 'hr',
      ...MILESTONE_NUDGES,
    },
    {
      id: 'intervision-4',
      kind: 'intervision',
      title: 'Begeleide intervisie met andere starters (4)',
      titleEn: 'Guided peer review with other starters (4)',
      dueOffsetDays: 240,
      responsibleRole: 'hr',
      ...MILESTONE_NUDGES,
    },
    // 000 stage 5: a personal-development coach; the first talk in month one is an assumption.
    {
      id: 'development-coach-intake',
      kind: 'coach-talk',
      title: 'Kennismaking met je persoonlijke ontwikkelcoach',
      titleEn: 'Meet your personal development coach',
      dueOffsetDays: 30,
      responsibleRole: 'hr',
      ...MILESTONE_NUDGES,
    },
    // 000 stage 5: room to build up the caseload; the halfway check is an assumption.
    {
      id: 'caseload-build-up-halfway',
      kind: 'caseload-build-up',
      title: 'Opbouw caseload: halverwege',
      titleEn: 'Caseload build-up: halfway',
      dueOffsetDays: 106,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    // 000 stage 5: full caseload after 7 months (7 × 30.4 ≈ 213 days).
    {
      id: 'full-caseload',
      kind: 'caseload-build-up',
      title: 'Volledige caseload (na 7 maanden)',
      titleEn: 'Full caseload (after 7 months)',
      dueOffsetDays: 213,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    // 000 stage 5: a development assessment; at the end of the first year is an assumption.
    {
      id: 'development-assessment',
      kind: 'development-assessment',
      title: 'Ontwikkelassessment',
      titleEn: 'Development assessment',
      dueOffsetDays: 330,
      responsibleRole: 'hr',
      ...MILESTONE_NUDGES,
    },
    // youthCareCompliance.ts: SKJ registration and the reporting-code training (periods are assumptions there).
    ...complianceMilestones(),
    // assumption: the caseload build-up (000 stage 5) starts after the first month; gated by the VOG.
    firstOwnCaseload(30),
  ],
  survey: {
    dayOffset: 90, // 000 stage 6 (RvdK's practice, the product's default survey day).
    reminderAfterDays: 7, // assumption
    // No phone follow-up: calling everyone is RvdK's practice (000 stage 6); an organisation can switch it on.
  },
  programmeLengthDays: 365, // 000 stage 5: "JB west's first year".
};

export const rivierenlandTemplate: JourneyTemplate = {
  id: 'rivierenland-team',
  version: 1,
  organisationId: 'rivierenland',
  name: 'Team Rivierenland: eerste maand zonder caseload',
  preboardingTasks: commonPreboarding(),
  welcomeCard: cardWithoutFlowers(),
  mentor: {
    answerWindowDays: 3, // assumption
    hoursPerWeek: 5, // 000 stage 4: five hours a week of mentoring by an experienced colleague.
    programmeLengthDays: 365, // assumption: Molendrift's first-year mentor (000 stage 4); Rivierenland gives no length.
    coffeeMomentOffsetDays: -5, // assumption
  },
  milestones: [
    // 000 stage 5: Rivierenland starts the first month without caseload; the milestone marks its end.
    {
      id: 'first-month-without-caseload',
      kind: 'no-caseload-period',
      title: 'Eerste maand zonder caseload afgerond',
      titleEn: 'First month without caseload completed',
      dueOffsetDays: 30,
      responsibleRole: 'manager',
      ...MILESTONE_NUDGES,
    },
    // assumption: after the caseload-free month the caseload is built up; a check at three months.
    {
      id: 'caseload-build-up-check',
      kind: 'caseload-build-up',
      title: 'Opbouw caseload: hoe gaat het?',
      titleEn: 'Caseload build-up: how is it going?',
      dueOffsetDays: 90,
      responsibleRole: 'mentor',
      ...MILESTONE_NUDGES,
    },
    // youthCareCompliance.ts: SKJ registration and the reporting-code training (periods are assumptions there).
    ...complianceMilestones(),
    // 000 stage 5: own cases only after the caseload-free first month; gated by the VOG (Jeugdwet art. 4.1.6).
    firstOwnCaseload(31),
  ],
  survey: {
    dayOffset: 90, // 000 stage 6 (the product's default survey day).
    reminderAfterDays: 7, // assumption
  },
  programmeLengthDays: 365, // assumption: the mentoring year.
};

export const DEFAULT_TEMPLATES: readonly JourneyTemplate[] = [rvdkTemplate, jbWestTemplate, rivierenlandTemplate];
