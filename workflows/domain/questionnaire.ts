/**
 * The anonymous survey's questionnaire: versioned per organisation (published as events, like journey templates),
 * with item ids that stay the same across versions so that a trend per item survives an edit of its wording.
 * The default is grounded in the research (shared/domain.md): RvdK's 90-day topics, the three basic needs and the
 * ten ingredients of an attractive organisation (000, 001), an eNPS item, intention to stay and two open questions.
 */

import { pulseDayOf } from './surveyIds';

export type Language = 'nl' | 'en';
export type Texts = Readonly<Record<Language, string>>;

/** What an item is about: reports group items by it, and the yearly analysis names a person responsible per topic. */
export type SurveyTopic =
  | 'recruitment'
  | 'selection'
  | 'first-ninety-days'
  | 'guidance'
  | 'basic-needs'
  | 'attractive-organisation'
  | 'loyalty'
  | 'open';

/** Likert: 1 (strongly disagree) to 5 (strongly agree); eNPS: 0 to 10; open: free text, never required. */
export type SurveyItemKind = 'likert' | 'enps' | 'open';

export interface SurveyItem {
  /** Stable across versions: answers and trends are keyed by it. */
  readonly id: string;
  readonly kind: SurveyItemKind;
  readonly topic: SurveyTopic;
  readonly text: Texts;
}

export interface Questionnaire {
  readonly organisationId: string;
  readonly id: string;
  readonly version: number;
  readonly name: Texts;
  /** k: the smallest group a report shows. An organisation may raise it above the floor, never lower it. */
  readonly minimumGroupSize: number;
  readonly items: readonly SurveyItem[];
}

export const MINIMUM_GROUP_SIZE_FLOOR = 5;
export const OPEN_ANSWER_MAX_LENGTH = 2_000;
export const NINETY_DAY_QUESTIONNAIRE_ID = 'ninety-days';
export const SCALES: Readonly<Record<Exclude<SurveyItemKind, 'open'>, { readonly min: number; readonly max: number }>> =
  {
    likert: { min: 1, max: 5 },
    enps: { min: 0, max: 10 },
  };

const likert = (id: string, topic: SurveyTopic, nl: string, en: string): SurveyItem => ({
  id,
  kind: 'likert',
  topic,
  text: { nl, en },
});

