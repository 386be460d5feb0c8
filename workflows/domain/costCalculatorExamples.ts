/**
 * The three cost calculators the working group filled in (000, 4.3: "gemiddelde kosten per medewerker"), as
 * settings. The research publishes only the category subtotals; the split over lines below is ours, built from
 * what 4.2–4.3 say of each organisation (Molendrift recruits through its network and onboards for about two
 * years; JB west pays an external party to recruit, reaches a full caseload after seven months and filed its
 * training under indirect costs; RvdK has its own recruiters, trains four products over two years and filed its
 * 90-day surveys under indirect costs). The subtotals and totals are the research's, to the euro.
 */
import type { CostCategory, CostSettings } from './costCalculator';

export interface PublishedCostTable {
  readonly organisation: string;
  readonly settings: CostSettings;
  /** Euros per hire, as published. */
  readonly subtotals: Readonly<Record<CostCategory, number>>;
  readonly total: number;
}

export const MOLENDRIFT: PublishedCostTable = {
  organisation: 'Molendrift',
  settings: {
    lines: [
      { line: 'interviews', hours: 12, hourlyRate: 64, outOfPocket: 0 },
      { line: 'terms-of-employment', hours: 2, hourlyRate: 64, outOfPocket: 0 },
      { line: 'preboarding', hours: 4, hourlyRate: 64, outOfPocket: 0 },
      { line: 'systems-preparation', hours: 4, hourlyRate: 64, outOfPocket: 120 },
      { line: 'onboarding-activities', hours: 16, hourlyRate: 62.5, outOfPocket: 0 },
      { line: 'practical-matters', hours: 0, hourlyRate: 0, outOfPocket: 1680 },
      { line: 'mentor-guidance', hours: 208, hourlyRate: 60, outOfPocket: 0 },
      { line: 'supernumerary-new-hire', hours: 1520, hourlyRate: 40, outOfPocket: 0 },
      { line: 'contract-termination', hours: 3, hourlyRate: 60, outOfPocket: 0 },
      { line: 'returned-items', hours: 2, hourlyRate: 60, outOfPocket: 0 },
      { line: 'exit-interview', hours: 2, hourlyRate: 60, outOfPocket: 0 },
    ],
  },
  subtotals: { recruitment: 1528, onboarding: 75960, outflow: 420, indirect: 0 },
  total: 77908,
};

export const JB_WEST: PublishedCostTable = {
  organisation: 'JB west',
  settings: {
    lines: [
      { line: 'vacancy-publication', hours: 4, hourlyRate: 55, outOfPocket: 1500 },
      { line: 'interviews', hours: 30, hourlyRate: 55, outOfPocket: 0 },
      { line: 'terms-of-employment', hours: 3, hourlyRate: 55, outOfPocket: 0 },
      { line: 'preboarding', hours: 6, hourlyRate: 55, outOfPocket: 0 },
      { line: 'systems-preparation', hours: 8, hourlyRate: 45, outOfPocket: 150 },
      // The external recruitment party.
      { line: 'recruitment-other', hours: 0, hourlyRate: 0, outOfPocket: 12000 },
      { line: 'practical-matters', hours: 0, hourlyRate: 0, outOfPocket: 250 },
      { line: 'team-induction', hours: 20, hourlyRate: 55, outOfPocket: 0 },
      { line: 'mentor-guidance', hours: 100, hourlyRate: 55, outOfPocket: 0 },
      { line: 'supernumerary-new-hire', hours: 560, hourlyRate: 38, outOfPocket: 0 },
      { line: 'contract-termination', hours: 6, hourlyRate: 45, outOfPocket: 0 },
      { line: 'returned-items', hours: 4, hourlyRate: 45, outOfPocket: 187 },
      { line: 'exit-interview', hours: 4, hourlyRate: 55, outOfPocket: 0 },
      { line: 'reduced-productivity', hours: 60, hourlyRate: 38, outOfPocket: 0 },
      // Training, which JB west filed here (000, 4.3).
      { line: 'indirect-other', hours: 40, hourlyRate: 55, outOfPocket: 4347 },
    ],
  },
  subtotals: { recruitment: 16375, onboarding: 28130, outflow: 3137, indirect: 6547 },
  total: 54189,
};

export const RVDK: PublishedCostTable = {
  organisation: 'Raad voor de Kinderbescherming',
  settings: {
    lines: [
      { line: 'profile-definition', hours: 4, hourlyRate: 58, outOfPocket: 0 },
      { line: 'vacancy-publication', hours: 2, hourlyRate: 58, outOfPocket: 300 },
      { line: 'letter-selection', hours: 6, hourlyRate: 58, outOfPocket: 0 },
      { line: 'interviews', hours: 16, hourlyRate: 58, outOfPocket: 0 },
      { line: 'terms-of-employment', hours: 2, hourlyRate: 58, outOfPocket: 0 },
      { line: 'preboarding', hours: 3, hourlyRate: 58, outOfPocket: 0 },
      { line: 'systems-preparation', hours: 2, hourlyRate: 45, outOfPocket: 92 },
      // The welcome card, flowers and the mentor's coffee moment.
      { line: 'onboarding-activities', hours: 8, hourlyRate: 58, outOfPocket: 75 },
      { line: 'practical-matters', hours: 0, hourlyRate: 0, outOfPocket: 1650 },
      { line: 'mentor-guidance', hours: 104, hourlyRate: 58, outOfPocket: 0 },
      { line: 'supernumerary-new-hire', hours: 800, hourlyRate: 42, outOfPocket: 0 },
      { line: 'contract-termination', hours: 0.5, hourlyRate: 45, outOfPocket: 0 },
      { line: 'exit-interview', hours: 0.25, hourlyRate: 62, outOfPocket: 0 },
      // The 90-day survey, the calls after it and its yearly analysis, which RvdK filed here (000, 4.3).
      { line: 'indirect-other', hours: 1, hourlyRate: 58, outOfPocket: 9 },
    ],
  },
  subtotals: { recruitment: 2396, onboarding: 41821, outflow: 38, indirect: 67 },
  total: 44322,
};

export const PUBLISHED_COST_TABLES: readonly PublishedCostTable[] = [MOLENDRIFT, JB_WEST, RVDK];
