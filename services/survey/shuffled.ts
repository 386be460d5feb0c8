import { randomInt } from 'node:crypto';

/**
 * A copy in random order (Fisher–Yates on crypto randomness): released answers are written in an order that says
 * nothing about the order they were given in.
 */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