export const DEFAULT_QUESTIONNAIRE: Omit<Questionnaire, 'organisationId'> = {
  id: NINETY_DAY_QUESTIONNAIRE_ID,
  version: 1,
  name: { nl: 'Je eerste 90 dagen', en: 'Your first 90 days' },
  minimumGroupSize: MINIMUM_GROUP_SIZE_FLOOR,
  items: [
    // RvdK's 90-day survey asks about recruitment, selection and the first 90 days, e.g. guidance (000, stage 6).
    likert(
      'recruitment-clear-expectations',
      'recruitment',
      'De vacature en de gesprekken gaven een eerlijk beeld van het werk.',
      'The vacancy and the interviews gave an honest picture of the work.',
    ),
    likert(
      'recruitment-one-contact',
      'recruitment',
      'Tijdens de werving had ik één vast aanspreekpunt.',
      'During recruitment I had one steady contact person.',
    ),
    likert(
      'selection-fair',
      'selection',
      'De selectie verliep zorgvuldig en respectvol.',
      'Selection was careful and respectful.',
    ),
    likert(
      'first-days-welcome',
      'first-ninety-days',
      'Ik voelde me welkom op mijn eerste werkdag.',
      'I felt welcome on my first working day.',
    ),
    likert(
      'first-days-practicalities',
      'first-ninety-days',
      'Systemen en praktische zaken waren op tijd geregeld.',
      'Systems and practicalities were arranged in time.',
    ),
    likert(
      'first-days-caseload',
      'first-ninety-days',
      'Mijn werk werd in een haalbaar tempo opgebouwd.',
      'My work was built up at a manageable pace.',
    ),
    likert(
      'guidance-mentor',
      'guidance',
      'Mijn mentor had tijd en aandacht voor mij.',
      'My mentor had time and attention for me.',
    ),
    likert(
      'guidance-manager',
      'guidance',
      'Mijn leidinggevende ondersteunde me in mijn eerste maanden.',
      'My manager supported me in my first months.',
    ),
    // The three basic needs (000): being seen and heard, belonging, mattering.
    likert('need-seen-heard', 'basic-needs', 'Ik word gezien en gehoord.', 'I am seen and heard.'),
    likert('need-belonging', 'basic-needs', 'Ik hoor erbij in mijn team.', 'I belong in my team.'),
    likert(
      'need-mattering',
      'basic-needs',
      'Mijn werk doet ertoe; ik heb invloed.',
      'My work matters; I make a difference.',
    ),
    // The ten ingredients of an attractive organisation (001, survey of 308 staff).
    likert(
      'ingredient-child-first',
      'attractive-organisation',
      'Het belang van kinderen en jongeren staat hier voorop.',
      'The interest of children and young people comes first here.',
    ),
    likert(
      'ingredient-reflection',
      'attractive-organisation',
      'Er is tijd voor reflectie en om ideeën te ontwikkelen.',
      'There is time for reflection and for developing ideas.',
    ),
    likert(
      'ingredient-appreciation',
      'attractive-organisation',
      'Ik krijg waardering en erkenning.',
      'I get appreciation and recognition.',
    ),
    likert(
      'ingredient-trust',
      'attractive-organisation',
      'Er is een cultuur van vertrouwen.',
      'There is a culture of trust.',
    ),
    likert(
      'ingredient-work-pleasure',
      'attractive-organisation',
      'Er is aandacht voor werkplezier.',
      'There is attention to work pleasure.',
    ),
    likert(
      'ingredient-talents',
      'attractive-organisation',
      'Mijn talenten worden goed benut.',
      'My talents are put to good use.',
    ),
    likert(
      'ingredient-few-rules',
      'attractive-organisation',
      'Regels en bureaucratie houden me niet van mijn werk.',
      'Rules and bureaucracy do not keep me from my work.',
    ),
    likert(
      'ingredient-interesting-work',
      'attractive-organisation',
      'Mijn werk is interessant.',
      'My work is interesting.',
    ),
    likert(
      'ingredient-development',
      'attractive-organisation',
      'Ik kan me hier professioneel ontwikkelen.',
      'I can develop professionally here.',
    ),
    likert(
      'ingredient-workload',
      'attractive-organisation',
      'Er is aandacht voor mijn werkdruk.',
      'My workload gets attention.',
    ),
    {
      id: 'enps',
      kind: 'enps',
      topic: 'loyalty',
      text: {
        nl: 'Hoe waarschijnlijk is het dat je deze organisatie als werkgever aanbeveelt aan een vriend of bekende?',
        en: 'How likely are you to recommend this organisation as an employer to a friend?',
      },
    },
    likert(
      'intention-to-stay',
      'loyalty',
      'Ik zie mezelf hier over een jaar nog werken.',
      'I see myself still working here a year from now.',
    ),
    {
      id: 'open-would-have-helped',
      kind: 'open',
      topic: 'open',
      text: { nl: 'Wat had je geholpen?', en: 'What would have helped you?' },
    },
    {
      id: 'open-keep-doing',
      kind: 'open',
      topic: 'open',
      text: { nl: 'Wat moeten we vooral houden?', en: 'What should we definitely keep?' },
    },
  ],
};

/**
 * The short pulse survey a template may send before the 90-day one (day 30 and 60, say): five scale items on the
 * first weeks and the basic needs (000: being seen and heard, belonging), one open question. Each pulse day has
 * its own copy under `pulse-<day>` (defaultQuestionnaireOf), so its answers form a wave and a trend of their own.
 */
export const DEFAULT_PULSE_QUESTIONNAIRE: Omit<Questionnaire, 'organisationId'> = {
  id: 'pulse',
  version: 1,
  name: { nl: 'Hoe gaat het?', en: 'How are you doing?' },
  minimumGroupSize: MINIMUM_GROUP_SIZE_FLOOR,
  items: [
    likert('pulse-welcome', 'first-ninety-days', 'Ik voel me welkom in mijn team.', 'I feel welcome in my team.'),
    likert(
      'pulse-expectations',
      'first-ninety-days',
      'Ik weet wat er in mijn werk van mij verwacht wordt.',
      'I know what is expected of me in my work.',
    ),
    likert(
      'pulse-mentor-help',
      'guidance',
      'Mijn mentor helpt me verder als ik ergens mee zit.',
      'My mentor helps me when I am stuck with something.',
    ),
    // The same item as the 90-day survey's, so the need can be followed from the first weeks to day 90.
    likert('need-seen-heard', 'basic-needs', 'Ik word gezien en gehoord.', 'I am seen and heard.'),
    likert(
      'pulse-workload',
      'first-ninety-days',
      'De hoeveelheid werk is voor mij nu goed te doen.',
      'The amount of work is manageable for me right now.',
    ),
    {
      id: 'open-would-help-now',
      kind: 'open',
      topic: 'open',
      text: { nl: 'Wat zou je nu helpen?', en: 'What would help you now?' },
    },
  ],
};

/**
 * The built-in version 1 of a questionnaire: the 90-day default, or the pulse default named for its day; undefined
 * for any other id (an organisation's own questionnaire starts at version 2, published).
 */
