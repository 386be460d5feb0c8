import { retryDelayMs } from './retryDelay';

describe('webhook retry delays', () => {
  it('double from the first back-off, plus up to half again at random', () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, 1_000, () => 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, 1_000, () => 0.999999))).toEqual([1_500, 3_000, 6_000]);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, 1_000)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) {
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(6_000);
    }
  });
});
