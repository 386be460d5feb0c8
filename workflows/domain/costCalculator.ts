/**
 * The working group's cost calculator ("rekentool", appendix 4 of source 000; shared/domain.md): every line is
 * hours × hourly rate + out-of-pocket, summed per category and overall, per hire of an average role or of a
 * given role. The research's total ("totale kosten uitstroom") is what one hire costs from vacancy to full
 * productivity and out again: what an early leaver costs, since the place has to be filled again.
 * Money is counted in whole cents, so subtotals add up exactly as in the research's tables.
 */

export const COST_CATEGORIES = ['recruitment', 'onboarding', 'outflow', 'indirect'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Appendix 4's lines, in its order. The "other" lines: the outflow table has an open line "X"; the three
 * filled-in tools filed costs under different categories (000, 4.3), so every category has one. */
export const COST_LINES = [
  {
    code: 'profile-definition',
    category: 'recruitment',
    nl: 'Profielbepaling en beschrijven',
    en: 'Defining and describing the profile',
  },
  {
    code: 'vacancy-publication',
    category: 'recruitment',
    nl: 'Vacature uitzetten (kanalen, verspreiding)',
    en: 'Publishing the vacancy',
  },
  { code: 'letter-selection', category: 'recruitment', nl: 'Brieven selecteren', en: 'Selecting letters' },
  {
    code: 'interviews',
    category: 'recruitment',
    nl: 'Gesprekken voeren en inplannen',
    en: 'Planning and holding interviews',
  },
  {
    code: 'terms-of-employment',
    category: 'recruitment',
    nl: 'Arbeidsvoorwaardengesprek',
    en: 'Terms-of-employment talk',
  },
  { code: 'preboarding', category: 'recruitment', nl: 'Pre-boarden', en: 'Pre-boarding' },
  {
    code: 'systems-preparation',
    category: 'recruitment',
    nl: 'Zaken klaarzetten in systemen en praktisch',
    en: 'Preparing systems and practicalities',
  },
  { code: 'recruitment-other', category: 'recruitment', nl: 'Overige wervingskosten', en: 'Other recruitment costs' },
  { code: 'onboarding-activities', category: 'onboarding', nl: 'Onboardingactiviteiten', en: 'Onboarding activities' },
  {
    code: 'practical-matters',
    category: 'onboarding',
    nl: 'Praktische zaken (systemen en middelen)',
    en: 'Practical matters (systems, equipment)',
  },
  {
    code: 'team-induction',
    category: 'onboarding',
    nl: 'Inwerken door teamleden en organisatie',
    en: 'Onboarding by team members and organisation',
  },
  {
    code: 'mentor-guidance',
    category: 'onboarding',
    nl: 'Begeleiding, coach of buddy (boventallig)',
    en: 'Guidance, coach or buddy (supernumerary)',
  },
  {
    code: 'supernumerary-new-hire',
    category: 'onboarding',
    nl: 'Nieuwe medewerker (boventallig)',
    en: 'The new employee (supernumerary)',
  },
  { code: 'onboarding-other', category: 'onboarding', nl: 'Overige inwerkkosten', en: 'Other onboarding costs' },
  {
    code: 'contract-termination',
    category: 'outflow',
    nl: 'Afhandeling ontbinding contract (administratie)',
    en: 'Contract termination (administration)',
  },
  {
    code: 'returned-items',
    category: 'outflow',
    nl: 'Ontvangen en verwerken geretourneerde spullen',
    en: 'Receiving and processing returned items',
  },
  { code: 'exit-interview', category: 'outflow', nl: 'Exitgesprek', en: 'Exit interview' },
  {
    code: 'reduced-productivity',
    category: 'outflow',
    nl: 'Verlaagde productiviteit na opzegtermijn',
    en: 'Reduced productivity after notice',
  },
  { code: 'outflow-other', category: 'outflow', nl: 'Overige uitstroomkosten', en: 'Other outflow costs' },
  {
    code: 'open-vacancy',
    category: 'indirect',
    nl: 'Openstaande vacature (gat in formatie)',
    en: 'Open vacancy (gap in staffing)',
  },
  { code: 'recruitment-fee', category: 'indirect', nl: 'Werving- en selectiefee', en: 'Recruitment and selection fee' },
  {
    code: 'negative-spiral',
    category: 'indirect',
    nl: 'Negatieve spiraal (anderen gaan ook weg)',
    en: 'Negative spiral (others leave too)',
  },
  {
    code: 'knowledge-loss',
    category: 'indirect',
    nl: 'Verlies van kennis en ervaring',
    en: 'Loss of knowledge and experience',
  },
  {
    code: 'team-unrest',
    category: 'indirect',
    nl: 'Onrust en overbelasting in het team (verzuim)',
    en: 'Unrest and overload in the team (absence)',
  },
  {
    code: 'unmet-demand',
    category: 'indirect',
    nl: 'Niet geleverde zorg door gebrek aan capaciteit',
    en: 'Unmet demand for lack of capacity',
  },
  { code: 'indirect-other', category: 'indirect', nl: 'Overige indirecte kosten', en: 'Other indirect costs' },
] as const satisfies readonly { code: string; category: CostCategory; nl: string; en: string }[];

export type CostLineCode = (typeof COST_LINES)[number]['code'];

/** One filled-in line: for every role (no `role`) or for one role, which then replaces the general line. */
export interface CostLineSetting {
  readonly line: CostLineCode;
  readonly role?: string;
  readonly hours: number;
  /** Euros per hour. */
  readonly hourlyRate: number;
  /** Out-of-pocket euros per hire. */
  readonly outOfPocket: number;
}

export interface CostSettings {
  readonly lines: readonly CostLineSetting[];
}

export interface CostLineAmount {
  readonly line: CostLineCode;
  readonly category: CostCategory;
  /** The role whose own line applied; absent when the general line did. */
  readonly role?: string;
  readonly hours: number;
  readonly hourlyRate: number;
  readonly outOfPocket: number;
  readonly totalCents: number;
}

export interface CostBreakdown {
  readonly role?: string;
  /** Only lines with a setting. */
  readonly lines: readonly CostLineAmount[];
  readonly categoryCents: Readonly<Record<CostCategory, number>>;
  readonly totalCents: number;
}

const MAX_AMOUNT = 1_000_000;

function cents(euros: number): number {
  return Math.round(euros * 100);
}

/** hours × rate + out-of-pocket, in cents; hours and rates carry at most two decimals (see validateCostSettings). */
export function lineTotalCents(setting: Pick<CostLineSetting, 'hours' | 'hourlyRate' | 'outOfPocket'>): number {
  return Math.round((Math.round(setting.hours * 100) * cents(setting.hourlyRate)) / 100) + cents(setting.outOfPocket);
}

/** What one hire costs, per line and category: of `role` where it has lines of its own, else of the average role. */
export function costPerHire(settings: CostSettings, role?: string): CostBreakdown {
  const categoryCents = Object.fromEntries(COST_CATEGORIES.map((category) => [category, 0])) as Record<
    CostCategory,
    number
  >;
  const lines: CostLineAmount[] = [];
  for (const { code, category } of COST_LINES) {
    const own =
      role === undefined ? undefined : settings.lines.find((setting) => setting.line === code && setting.role === role);
    const setting = own ?? settings.lines.find((candidate) => candidate.line === code && candidate.role === undefined);
    if (!setting) continue;
    const totalCents = lineTotalCents(setting);
    categoryCents[category] += totalCents;
    lines.push({
      line: code,
      category,
      ...(own ? { role } : {}),
      hours: setting.hours,
      hourlyRate: setting.hourlyRate,
      outOfPocket: setting.outOfPocket,
      totalCents,
    });
  }
  const totalCents = COST_CATEGORIES.reduce((sum, category) => sum + categoryCents[category], 0);
  return { ...(role === undefined ? {} : { role }), lines, categoryCents, totalCents };
}

/** What the events show, for the calculator to weigh: counts per role ('' for hires without one). */
export interface ObservedOutflow {
  readonly hiresByRole: Readonly<Record<string, number>>;
  readonly earlyLeaversByRole: Readonly<Record<string, number>>;
  /** Mentor hours the journeys actually planned: the template's hours per week × weeks the mentorship lasted. */
  readonly mentorHours: number;
  /** Hires whose mentorship is in `mentorHours` (for the average per hire). */
  readonly mentoredHires: number;
}

export interface EarlyLeavingCost {
  readonly hires: number;
  readonly earlyLeavers: number;
  /** earlyLeavers / hires; null without hires. */
  readonly earlyLeaverRate: number | null;
  readonly costPerHireCents: number;
  /** Replacing a leaver costs a whole hire again: the research's total per hire, of the leavers' roles. */
  readonly earlyLeaversCents: number;
  readonly costPerEarlyLeaverCents: number | null;
  readonly targetRate: number;
  /** What the early leavers above the target rate cost: the saving if early outflow fell to the target. */
  readonly savingAtTargetCents: number;
  /** Mentor hours per mentored hire as the journeys ran them, beside the hours in the setting. */
  readonly mentorHoursPerHire: { readonly observed: number | null; readonly setting: number | null };
}

/**
 * The board's questions: what do this period's early leavers cost, and what would a lower early outflow (e.g. RvdK's
 * 17% → 3%, 000) save. Per role where the settings have role lines, else at the average role's cost.
 */
export function earlyLeavingCost(
  settings: CostSettings,
  observed: ObservedOutflow,
  targetRate: number,
): EarlyLeavingCost {
  if (!(targetRate >= 0 && targetRate <= 1))
    throw new RangeError(`The target rate is a share from 0 to 1, got ${targetRate}`);
  const roleCost = (role: string): number => costPerHire(settings, role === '' ? undefined : role).totalCents;
  const sum = (counts: Readonly<Record<string, number>>) =>
    Object.values(counts).reduce((total, count) => total + count, 0);
  const hires = sum(observed.hiresByRole);
  const earlyLeavers = sum(observed.earlyLeaversByRole);
  let earlyLeaversCents = 0;
  let savingAtTargetCents = 0;
  for (const [role, count] of Object.entries(observed.earlyLeaversByRole)) earlyLeaversCents += count * roleCost(role);
  for (const [role, roleHires] of Object.entries(observed.hiresByRole)) {
    const above = (observed.earlyLeaversByRole[role] ?? 0) - roleHires * targetRate;
    if (above > 0) savingAtTargetCents += Math.round(above * roleCost(role));
  }
  const mentorLine = settings.lines.find((setting) => setting.line === 'mentor-guidance' && setting.role === undefined);
  return {
    hires,
    earlyLeavers,
    earlyLeaverRate: hires > 0 ? earlyLeavers / hires : null,
    costPerHireCents: costPerHire(settings).totalCents,
    earlyLeaversCents,
    costPerEarlyLeaverCents: earlyLeavers > 0 ? Math.round(earlyLeaversCents / earlyLeavers) : null,
    targetRate,
    savingAtTargetCents,
    mentorHoursPerHire: {
      observed: observed.mentoredHires > 0 ? observed.mentorHours / observed.mentoredHires : null,
      setting: mentorLine ? mentorLine.hours : null,
    },
  };
}

/** A problem with one field of the settings, in both languages the API answers in. */
export interface CostSettingsProblem {
  /** JSON pointer into the body, e.g. `/lines/3/hours`. */
  readonly pointer: string;
  readonly nl: string;
  readonly en: string;
}

export type CostSettingsResult =
  | { readonly ok: true; readonly value: CostSettings }
  | { readonly ok: false; readonly problems: readonly CostSettingsProblem[] };

function isMoneyLike(value: unknown): value is number {
  // At most two decimals: cents for money, hundredths of hours; more would be rounded away unseen.
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= MAX_AMOUNT &&
    Math.abs(value * 100 - Math.round(value * 100)) < 1e-6
  );
}

