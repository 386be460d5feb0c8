/**
 * Why people leave, and what would have kept them: the codes an exit interview records. Taken from the exit
 * surveys the research cites (shared/domain.md, "The problem in numbers" and stage 7, source 000), so our
 * analytics compare with the sector's own figures. Several reasons per person, as in the Prismant survey.
 * Codes only, never free text: an exit interview's notes are personal and stay with the HR advisor.
 */

export type Language = 'nl' | 'en';

/** Groups codes from different surveys for analytics by start cohort and team. */
export type ExitTheme = 'workload' | 'leadership' | 'development' | 'work-content' | 'private-life' | 'other';

export interface TaxonomyEntry<Code extends string> {
  readonly code: Code;
  readonly theme: ExitTheme;
  readonly labels: Readonly<Record<Language, string>>;
}

export const EXIT_REASONS = [
  // Prismant exit survey, n=185: workload 52% (000).
  { code: 'workload', theme: 'workload', labels: { nl: 'Werkdruk', en: 'Workload' } },
  // Prismant: administrative burden 45% (000).
  {
    code: 'administrative-burden',
    theme: 'workload',
    labels: { nl: 'Administratieve lasten', en: 'Administrative burden' },
  },
  // Prismant: little support from managers 39% (000).
  {
    code: 'little-manager-support',
    theme: 'leadership',
    labels: { nl: 'Weinig steun van leidinggevenden', en: 'Little support from managers' },
  },
  // RegioPlus, client-facing staff: career opportunities 19.5% (000).
  {
    code: 'career-opportunities',
    theme: 'development',
    labels: { nl: 'Loopbaanmogelijkheden', en: 'Career opportunities' },
  },
  // RegioPlus: challenge in the work 18.6% (000).
  {
    code: 'challenge-in-work',
    theme: 'development',
    labels: { nl: 'Uitdaging in het werk', en: 'Challenge in the work' },
  },
  // RegioPlus: way of working / leadership 18.5% (000).
  {
    code: 'way-of-working-leadership',
    theme: 'leadership',
    labels: { nl: 'Manier van werken en leidinggeven', en: 'Way of working and leadership' },
  },
  // RegioPlus: content of the work / type of clients 15.8% (000).
  {
    code: 'work-content-client-type',
    theme: 'work-content',
    labels: { nl: 'Inhoud van het werk of soort cliënten', en: 'Content of the work or type of clients' },
  },
  // RegioPlus: work–private balance 12.6% (000).
  {
    code: 'work-private-balance',
    theme: 'private-life',
    labels: { nl: 'Balans tussen werk en privé', en: 'Work–private balance' },
  },
  // Not from the research: room for what the surveys did not list, without free text.
  { code: 'other', theme: 'other', labels: { nl: 'Anders', en: 'Other' } },
] as const satisfies readonly TaxonomyEntry<string>[];

export type ExitReasonCode = (typeof EXIT_REASONS)[number]['code'];

export const RETENTION_FACTORS = [
  // "What would have kept you": nothing, it was time for something else 29.4% (000 stage 7).
  {
    code: 'nothing-time-for-something-else',
    theme: 'other',
    labels: { nl: 'Niets, het was tijd voor iets anders', en: 'Nothing, it was time for something else' },
  },
  // Better communication by the manager 21.6% (000 stage 7).
  {
    code: 'better-manager-communication',
    theme: 'leadership',
    labels: { nl: 'Betere communicatie door de leidinggevende', en: 'Better communication by the manager' },
  },
  // Private circumstances 15.9% (000 stage 7).
  {
    code: 'private-circumstances',
    theme: 'private-life',
    labels: { nl: 'Privéomstandigheden', en: 'Private circumstances' },
  },
  // Less workload 12.0% (000 stage 7).
  { code: 'less-workload', theme: 'workload', labels: { nl: 'Minder werkdruk', en: 'Less workload' } },
  // Not from the research: see `other` above.
  { code: 'other', theme: 'other', labels: { nl: 'Anders', en: 'Other' } },
] as const satisfies readonly TaxonomyEntry<string>[];

export type RetentionFactorCode = (typeof RETENTION_FACTORS)[number]['code'];

export interface ExitReasons {
  /** At least one: an exit without a reason tells the organisation nothing. */
  readonly reasons: readonly ExitReasonCode[];
  /** May be empty: not everyone wants to say. */
  readonly wouldHaveKept: readonly RetentionFactorCode[];
}

