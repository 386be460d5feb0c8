import fc from 'fast-check';
import { type SurvivalObservation, kaplanMeier, survivalAt } from './survival';

/**
 * An independent estimator to hold Kaplan–Meier against: Efron's "redistribute to the right". Every hire starts
 * with mass 1/n; walking in time order (leavers before censored hires on the same day), a censored hire hands
 * its mass out equally to everyone after it. S(t) is 1 minus the mass of the leavers up to t. Efron (1967)
 * showed it equals the product-limit estimate; it shares no code or formula with it.
 */
function redistributeToTheRight(observations: readonly SurvivalObservation[], day: number): number {
  const order = [...observations].sort((a, b) => a.days - b.days || (a.left === b.left ? 0 : a.left ? -1 : 1));
  const mass = order.map(() => 1 / order.length);
  order.forEach((observation, index) => {
    if (observation.left) return;
    const later = order.length - index - 1;
    if (later === 0) return;
    for (let next = index + 1; next < order.length; next += 1) mass[next]! += mass[index]! / later;
    mass[index] = 0;
  });
  return (
    1 -
    order.reduce(
      (sum, observation, index) => (observation.left && observation.days <= day ? sum + mass[index]! : sum),
      0,
    )
  );
}

describe('Kaplan–Meier survival', () => {
  // Eight hires, three still employed (censored on days 60, 120 and 200). Worked by hand:
  //   day  30: 8 at risk, 1 leaves → S = 7/8
  //   day  90: 6 at risk (one censored on day 60), 2 leave → S = 7/8 × 4/6 = 7/12
  //   day 150: 3 at risk (one censored on day 120), 1 leaves → S = 7/12 × 2/3 = 7/18
  //   day 200: 2 at risk, 1 leaves, 1 censored the same day → S = 7/18 × 1/2 = 7/36
  const hires: SurvivalObservation[] = [
    { days: 30, left: true },
    { days: 60, left: false },
    { days: 90, left: true },
    { days: 90, left: true },
    { days: 120, left: false },
    { days: 150, left: true },
    { days: 200, left: true },
    { days: 200, left: false },
  ];

  it('matches the hand-computed example with censored hires', () => {
    const curve = kaplanMeier(hires);
    expect(curve.steps.map(({ day, atRisk, left }) => [day, atRisk, left])).toEqual([
      [30, 8, 1],
      [90, 6, 2],
      [150, 3, 1],
      [200, 2, 1],
    ]);
    expect(curve.steps.map((step) => step.survival)).toEqual(
      [7 / 8, 7 / 12, 7 / 18, 7 / 36].map((value) => expect.closeTo(value, 12)),
    );
    expect(survivalAt(curve, 29)).toBe(1);
    expect(survivalAt(curve, 100)).toBeCloseTo(7 / 12, 12);
    expect(survivalAt(curve, 200)).toBeCloseTo(7 / 36, 12);
    expect(survivalAt(curve, 201)).toBeNull();
  });

  it('is not the naive share: censored hires count only as long as they were seen', () => {
    // Naively 6 of 8 "stayed" past day 90 minus the leavers = 5/8; the estimate is 7/12.
    expect(survivalAt(kaplanMeier(hires), 90)).not.toBeCloseTo(5 / 8, 3);
  });

  it('says nothing without observations, and zero once everyone has left', () => {
    expect(survivalAt(kaplanMeier([]), 10)).toBeNull();
    expect(survivalAt(kaplanMeier([{ days: 5, left: true }]), 400)).toBe(0);
    expect(() => kaplanMeier([{ days: -1, left: true }])).toThrow(RangeError);
  });

  it('agrees with redistribute-to-the-right on any hires', () => {
    const observation = fc.record({ days: fc.integer({ min: 0, max: 800 }), left: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(observation, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 800 }),
        (observations, day) => {
          const curve = kaplanMeier(observations);
          const estimate = survivalAt(curve, day);
          if (estimate === null) return day > curve.followUpDays;
          return Math.abs(estimate - redistributeToTheRight(observations, day)) < 1e-9;
        },
      ),
      { numRuns: 500 },
    );
  });
});