/** Checks settings as sent; every problem at once. */
export function validateCostSettings(input: unknown): CostSettingsResult {
  const body = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
  if (!body || !Array.isArray(body.lines))
    return {
      ok: false,
      problems: [
        { pointer: '/lines', nl: 'Geef de kostenregels op als een lijst.', en: 'Give the cost lines as a list.' },
      ],
    };
  const problems: CostSettingsProblem[] = [];
  const known = COST_LINES.map((line) => line.code as string);
  const seen = new Set<string>();
  const lines: CostLineSetting[] = [];
  body.lines.forEach((raw: unknown, index: number) => {
    const at = `/lines/${index}`;
    const entry = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const { line, role } = entry;
    if (typeof line !== 'string' || !known.includes(line)) {
      problems.push({
        pointer: `${at}/line`,
        nl: `Onbekende kostenpost "${String(line)}".`,
        en: `Unknown cost line "${String(line)}".`,
      });
      return;
    }
    if (role !== undefined && (typeof role !== 'string' || role.trim() === '' || role.length > 100)) {
      problems.push({
        pointer: `${at}/role`,
        nl: 'De functie is tekst van 1 tot 100 tekens.',
        en: 'The role is text of 1 to 100 characters.',
      });
    }
    const key = `${line}\u0000${typeof role === 'string' ? role : ''}`;
    if (seen.has(key))
      problems.push({
        pointer: at,
        nl: `De kostenpost "${line}" staat er voor deze functie al eerder in.`,
        en: `The cost line "${line}" is already given for this role.`,
      });
    seen.add(key);
    for (const field of ['hours', 'hourlyRate', 'outOfPocket'] as const) {
      if (!isMoneyLike(entry[field])) {
        problems.push({
          pointer: `${at}/${field}`,
          nl: `Een getal van 0 tot ${MAX_AMOUNT} met hooguit twee decimalen.`,
          en: `A number from 0 to ${MAX_AMOUNT} with at most two decimals.`,
        });
      }
    }
    const amount = (field: 'hours' | 'hourlyRate' | 'outOfPocket') => (isMoneyLike(entry[field]) ? entry[field] : 0);
    lines.push({
      line: line as CostLineCode,
      ...(typeof role === 'string' ? { role } : {}),
      hours: amount('hours'),
      hourlyRate: amount('hourlyRate'),
      outOfPocket: amount('outOfPocket'),
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { lines } };
}

export function costLineLabel(code: CostLineCode, language: 'nl' | 'en' = 'nl'): string {
  return COST_LINES.find((line) => line.code === code)![language];
}
