import {
  COST_CATEGORIES,
  type CostSettings,
  costPerHire,
  earlyLeavingCost,
  lineTotalCents,
  validateCostSettings,
} from './costCalculator';
import { PUBLISHED_COST_TABLES } from './costCalculatorExamples';

const euros = (cents: number) => Math.round(cents / 100);

describe('the cost calculator (rekentool)', () => {
  it.each(PUBLISHED_COST_TABLES.map((table) => [table.organisation, table] as const))(
    '%s: the filled-in table entered as settings gives the published subtotals and total, to the euro',
    (_name, table) => {
      const breakdown = costPerHire(table.settings);
      const subtotals = Object.fromEntries(
        COST_CATEGORIES.map((category) => [category, euros(breakdown.categoryCents[category])]),
      );
      expect(subtotals).toEqual(table.subtotals);
      expect(euros(breakdown.totalCents)).toBe(table.total);
      // Exact in cents, not only after rounding: nothing is lost between lines and totals.
      expect(breakdown.totalCents).toBe(table.total * 100);
    },
  );

  it('is hours × rate + out-of-pocket per line, exact in cents', () => {
    expect(lineTotalCents({ hours: 0.25, hourlyRate: 62, outOfPocket: 0 })).toBe(1550);
    expect(lineTotalCents({ hours: 1.5, hourlyRate: 33.33, outOfPocket: 0.1 })).toBe(5010);
  });

  const settings: CostSettings = {
    lines: [
      { line: 'interviews', hours: 10, hourlyRate: 50, outOfPocket: 0 },
      { line: 'interviews', role: 'gedragswetenschapper', hours: 20, hourlyRate: 60, outOfPocket: 0 },
      { line: 'supernumerary-new-hire', hours: 100, hourlyRate: 40, outOfPocket: 0 },
      { line: 'mentor-guidance', hours: 50, hourlyRate: 55, outOfPocket: 0 },
    ],
  };

  it('uses a role’s own line where there is one, and the general line elsewhere', () => {
    expect(costPerHire(settings).totalCents).toBe((500 + 4000 + 2750) * 100);
    const role = costPerHire(settings, 'gedragswetenschapper');
    expect(role.totalCents).toBe((1200 + 4000 + 2750) * 100);
    expect(role.lines.find((line) => line.line === 'interviews')).toMatchObject({
      role: 'gedragswetenschapper',
      totalCents: 120000,
    });
    expect(costPerHire(settings, 'jeugdzorgwerker').totalCents).toBe(costPerHire(settings).totalCents);
  });

  it('prices this period’s early leavers per role and what a lower early outflow would save', () => {
    // 100 hires, 17 early leavers (RvdK 2016), target 3% (RvdK 2020, 000).
    const result = earlyLeavingCost(
      settings,
      {
        hiresByRole: { jeugdzorgwerker: 80, gedragswetenschapper: 20 },
        earlyLeaversByRole: { jeugdzorgwerker: 14, gedragswetenschapper: 3 },
        mentorHours: 4000,
        mentoredHires: 100,
      },
      0.03,
    );
    expect(result).toMatchObject({ hires: 100, earlyLeavers: 17, costPerHireCents: 725000 });
    expect(result.earlyLeaverRate).toBeCloseTo(0.17, 12);
    expect(result.earlyLeaversCents).toBe(14 * 725000 + 3 * 795000);
    // Above 3%: 14 − 2.4 jeugdzorgwerkers and 3 − 0.6 gedragswetenschappers.
    expect(result.savingAtTargetCents).toBe(Math.round(11.6 * 725000) + Math.round(2.4 * 795000));
    expect(result.mentorHoursPerHire).toEqual({ observed: 40, setting: 50 });
  });

  it('refuses unknown lines, duplicates and amounts that are not money, all at once', () => {
    const result = validateCostSettings({
      lines: [
        { line: 'coffee', hours: 1, hourlyRate: 1, outOfPocket: 0 },
        { line: 'interviews', hours: -1, hourlyRate: 1.234, outOfPocket: 0 },
        { line: 'interviews', hours: 1, hourlyRate: 1, outOfPocket: 0 },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.pointer)).toEqual([
      '/lines/0/line',
      '/lines/1/hours',
      '/lines/1/hourlyRate',
      '/lines/2',
    ]);
    expect(result.problems[0]).toMatchObject({
      nl: 'Onbekende kostenpost "coffee".',
      en: 'Unknown cost line "coffee".',
    });
    expect(validateCostSettings({ lines: PUBLISHED_COST_TABLES[0]!.settings.lines })).toEqual({
      ok: true,
      value: PUBLISHED_COST_TABLES[0]!.settings,
    });
  });
});