export function defaultQuestionnaireOf(questionnaireId: string): Omit<Questionnaire, 'organisationId'> | undefined {
  if (questionnaireId === DEFAULT_QUESTIONNAIRE.id) return DEFAULT_QUESTIONNAIRE;
  const day = pulseDayOf(questionnaireId);
  if (day === undefined) return undefined;
  return {
    ...DEFAULT_PULSE_QUESTIONNAIRE,
    id: questionnaireId,
    name: { nl: `Je eerste ${day} dagen`, en: `Your first ${day} days` },
  };
}

export interface QuestionnaireProblem {
  readonly path: string;
  readonly message: string;
}

const ITEM_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The rules between the fields that a JSON Schema cannot say; the messages are Dutch, like the journey's. */
export function validateQuestionnaire(questionnaire: Questionnaire, previous?: Questionnaire): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  if (!Number.isInteger(questionnaire.minimumGroupSize) || questionnaire.minimumGroupSize < MINIMUM_GROUP_SIZE_FLOOR) {
    report('minimumGroupSize', `De kleinste groep in een rapport is minstens ${MINIMUM_GROUP_SIZE_FLOOR} mensen.`);
  }
  if (previous && questionnaire.minimumGroupSize < previous.minimumGroupSize) {
    report('minimumGroupSize', `De kleinste groep kan omhoog, niet omlaag (nu ${previous.minimumGroupSize}).`);
  }
  const seen = new Set<string>();
  questionnaire.items.forEach((item, index) => {
    if (!ITEM_ID.test(item.id))
      report(`items[${index}].id`, 'Een vraag-id is kort, met kleine letters, cijfers en streepjes.');
    if (seen.has(item.id)) report(`items[${index}].id`, `De vraag-id "${item.id}" komt twee keer voor.`);
    seen.add(item.id);
    const before = previous?.items.find((candidate) => candidate.id === item.id);
    // A stable id means the same kind of answer: a trend across versions compares like with like.
    if (before && before.kind !== item.kind)
      report(
        `items[${index}].kind`,
        `Vraag "${item.id}" was een ${before.kind}-vraag; geef een nieuwe vraag een nieuwe id.`,
      );
  });
  if (!questionnaire.items.some((item) => item.kind !== 'open'))
    report('items', 'Een vragenlijst heeft minstens één vraag met een schaal.');
  return problems;
}

export interface SurveyAnswer {
  readonly itemId: string;
  readonly value?: number;
  readonly text?: string;
}

export type AnswerProblemKind =
  | 'unknown-item'
  | 'out-of-range'
  | 'missing-answer'
  | 'duplicate-item'
  | 'text-too-long'
  | 'wrong-answer-type';

export interface AnswerProblem {
  readonly index: number | null;
  readonly itemId: string;
  readonly kind: AnswerProblemKind;
}

/** The answers as the store keeps them: a value for every scale item, a text for open items that were answered. */
export type AnswerSet = Readonly<Record<string, number | string>>;

/**
 * Checks a submission against the questionnaire it was invited to. Every scale item is required, so every figure
 * of a group stems from the same people: an item skipped by some would make its own, smaller group.
 */
export function validateAnswers(
  questionnaire: Questionnaire,
  answers: readonly SurveyAnswer[],
): { ok: true; answers: AnswerSet } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const byId = new Map(questionnaire.items.map((item) => [item.id, item]));
  const result: Record<string, number | string> = {};
  for (const [index, answer] of answers.entries()) {
    const item = byId.get(answer.itemId);
    if (!item) {
      problems.push({ index, itemId: answer.itemId, kind: 'unknown-item' });
      continue;
    }
    if (answer.itemId in result) {
      problems.push({ index, itemId: answer.itemId, kind: 'duplicate-item' });
      continue;
    }
    if (item.kind === 'open') {
      if (typeof answer.text !== 'string' || answer.value !== undefined) {
        problems.push({ index, itemId: item.id, kind: 'wrong-answer-type' });
        continue;
      }
      if (answer.text.length > OPEN_ANSWER_MAX_LENGTH) {
        problems.push({ index, itemId: item.id, kind: 'text-too-long' });
        continue;
      }
      const text = answer.text.trim();
      if (text !== '') result[item.id] = text;
      continue;
    }
    if (typeof answer.value !== 'number' || answer.text !== undefined) {
      problems.push({ index, itemId: item.id, kind: 'wrong-answer-type' });
      continue;
    }
    const scale = SCALES[item.kind];
    if (!Number.isInteger(answer.value) || answer.value < scale.min || answer.value > scale.max) {
      problems.push({ index, itemId: item.id, kind: 'out-of-range' });
      continue;
    }
    result[item.id] = answer.value;
  }
  for (const item of questionnaire.items) {
    if (item.kind !== 'open' && !(item.id in result) && !problems.some((problem) => problem.itemId === item.id)) {
      problems.push({ index: null, itemId: item.id, kind: 'missing-answer' });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: result };
}