export type ExitReasonsResult =
  | { readonly ok: true; readonly value: ExitReasons }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The problems a caller can make, per language. Dutch needs the article and adjective of each noun ("de vertrekreden",
 * "het antwoord"), so a list names its noun whole rather than building it from one word.
 */
const MESSAGES = {
  nl: {
    notAnObject: 'Geef de vertrekredenen op als object met "reasons".',
    notAList: (field: string) => `"${field}" moet een lijst met codes zijn.`,
    noReason: 'Kies minstens één vertrekreden.',
    nothingWithOthers:
      '"Niets, het was tijd voor iets anders" gaat niet samen met andere antwoorden op "wat had je kunnen houden".',
    reasons: {
      unknown: (code: string, known: string) => `Onbekende vertrekreden "${code}"; kies uit: ${known}.`,
      twice: (code: string) => `De vertrekreden "${code}" staat er twee keer in.`,
    },
    wouldHaveKept: {
      unknown: (code: string, known: string) =>
        `Onbekend antwoord op "wat had je kunnen houden" "${code}"; kies uit: ${known}.`,
      twice: (code: string) => `Het antwoord op "wat had je kunnen houden" "${code}" staat er twee keer in.`,
    },
  },
  en: {
    notAnObject: 'Give the exit reasons as an object with "reasons".',
    notAList: (field: string) => `"${field}" must be a list of codes.`,
    noReason: 'Choose at least one exit reason.',
    nothingWithOthers:
      '"Nothing, it was time for something else" cannot be combined with other answers to "what would have kept you".',
    reasons: {
      unknown: (code: string, known: string) => `Unknown exit reason "${code}"; choose from: ${known}.`,
      twice: (code: string) => `The exit reason "${code}" is listed twice.`,
    },
    wouldHaveKept: {
      unknown: (code: string, known: string) =>
        `Unknown answer to "what would have kept you" "${code}"; choose from: ${known}.`,
      twice: (code: string) => `The answer to "what would have kept you" "${code}" is listed twice.`,
    },
  },
} as const;

type CodeListMessages = (typeof MESSAGES)[Language]['reasons'];

/** Checks what an API caller sent; every problem at once, in the language of the HR advisor who filled it in. */
export function validateExitReasons(input: unknown, language: Language = 'nl'): ExitReasonsResult {
  const messages = MESSAGES[language];
  const problems: string[] = [];
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null) problems.push(messages.notAnObject);

  const reasons = codeList(body.reasons, 'reasons', EXIT_REASONS, problems, messages.notAList, messages.reasons);
  if (Array.isArray(body.reasons) && body.reasons.length === 0) problems.push(messages.noReason);
  const kept =
    body.wouldHaveKept === undefined
      ? []
      : codeList(
          body.wouldHaveKept,
          'wouldHaveKept',
          RETENTION_FACTORS,
          problems,
          messages.notAList,
          messages.wouldHaveKept,
        );
  if (kept.includes('nothing-time-for-something-else') && kept.length > 1) problems.push(messages.nothingWithOthers);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: { reasons: reasons as ExitReasonCode[], wouldHaveKept: kept as RetentionFactorCode[] } };
}

export function exitReasonLabel(code: ExitReasonCode, language: Language = 'nl'): string {
  return EXIT_REASONS.find((entry) => entry.code === code)!.labels[language];
}

export function retentionFactorLabel(code: RetentionFactorCode, language: Language = 'nl'): string {
  return RETENTION_FACTORS.find((entry) => entry.code === code)!.labels[language];
}

function codeList(
  value: unknown,
  field: string,
  taxonomy: readonly TaxonomyEntry<string>[],
  problems: string[],
  notAList: (field: string) => string,
  messages: CodeListMessages,
): string[] {
  if (!Array.isArray(value)) {
    problems.push(notAList(field));
    return [];
  }
  const known = taxonomy.map((entry) => entry.code);
  const seen = new Set<string>();
  for (const code of value) {
    if (typeof code !== 'string' || !known.includes(code)) {
      problems.push(messages.unknown(String(code), known.join(', ')));
    } else if (seen.has(code)) {
      problems.push(messages.twice(code));
    }
    if (typeof code === 'string') seen.add(code);
  }
  return [...seen];
}
