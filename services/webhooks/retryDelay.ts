/**
 * The wait before retry `retry` (1 for the second attempt): `baseMs`, doubled for each further retry, plus up to
 * half of that again at random. The jitter spreads the retries of many deliveries that failed together (a
 * receiver that was down for everyone), so they do not all arrive again in the same instant; the doubling is
 * never cut short, so a struggling receiver always gets at least the documented pause.
 */
export function retryDelayMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const nominal = baseMs * 2 ** (retry - 1);
  return Math.round(nominal + random() * (nominal / 2));
}
